import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb, type Db } from "@/db";
import type { ApiKeyScope } from "@/db/schema";
import { authenticateApiKey, type ApiCaller } from "@/lib/api-keys/api-keys";
import { AppError, isAppError } from "@/lib/errors";
import { newRequestId, requestIdHeader } from "@/lib/http/request-id";
import { logServerError } from "@/lib/logging/log-server-error";

export function apiError(status: number, code: string, message: string, fields?: Record<string, string[]>) {
  return NextResponse.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status });
}

type Handler<P> = (request: Request, ctx: { db: Db; caller: ApiCaller; params: P }) => Promise<Response>;

/**
 * Every /api/v1 route goes through this: a Bearer API key of a live key with the scope the
 * route needs, then the handler, with domain errors turned into JSON answers.
 */
export function apiRoute<P>(scope: ApiKeyScope, handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const secret = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    if (!secret) return apiError(401, "unauthenticated", "Send an API key as 'Authorization: Bearer <key>'");
    const db = await getDb();
    const caller = await authenticateApiKey(db, secret);
    if (!caller) return apiError(401, "unauthenticated", "This API key is not valid or was revoked");
    if (!caller.scopes.includes(scope)) return apiError(403, "forbidden", `This API key lacks the '${scope}' scope`);
    try {
      return await handler(request, { db, caller, params: await context.params });
    } catch (error) {
      if (isAppError(error)) return apiError(error.httpStatus, error.code, error.message, fieldErrorsOf(error));
      const requestId = request.headers.get(requestIdHeader) ?? newRequestId();
      logServerError(error, { requestId });
      return NextResponse.json(
        { error: { code: "internal", message: "Something went wrong on our side", requestId } },
        { status: 500, headers: { [requestIdHeader]: requestId } },
      );
    }
  };
}

/** The largest request body /api/v1 reads; anything larger is refused before it is parsed. */
export const maxBodyBytes = 64 * 1024;

/**
 * The request's JSON body checked against a (strict) schema, or an AppError: `body_too_large`
 * past `maxBodyBytes`, `invalid_json` when it does not parse, `invalid_input` naming every bad
 * or unknown field.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const text = await readBodyText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The body must be JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AppError("invalid_input", z.prettifyError(parsed.error), {
      fields: fieldErrorsOfIssues(parsed.error.issues),
    });
  }
  return parsed.data;
}

/**
 * Reads at most `maxBodyBytes`, whatever Content-Length says: a missing or understated length
 * is caught while the stream is read, and the rest is never buffered.
 */
async function readBodyText(request: Request): Promise<string> {
  const tooLarge = () => new AppError("body_too_large", `The body must be at most ${maxBodyBytes} bytes`);
  if (Number(request.headers.get("content-length")) > maxBodyBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("invalid_json", "The body must be JSON in UTF-8");
  }
}

/** Issues by field path ("lines.0.amountMinor"); each unknown key is a field of its own. */
function fieldErrorsOfIssues(issues: z.core.$ZodIssue[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  const add = (path: PropertyKey[], message: string) => {
    const key = path.map(String).join(".") || "body";
    (fields[key] ??= []).push(message);
  };
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add([...issue.path, key], "unknownField");
    } else {
      add(issue.path, issue.message);
    }
  }
  return fields;
}

/** The field errors a domain error carries: a map from readJson, or the one field it names. */
function fieldErrorsOf(error: AppError): Record<string, string[]> | undefined {
  const { fields, field, validation } = error.details ?? {};
  if (fields && typeof fields === "object") return fields as Record<string, string[]>;
  if (typeof field === "string") return { [field]: [String(validation ?? "invalid")] };
  return undefined;
}

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
      if (isAppError(error)) return apiError(error.httpStatus, error.code, error.message);
      const requestId = request.headers.get(requestIdHeader) ?? newRequestId();
      logServerError(error, { requestId });
      return NextResponse.json(
        { error: { code: "internal", message: "Something went wrong on our side", requestId } },
        { status: 500, headers: { [requestIdHeader]: requestId } },
      );
    }
  };
}

/** The request's JSON body checked against a schema, or an AppError naming the bad fields. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const body: unknown = await request.json().catch(() => undefined);
  if (body === undefined) throw new AppError("invalid_input", "The body must be JSON");
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AppError("invalid_input", z.prettifyError(parsed.error));
  }
  return parsed.data;
}

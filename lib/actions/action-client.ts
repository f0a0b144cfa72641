import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getDb, type Db } from "@/db";
import type { StaffRole } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-claims";
import { findStaffAccess, roleAllows, type StaffAccess, type StaffPermission } from "@/lib/auth/staff-access";
import { AppError, isAppError, type AppErrorCode } from "@/lib/errors";
import { getSessionUser } from "@/lib/dal/session";
import { currentRequestId } from "@/lib/http/request-id";
import { logServerError } from "@/lib/logging/log-server-error";
import type { Member } from "@/lib/members/load-member";
import { requireMembership } from "@/lib/members/require-membership";

/**
 * What every server action returns, for `useActionState` and for direct calls. Errors are
 * codes, translated by the client; field errors are keys of the "validation" catalog. An
 * unexpected failure carries the request id its log line has, for the person to quote.
 */
export type ActionState<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: AppErrorCode | "internal";
      fieldErrors?: Record<string, string[]>;
      requestId?: string;
      /** What a form sent, for it to show again (React resets a form after its action). */
      values?: Record<string, string>;
    };

type Input<S extends z.ZodType> = z.input<S> | FormData;

function readInput(input: unknown): unknown {
  return input instanceof FormData ? Object.fromEntries(input) : input;
}

/** A form's text fields as sent, never a password (nor Next's own `$ACTION` fields). */
function submittedValues(input: unknown): Record<string, string> | undefined {
  if (!(input instanceof FormData)) return undefined;
  const values: Record<string, string> = {};
  for (const [name, value] of input) {
    if (typeof value === "string" && !/password/i.test(name) && !name.startsWith("$ACTION")) values[name] = value;
  }
  return values;
}

async function run<S extends z.ZodType, Ctx, R>(
  schema: S,
  input: unknown,
  authorize: (data: z.output<S>) => Promise<Ctx>,
  fn: (data: z.output<S>, ctx: Ctx) => Promise<R>,
): Promise<ActionState<R>> {
  const values = submittedValues(input);
  const parsed = schema.safeParse(readInput(input));
  if (!parsed.success) {
    return {
      ok: false,
      error: "invalid_input",
      fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      values,
    };
  }
  try {
    const ctx = await authorize(parsed.data);
    return { ok: true, data: await fn(parsed.data, ctx) };
  } catch (error) {
    unstable_rethrow(error);
    if (isAppError(error)) {
      // A domain check about one field (an amount that does not parse) is shown on that field.
      const field = error.details?.field;
      return typeof field === "string"
        ? {
            ok: false,
            error: error.code,
            fieldErrors: { [field]: [String(error.details?.validation ?? "invalid")] },
            values,
          }
        : { ok: false, error: error.code, values };
    }
    const requestId = await currentRequestId();
    logServerError(error, { requestId });
    return { ok: false, error: "internal", requestId, values };
  }
}

/** An action anyone may call (sign-up, sign-in). */
export function publicAction<S extends z.ZodType, R>(
  schema: S,
  fn: (data: z.output<S>, ctx: { db: Db }) => Promise<R>,
) {
  return async (input: Input<S>): Promise<ActionState<R>> =>
    run(schema, input, async () => ({ db: await getDb() }), fn);
}

/** An action for a signed-in person, acting on their own account (joining a program, say); for a member of a program, `membershipAction`. */
export function memberAction<S extends z.ZodType, R>(
  schema: S,
  fn: (data: z.output<S>, ctx: { db: Db; user: SessionUser }) => Promise<R>,
) {
  return async (input: Input<S>): Promise<ActionState<R>> => {
    const user = await getSessionUser();
    if (!user) return { ok: false, error: "unauthenticated" };
    return run(schema, input, async () => ({ db: await getDb(), user }), fn);
  };
}

export type MembershipContext = { db: Db; user: SessionUser; member: Member };

/**
 * An action for a member of one program. The input names the program; the caller's own
 * membership of it is read from the database (open, and theirs: there is no member id to
 * send), so no member action can reach another person's points or forget to look.
 */
export function membershipAction<S extends z.ZodType<{ programSlug: string }>, R>(
  schema: S,
  fn: (data: z.output<S>, ctx: MembershipContext) => Promise<R>,
) {
  return async (input: Input<S>): Promise<ActionState<R>> => {
    const user = await getSessionUser();
    if (!user) return { ok: false, error: "unauthenticated" };
    return run(
      schema,
      input,
      async (data) => {
        const db = await getDb();
        return { db, user, member: await requireMembership(db, { programSlug: data.programSlug, userId: user.id }) };
      },
      fn,
    );
  };
}

export type StaffContext = { db: Db; user: SessionUser; merchant: StaffAccess["merchant"]; role: StaffRole };

/**
 * An action for a merchant's staff. The input names the merchant; the caller's role there is
 * read from the database and must grant `permission`. Domain functions then scope every
 * object to `ctx.merchant.id`, so another merchant's ids are simply not found.
 */
export function staffAction<S extends z.ZodType<{ merchantSlug: string }>, R>(
  config: { schema: S; permission: StaffPermission },
  fn: (data: z.output<S>, ctx: StaffContext) => Promise<R>,
) {
  return async (input: Input<S>): Promise<ActionState<R>> => {
    const user = await getSessionUser();
    if (!user) return { ok: false, error: "unauthenticated" };
    return run(
      config.schema,
      input,
      async (data) => {
        const db = await getDb();
        const access = await findStaffAccess(db, { userId: user.id, merchantSlug: data.merchantSlug });
        if (!access || !roleAllows(access.role, config.permission)) {
          throw new AppError("forbidden", "Not allowed for this merchant");
        }
        return { db, user, ...access };
      },
      fn,
    );
  };
}

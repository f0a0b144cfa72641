import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import type { PublicUser } from "./register-user";

/** What the session token says about its holder: who, and which session version it was issued under. */
export type SessionClaims = { userId?: string | null; sessionVersion?: number | null };

export type SessionUser = PublicUser & { emailVerified: boolean };

/** The version a token issued now carries. */
export async function currentSessionVersion(db: Db, userId: string): Promise<number | null> {
  const [row] = await db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row?.sessionVersion ?? null;
}

/**
 * The user a token stands for, in one query, or null when the account is gone or its session
 * version has moved on since the token was issued (sign-out, a new password, removal from staff).
 * A token without a version predates versions and is refused too.
 */
export async function findSessionUser(db: Db, claims: SessionClaims): Promise<SessionUser | null> {
  if (!claims.userId || typeof claims.sessionVersion !== "number") return null;
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      emailVerifiedAt: users.emailVerified,
    })
    .from(users)
    .where(and(eq(users.id, claims.userId), eq(users.sessionVersion, claims.sessionVersion)));
  if (!user) return null;
  const { emailVerifiedAt, ...rest } = user;
  return { ...rest, emailVerified: emailVerifiedAt !== null };
}

import "server-only";
import { cache } from "react";
import { getDb } from "@/db";
import { auth } from "@/lib/auth/auth";
import { findSessionUser, type SessionUser } from "@/lib/auth/session-claims";

/**
 * The signed-in user, re-read from the database on every request: a deleted account, or a
 * token whose session version has since moved on (signed out, new password), is signed out at once.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  return findSessionUser(await getDb(), { userId: session.user.id, sessionVersion: session.sessionVersion });
});

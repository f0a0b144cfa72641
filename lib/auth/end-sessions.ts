import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";

/**
 * Ends every session the user has open by moving their session version on: tokens carrying
 * the old version are refused from the next request. With `ifVersion`, only a token that is
 * still current can do it, so a replayed stale cookie cannot sign the user out elsewhere.
 */
export async function endSessions(db: Db, input: { userId: string; ifVersion?: number }): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(
      and(
        eq(users.id, input.userId),
        input.ifVersion === undefined ? undefined : eq(users.sessionVersion, input.ifVersion),
      ),
    );
}

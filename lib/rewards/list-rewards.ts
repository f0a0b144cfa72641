import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { rewards } from "@/db/schema";

/** A program's active catalog, in the merchant's order. */
export function listActiveRewards(db: Db, programId: string) {
  return db
    .select()
    .from(rewards)
    .where(and(eq(rewards.programId, programId), eq(rewards.status, "active")))
    .orderBy(asc(rewards.position), asc(rewards.costPoints));
}

import { lte } from "drizzle-orm";
import type { Db } from "@/db";
import { rateLimits } from "@/db/schema";

/**
 * Deletes the keys whose streak is forgotten (its window ends after any block), which count
 * exactly as a missing row would: guessing at many accounts must not grow the table for ever.
 */
export async function purgeRateLimits(db: Db, input: { now: Date }): Promise<{ purged: number }> {
  const purged = await db
    .delete(rateLimits)
    .where(lte(rateLimits.windowEndsAt, input.now))
    .returning({ key: rateLimits.key });
  return { purged: purged.length };
}

import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { rateLimits } from "@/db/schema";

/** Forgets a key's streak and its blocks, e.g. once the account's owner has signed in. */
export async function resetRateLimit(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

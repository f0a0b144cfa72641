import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { rateLimits } from "@/db/schema";

/**
 * `limit` attempts per streak; the next one is refused and blocks the key for `blockMs`, and
 * each further block in the same streak lasts twice as long, up to `maxBlockMs`, with one
 * attempt allowed between blocks. A streak is forgotten after `windowMs` without an attempt
 * (counted from the end of the last block).
 */
export type RateLimitRule = { limit: number; windowMs: number; blockMs: number; maxBlockMs: number };

export type RateLimitDecision =
  | { allowed: true }
  /** `blockStarted`: this attempt began the block, so it is reported once per block. */
  | { allowed: false; retryAt: Date; blockStarted: boolean };

// Doubling stops here, far past any sensible maxBlockMs, so the power never overflows.
const maxDoublings = 30;

/**
 * Counts an attempt for `key` and says whether it may go ahead, in one upsert: concurrent
 * attempts queue on the row, so however many arrive at once, at most `limit` are allowed.
 * Call it before the costly or guessable work, never after.
 *
 * rate-limiter-flexible was left out: its Postgres store uses named prepared statements, which
 * PgBouncer 1.18 in transaction mode breaks, and it reads Date.now() where tests pass a clock.
 */
export async function consumeRateLimit(
  db: Db,
  input: { key: string; rule: RateLimitRule; now: Date },
): Promise<RateLimitDecision> {
  const { key, rule } = input;
  const now = sql`${input.now.toISOString()}::timestamptz`;
  const ms = (value: number | SQL) => sql`(${value} * interval '1 millisecond')`;
  const forgotten = sql`${rateLimits.windowEndsAt} <= ${now}`;
  const hits = sql`(CASE WHEN ${forgotten} THEN 1 ELSE ${rateLimits.hits} + 1 END)`;
  const strikes = sql`(CASE WHEN ${forgotten} THEN 0 ELSE ${rateLimits.strikes} END)`;
  const over = sql`${hits} > ${rule.limit}`;
  const blockEnds = sql`${now} + ${ms(sql`least(${rule.blockMs}::float8 * power(2, least(${strikes}, ${maxDoublings})), ${rule.maxBlockMs})`)}`;

  const [row] = await db
    .insert(rateLimits)
    .values({
      key,
      hits: 1,
      windowEndsAt: new Date(input.now.getTime() + rule.windowMs),
      blockedUntil: null,
      strikes: 0,
    })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        // After a block the streak stands one short of the limit: one attempt, then a longer block.
        hits: sql`CASE WHEN ${over} THEN ${rule.limit - 1} ELSE ${hits} END`,
        blockedUntil: sql`CASE WHEN ${over} THEN ${blockEnds} ELSE NULL END`,
        strikes: sql`CASE WHEN ${over} THEN ${strikes} + 1 ELSE ${strikes} END`,
        windowEndsAt: sql`(CASE WHEN ${over} THEN ${blockEnds} ELSE ${now} END) + ${ms(rule.windowMs)}`,
      },
      // A blocked key is left as it is, and no row comes back.
      setWhere: sql`${rateLimits.blockedUntil} IS NULL OR ${rateLimits.blockedUntil} <= ${now}`,
    })
    .returning({ blockedUntil: rateLimits.blockedUntil });

  if (row) {
    return row.blockedUntil && row.blockedUntil > input.now
      ? { allowed: false, retryAt: row.blockedUntil, blockStarted: true }
      : { allowed: true };
  }
  const [blocked] = await db.select({ until: rateLimits.blockedUntil }).from(rateLimits).where(eq(rateLimits.key, key));
  return { allowed: false, retryAt: blocked?.until ?? input.now, blockStarted: false };
}

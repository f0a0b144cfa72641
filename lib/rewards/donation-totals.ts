import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { redemptions, rewards } from "@/db/schema";

export type DonationTotal = {
  rewardId: string;
  rewardName: string;
  /** Points members gave: their redemptions of this donation reward, less the cancelled ones. */
  points: number;
  /** What those points are worth in the program's currency, in minor units. */
  valueMinor: number;
};

/**
 * The running totals of a cause program, per donation reward (archived ones included, so a
 * total never shrinks when a cause is retired; a reward nobody gave to is left out): the points
 * of its completed redemptions (a cancelled one has given nothing) and their value in money,
 * the reward's `value` per redemption when set (a fixed gift of that many minor units),
 * otherwise the points at the program's `pointValueMinor`.
 */
export async function donationTotals(
  db: Db,
  input: { merchantId: string; programId: string; pointValueMinor: number },
): Promise<DonationTotal[]> {
  const rows = await db
    .select({
      rewardId: rewards.id,
      rewardName: rewards.name,
      points: sql<number>`coalesce(sum(${redemptions.pointsSpent}), 0)::int8`,
      valueMinor: sql<number>`coalesce(sum(coalesce(${rewards.value}, ${redemptions.pointsSpent} * ${input.pointValueMinor}::int8)), 0)::int8`,
    })
    .from(rewards)
    .innerJoin(
      redemptions,
      and(
        eq(redemptions.rewardId, rewards.id),
        eq(redemptions.merchantId, input.merchantId),
        eq(redemptions.status, "completed"),
      ),
    )
    .where(
      and(
        eq(rewards.merchantId, input.merchantId),
        eq(rewards.programId, input.programId),
        eq(rewards.kind, "donation"),
      ),
    )
    .groupBy(rewards.id, rewards.name, rewards.position)
    .orderBy(asc(rewards.position), asc(rewards.name));
  return rows.map((row) => ({ ...row, points: Number(row.points), valueMinor: Number(row.valueMinor) }));
}

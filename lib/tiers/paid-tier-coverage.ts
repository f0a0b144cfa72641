import { and, asc, eq, gt, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db";
import { memberSubscriptions, members } from "@/db/schema";
import { loadProgramContext, type ProgramContext } from "@/lib/programs/program-context";

// Which paid tiers running subscriptions cover: the floor the tier review and the lapse sweep
// never move a member below. Apart from the sale (purchase-paid-tier.ts) so the review can ask
// without importing it.

export type Tier = ProgramContext["tiers"][number];

/** A tier with a price and a period is bought rather than earned. */
export function isPaidTier(tier: Tier | undefined): tier is Tier & { priceMinor: number; periodMonths: number } {
  return Boolean(tier && tier.priceMinor !== null && tier.periodMonths !== null && tier.periodMonths > 0);
}

export function tierRank(tiers: Tier[], tierKey: string | null): number {
  return tiers.find((tier) => tier.key === tierKey)?.rank ?? -Infinity;
}

/** A paid period still running after `now`: paid for, not cancelled, not yet ended. */
export function runningSubscriptions(input: { merchantId: string; now: Date }) {
  return and(
    eq(memberSubscriptions.merchantId, input.merchantId),
    eq(memberSubscriptions.status, "active"),
    gt(memberSubscriptions.periodEnd, input.now),
  );
}

export type ActivePaidTier = { tierKey: string; periodEnd: string };

/**
 * The highest-ranked paid tier a subscription covers at `now`, with the end of the last period
 * paid for it (renewals run on back to back). The tier review and the lapse sweep never move a
 * member below it.
 */
export async function activePaidTier(
  db: Db,
  input: { merchantId: string; memberId: string; now: Date },
): Promise<ActivePaidTier | null> {
  const [member] = await db
    .select({ programId: members.programId })
    .from(members)
    .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)));
  if (!member) return null;
  const context = await loadProgramContext(db, { programId: member.programId });
  const covering = await paidTierKeysCovering(db, {
    merchantId: input.merchantId,
    memberIds: [input.memberId],
    tiers: context.tiers,
    now: input.now,
  });
  const tierKey = covering.get(input.memberId);
  if (tierKey === undefined) return null;
  const periods = await db
    .select({ periodStart: memberSubscriptions.periodStart, periodEnd: memberSubscriptions.periodEnd })
    .from(memberSubscriptions)
    .where(
      and(
        runningSubscriptions(input),
        eq(memberSubscriptions.memberId, input.memberId),
        eq(memberSubscriptions.tierKey, tierKey),
      ),
    )
    .orderBy(asc(memberSubscriptions.periodStart));
  let periodEnd = input.now;
  for (const period of periods) {
    if (period.periodStart <= periodEnd && period.periodEnd > periodEnd) periodEnd = period.periodEnd;
  }
  return { tierKey, periodEnd: periodEnd.toISOString() };
}

/**
 * For each member, the highest-ranked tier (by `tiers`) of the subscriptions that cover `now`:
 * paid for, started and not yet ended. Members without one are left out.
 */
export async function paidTierKeysCovering(
  db: Db,
  input: { merchantId: string; memberIds: string[]; tiers: Tier[]; now: Date },
): Promise<Map<string, string>> {
  const covering = await db
    .select({ memberId: memberSubscriptions.memberId, tierKey: memberSubscriptions.tierKey })
    .from(memberSubscriptions)
    .where(
      and(
        runningSubscriptions(input),
        inArray(memberSubscriptions.memberId, input.memberIds),
        lte(memberSubscriptions.periodStart, input.now),
      ),
    )
    .orderBy(asc(memberSubscriptions.periodStart));
  const best = new Map<string, string>();
  for (const { memberId, tierKey } of covering) {
    const held = best.get(memberId);
    if (held === undefined || tierRank(input.tiers, tierKey) > tierRank(input.tiers, held)) best.set(memberId, tierKey);
  }
  return best;
}

import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { memberSubscriptions, members } from "@/db/schema";
import { loadProgramContext } from "@/lib/programs/program-context";
import { activePaidTier, isPaidTier } from "./paid-tier-coverage";
import { earnedTierAfterPaidTier } from "./review-tiers";

export type ExpirePaidTiersSummary = { subscriptionsExpired: number; membersReturned: number };

/**
 * The sweep for lapsed paid periods: marks them expired and returns each member still on a paid
 * tier to the higher of the tier they have earned, by the period review's rule (so never lower
 * mid-period than the review would leave them), and any paid tier another subscription still
 * covers. Safe on several instances at once (FOR UPDATE SKIP LOCKED) and idempotent: an
 * expired subscription is never looked at again. `merchantId` narrows it to one merchant;
 * without it the sweep covers every merchant.
 */
export async function expirePaidTiers(
  db: Db,
  input: { now: Date; merchantId?: string; batchSize?: number },
): Promise<ExpirePaidTiersSummary> {
  const summary: ExpirePaidTiersSummary = { subscriptionsExpired: 0, membersReturned: 0 };
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const lapsed = await tx
        .select({
          id: memberSubscriptions.id,
          memberId: memberSubscriptions.memberId,
          merchantId: memberSubscriptions.merchantId,
          tierKey: memberSubscriptions.tierKey,
        })
        .from(memberSubscriptions)
        .where(
          and(
            eq(memberSubscriptions.status, "active"),
            lte(memberSubscriptions.periodEnd, input.now),
            input.merchantId ? eq(memberSubscriptions.merchantId, input.merchantId) : undefined,
          ),
        )
        .orderBy(asc(memberSubscriptions.periodEnd), asc(memberSubscriptions.id))
        .limit(input.batchSize ?? 200)
        .for("update", { skipLocked: true });
      if (lapsed.length === 0) return null;
      await tx
        .update(memberSubscriptions)
        .set({ status: "expired" })
        .where(
          inArray(
            memberSubscriptions.id,
            lapsed.map((row) => row.id),
          ),
        );
      const byMember = new Map<string, { merchantId: string; tierKeys: Set<string> }>();
      for (const row of lapsed) {
        const entry = byMember.get(row.memberId) ?? { merchantId: row.merchantId, tierKeys: new Set<string>() };
        entry.tierKeys.add(row.tierKey);
        byMember.set(row.memberId, entry);
      }
      let returned = 0;
      for (const [memberId, { merchantId, tierKeys }] of [...byMember].sort(([a], [b]) => a.localeCompare(b))) {
        if (await returnToEarnedTier(tx, { merchantId, memberId, lapsedTierKeys: tierKeys, now: input.now }))
          returned += 1;
      }
      return { expired: lapsed.length, returned };
    });
    if (!batch) break;
    summary.subscriptionsExpired += batch.expired;
    summary.membersReturned += batch.returned;
  }
  return summary;
}

async function returnToEarnedTier(
  tx: Tx,
  input: { merchantId: string; memberId: string; lapsedTierKeys: Set<string>; now: Date },
): Promise<boolean> {
  const [member] = await tx
    .select()
    .from(members)
    .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)))
    .for("update");
  if (!member) return false;
  const context = await loadProgramContext(tx, { programId: member.programId });
  const held = context.tiers.find((tier) => tier.key === member.tierKey);
  const onPaidTier = isPaidTier(held) || (member.tierKey !== null && input.lapsedTierKeys.has(member.tierKey));
  if (!onPaidTier) return false;

  const earned = await earnedTierAfterPaidTier(tx, {
    merchantId: input.merchantId,
    memberId: member.id,
    context,
    now: input.now,
  });
  const stillPaid = await activePaidTier(tx, { merchantId: input.merchantId, memberId: member.id, now: input.now });
  const paid = context.tiers.find((tier) => tier.key === stillPaid?.tierKey) ?? null;
  const target = paid && paid.rank > (earned.tier?.rank ?? -Infinity) ? paid : earned.tier;
  const targetKey = target?.key ?? null;
  if (targetKey === member.tierKey) return false;
  // The earned tier includes the review of the period that ended; recording that keeps the
  // review from stepping the member down a second time for it.
  await tx
    .update(members)
    .set({ tierKey: targetKey, tierSince: input.now, tierReviewedPeriod: earned.reviewedPeriod })
    .where(and(eq(members.id, member.id), eq(members.merchantId, input.merchantId)));
  return true;
}

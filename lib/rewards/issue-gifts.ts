import { and, eq, inArray, like, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { pointEntries, rewards, vouchers } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import type { EarningRule } from "@/lib/rules/compute-purchase-points";
import { cancelIssuedVoucher } from "./cancel-voucher";
import { issueSystemVoucher, type IssuedVoucher } from "./issue-system-voucher";

/** The award key of a purchase's gift: one per purchase and rule, made unique by the ledger. */
export const giftAwardKey = (purchaseId: string, ruleKey: string) => `gift:${purchaseId}:${ruleKey}`;

/**
 * Issues the vouchers of the gift rules a purchase met (`giftRulesMet`), at no point cost
 * (see issueSystemVoucher's `credit`), in the purchase's transaction. A reward no longer
 * active or out of stock issues nothing.
 */
export async function issueGifts(
  tx: Tx,
  input: {
    merchantId: string;
    memberId: string;
    programId: string;
    programVersionId: string;
    timeZone: string;
    purchaseId: string;
    rules: EarningRule[];
    now: Date;
  },
): Promise<IssuedVoucher[]> {
  const rewardIds = input.rules.flatMap((rule) => (rule.giftRewardId ? [rule.giftRewardId] : []));
  if (rewardIds.length === 0) return [];
  const rewardRows = await tx
    .select()
    .from(rewards)
    .where(
      and(
        eq(rewards.merchantId, input.merchantId),
        eq(rewards.programId, input.programId),
        eq(rewards.status, "active"),
        inArray(rewards.id, rewardIds),
      ),
    );
  const gifts: IssuedVoucher[] = [];
  for (const rule of input.rules) {
    const reward = rewardRows.find((row) => row.id === rule.giftRewardId);
    if (!reward) continue;
    const label = `Gift: ${rule.name}`;
    const issued = await issueSystemVoucher(tx, {
      merchantId: input.merchantId,
      memberId: input.memberId,
      reward,
      points: reward.costPoints,
      programVersionId: input.programVersionId,
      timeZone: input.timeZone,
      source: "gift",
      ruleKey: rule.key,
      explanation: [{ ruleKey: `gift:${rule.key}`, label: reward.name, points: -reward.costPoints }],
      credit: {
        awardKey: giftAwardKey(input.purchaseId, rule.key),
        reason: label,
        explanation: [{ ruleKey: `gift:${rule.key}`, label, points: reward.costPoints }],
      },
      now: input.now,
    });
    if (issued) gifts.push(issued);
  }
  return gifts;
}

/**
 * A fully refunded purchase takes back its gifts: each voucher still unused is cancelled (at
 * no point cost either way, see cancelIssuedVoucher). A gift already used stays used.
 * Returns the codes cancelled.
 */
export async function cancelGiftsOfPurchase(
  tx: Tx,
  input: { merchantId: string; memberId: string; purchaseId: string; actor: Actor; now: Date },
): Promise<string[]> {
  const issued = await tx
    .select({ code: vouchers.code })
    .from(pointEntries)
    .innerJoin(
      vouchers,
      and(eq(vouchers.redemptionId, sql`${pointEntries.redemptionId}`), eq(vouchers.merchantId, input.merchantId)),
    )
    .where(
      and(
        eq(pointEntries.merchantId, input.merchantId),
        eq(pointEntries.memberId, input.memberId),
        eq(pointEntries.kind, "adjust"),
        like(pointEntries.awardKey, `${giftAwardKey(input.purchaseId, "")}%`),
        eq(vouchers.status, "issued"),
      ),
    );
  const cancelled: string[] = [];
  for (const { code } of issued) {
    const done = await cancelIssuedVoucher(tx, {
      merchantId: input.merchantId,
      code,
      actor: input.actor,
      now: input.now,
      reason: "Purchase refunded",
      orNull: true,
    });
    if (done) cancelled.push(code);
  }
  return cancelled;
}

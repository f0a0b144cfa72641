import { randomUUID } from "node:crypto";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { redemptions, rewards } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { newVoucherCode } from "@/lib/codes";
import { AppError } from "@/lib/errors";
import { appendEntry } from "@/lib/ledger/append-entry";
import { claimIdempotencyKey, requestFingerprint, storeIdempotentResponse } from "@/lib/ledger/idempotency";
import { engagementDefinitionsOf } from "@/lib/programs/program-context";
import { lockMemberWithContext } from "@/lib/members/load-member";
import { lastLocalDateBefore, startOfLocalDayAfter } from "@/lib/time-zone";
import { recordEngagement } from "@/lib/challenges/record-engagement";
import { rewardLock, rewardLockError, rewardOffered } from "./reward-availability";
import { assertMembershipOpen } from "@/lib/members/assert-membership-open";

export type RedemptionResult = {
  redemptionId: string;
  rewardId: string;
  pointsSpent: number;
  balance: number;
  /** `lastValidDate`: the last local date (YYYY-MM-DD) the voucher can be used on. */
  voucher: { code: string; expiresAt: string; lastValidDate: string };
};

export type RedeemRewardInput = {
  merchantId: string;
  memberId: string;
  rewardId: string;
  actor: Actor;
  /** Retrying with the same key returns the first answer and spends nothing more. */
  idempotencyKey?: string;
  now?: Date;
};

/**
 * Spends a member's points on a reward and issues a voucher, once per idempotency key. In one
 * transaction: the key is claimed, the member row is locked (so one member's concurrent
 * redemptions queue up), then the stock is taken with a conditional decrement (so many members
 * can never take more than the stock).
 */
export async function redeemReward(db: Db, input: RedeemRewardInput): Promise<RedemptionResult> {
  return db.transaction(async (tx) => {
    const claim = input.idempotencyKey
      ? await claimIdempotencyKey<RedemptionResult>(tx, {
          merchantId: input.merchantId,
          // A member picks their own keys: kept apart from the merchant's, so a member cannot
          // take a key the merchant's till will send with a purchase, nor another member's.
          key: `reward.redeem:${input.memberId}:${input.idempotencyKey}`,
          scope: "reward.redeem",
          requestHash: requestFingerprint({ memberId: input.memberId, rewardId: input.rewardId }),
        })
      : undefined;
    if (claim?.replay) return claim.response;

    const result = await spendOnReward(tx, input);
    if (claim) await storeIdempotentResponse(tx, claim.keyId, result);
    return result;
  });
}

async function spendOnReward(tx: Tx, input: RedeemRewardInput): Promise<RedemptionResult> {
  const now = input.now ?? new Date();
  const { member, context } = await lockMemberWithContext(tx, input);
  assertMembershipOpen(member);
  const [found] = await tx
    .select({
      reward: rewards,
      redeemedCount: sql<number>`(
        select count(*)::int from ${redemptions}
        where ${redemptions.memberId} = ${member.id} and ${redemptions.rewardId} = ${input.rewardId}
          and ${redemptions.status} = 'completed')`,
    })
    .from(rewards)
    .where(
      and(
        eq(rewards.id, input.rewardId),
        eq(rewards.merchantId, input.merchantId),
        eq(rewards.programId, member.programId),
      ),
    );
  // A reward outside the member's staged rollout does not exist for them (reward-availability).
  if (!found || !rewardOffered(found.reward, member)) throw new AppError("not_found", "Reward not found");
  const { reward } = found;
  // Entries to a prize draw are bought through enterSweepstake, which records the entry.
  if (reward.kind === "sweepstake_entry") throw new AppError("reward_unavailable", "Enter the prize draw instead");

  const lock = rewardLock({
    reward,
    tiers: context.tiers,
    memberTierKey: member.tierKey,
    balance: member.pointsBalance,
    redeemedCount: found.redeemedCount,
    now,
  });
  if (lock) throw rewardLockError(lock);

  const [taken] = await tx
    .update(rewards)
    .set({ stock: sql`${rewards.stock} - 1` })
    .where(and(eq(rewards.id, reward.id), or(isNull(rewards.stock), gt(rewards.stock, 0))))
    .returning({ id: rewards.id });
  if (!taken) throw new AppError("out_of_stock", "This reward is out of stock");

  // The entry names the redemption and the redemption names the entry: the id is chosen here
  // so each is written once, the entry first.
  const redemption = { id: randomUUID() };
  const entry = await appendEntry(tx, {
    merchantId: input.merchantId,
    memberId: member.id,
    kind: "redeem",
    points: -reward.costPoints,
    actor: input.actor,
    programVersionId: context.version.id,
    redemptionId: redemption.id,
    explanation: [{ ruleKey: `reward:${reward.id}`, label: reward.name, points: -reward.costPoints }],
  });
  // "Valid N days" counts local calendar days, as point expiry does: the voucher can be used
  // through the end of the Nth day after the day it was issued, in the program's time zone,
  // and lapses at the local midnight that ends that day (DST days are 23 or 25 hours long).
  const expiresAt = startOfLocalDayAfter(now, reward.voucherValidDays + 1, context.program.timeZone);
  const code = newVoucherCode();
  // The redemption and its voucher in one statement: foreign keys are checked at its end.
  await tx.execute(sql`
    WITH redemption AS (
      INSERT INTO redemptions (id, merchant_id, member_id, reward_id, points_spent, entry_id, spent_points_expire_at)
      VALUES (${redemption.id}, ${input.merchantId}, ${member.id}, ${reward.id}, ${reward.costPoints}, ${entry.id},
        ${entry.spentLotsExpireAt?.toISOString() ?? null}::timestamptz)
    )
    INSERT INTO vouchers (merchant_id, member_id, redemption_id, code, expires_at)
    VALUES (${input.merchantId}, ${member.id}, ${redemption.id}, ${code}, ${expiresAt.toISOString()})`);

  await recordEngagement(tx, {
    merchantId: input.merchantId,
    memberId: member.id,
    now,
    definitions: engagementDefinitionsOf(context),
  });

  return {
    redemptionId: redemption.id,
    rewardId: reward.id,
    pointsSpent: reward.costPoints,
    balance: entry.balanceAfter,
    voucher: {
      code,
      expiresAt: expiresAt.toISOString(),
      lastValidDate: lastLocalDateBefore(expiresAt, context.program.timeZone),
    },
  };
}

import { randomUUID } from "node:crypto";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rewards, type EntryExplanation } from "@/db/schema";
import { newVoucherCode } from "@/lib/codes";
import { appendEntry } from "@/lib/ledger/append-entry";
import { lastLocalDateBefore, startOfLocalDayAfter } from "@/lib/time-zone";

type RewardRow = typeof rewards.$inferSelect;

/** A voucher the program issued by itself (a certificate, a gift), as a purchase's result shows it. */
export type IssuedVoucher = {
  source: "certificate" | "gift";
  /** The gift rule's key; null for a certificate. */
  ruleKey: string | null;
  rewardId: string;
  rewardName: string;
  redemptionId: string;
  pointsSpent: number;
  code: string;
  expiresAt: string;
  /** The last local date (YYYY-MM-DD) the voucher can be used on. */
  lastValidDate: string;
};

/**
 * Issues a voucher for `reward` as a redemption by the system: a unit of a limited stock is
 * taken (none left: nothing is written and null comes back), a `redeem` entry spends `points`,
 * and the redemption and its voucher are written, all in the caller's transaction. With
 * `credit` the same points are first credited by an `adjust` entry (once per member, by its
 * award key) and spent from that very lot, so the voucher costs the member nothing and their
 * other points and expiry dates stay as they were: the way a gift is recorded, since every
 * redemption spends points.
 */
export async function issueSystemVoucher(
  tx: Tx,
  input: {
    merchantId: string;
    memberId: string;
    reward: RewardRow;
    points: number;
    programVersionId: string;
    timeZone: string;
    source: IssuedVoucher["source"];
    ruleKey?: string | null;
    explanation: EntryExplanation;
    credit?: { awardKey: string; explanation: EntryExplanation; reason: string };
    now: Date;
  },
): Promise<IssuedVoucher | null> {
  const { reward, now } = input;
  const [taken] = await tx
    .update(rewards)
    .set({ stock: sql`${rewards.stock} - 1` })
    .where(
      and(
        eq(rewards.id, reward.id),
        eq(rewards.merchantId, input.merchantId),
        or(isNull(rewards.stock), gt(rewards.stock, 0)),
      ),
    )
    .returning({ id: rewards.id });
  if (!taken) return null;

  const system = { type: "system" } as const;
  const redemptionId = randomUUID();
  const credit = input.credit
    ? await appendEntry(tx, {
        merchantId: input.merchantId,
        memberId: input.memberId,
        kind: "adjust",
        points: input.points,
        actor: system,
        programVersionId: input.programVersionId,
        redemptionId,
        awardKey: input.credit.awardKey,
        reason: input.credit.reason,
        explanation: input.credit.explanation,
        expiresAt: null,
        at: now,
      })
    : null;
  const entry = await appendEntry(tx, {
    merchantId: input.merchantId,
    memberId: input.memberId,
    kind: "redeem",
    points: -input.points,
    actor: system,
    programVersionId: input.programVersionId,
    redemptionId,
    explanation: input.explanation,
    fromLotEntryId: credit?.id,
    at: now,
  });
  const expiresAt = startOfLocalDayAfter(now, reward.voucherValidDays + 1, input.timeZone);
  const code = newVoucherCode();
  // The redemption and its voucher in one statement, as redeemReward writes them.
  await tx.execute(sql`
    WITH redemption AS (
      INSERT INTO redemptions (id, merchant_id, member_id, reward_id, points_spent, entry_id, spent_points_expire_at, created_at)
      VALUES (${redemptionId}, ${input.merchantId}, ${input.memberId}, ${reward.id}, ${input.points}, ${entry.id},
        ${entry.spentLotsExpireAt?.toISOString() ?? null}::timestamptz, ${now.toISOString()}::timestamptz)
    )
    INSERT INTO vouchers (merchant_id, member_id, redemption_id, code, expires_at, created_at)
    VALUES (${input.merchantId}, ${input.memberId}, ${redemptionId}, ${code}, ${expiresAt.toISOString()},
      ${now.toISOString()}::timestamptz)`);
  return {
    source: input.source,
    ruleKey: input.ruleKey ?? null,
    rewardId: reward.id,
    rewardName: reward.name,
    redemptionId,
    pointsSpent: input.points,
    code,
    expiresAt: expiresAt.toISOString(),
    lastValidDate: lastLocalDateBefore(expiresAt, input.timeZone),
  };
}

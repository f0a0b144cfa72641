import type { Db } from "@/db";
import type { rewards } from "@/db/schema";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { redeemReward } from "@/lib/rewards/redeem-reward";
import { createMember, createProgram, createReward } from "./factories";

const system = { type: "system" } as const;

/** A member of a fresh program holding `points`, earned by one purchase of points x 1.00. */
export async function memberWithPoints(db: Db, points: number) {
  const { merchant, program } = await createProgram(db);
  const member = await createMember(db, program);
  if (points > 0) {
    await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: points * 100,
      actor: system,
    });
  }
  return { merchant, program, member };
}

/**
 * A member who redeemed one reward and holds its voucher. `issuedAt` in the past makes a
 * voucher that is already expired (it is valid for the reward's `voucherValidDays`).
 */
export async function memberWithVoucher(
  db: Db,
  options: { points?: number; reward?: Partial<typeof rewards.$inferInsert>; issuedAt?: Date } = {},
) {
  const { merchant, program, member } = await memberWithPoints(db, options.points ?? 250);
  const reward = await createReward(db, program, { costPoints: 100, ...options.reward });
  const redemption = await redeemReward(db, {
    merchantId: merchant.id,
    memberId: member.id,
    rewardId: reward.id,
    actor: system,
    now: options.issuedAt,
  });
  return { merchant, program, member, reward, redemption, code: redemption.voucher.code };
}

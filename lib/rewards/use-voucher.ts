import { and, eq, gt } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import {
  members,
  redemptions,
  rewards,
  staffMembers,
  vouchers,
  type RewardKind,
  type VoucherStatus,
} from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { normalizeCode } from "@/lib/codes";
import { AppError } from "@/lib/errors";

export type UsedVoucher = {
  voucher: {
    id: string;
    code: string;
    status: VoucherStatus;
    expiresAt: string;
    usedAt: string | null;
    redemptionId: string;
  };
  reward: { id: string; name: string; kind: RewardKind; value: number | null };
  member: { id: string; memberNumber: string; name: string | null };
};

/**
 * Accepts a voucher at the counter or through the API, exactly once. The conditional update
 * is the guard: of any number of simultaneous attempts, one finds the voucher still issued
 * and unexpired; the others are told why it cannot be used.
 */
export async function useVoucher(
  db: Db,
  input: { merchantId: string; code: string; actor: Actor; now?: Date },
): Promise<UsedVoucher> {
  const code = normalizeCode(input.code);
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const usedByStaffId =
      input.actor.type === "staff" ? await staffMemberId(tx, input.merchantId, input.actor.userId) : null;
    const [voucher] = await tx
      .update(vouchers)
      .set({ status: "used", usedAt: now, usedByStaffId })
      .where(usableVoucher({ merchantId: input.merchantId, code, now }))
      .returning();
    if (!voucher) return refuseVoucher(tx, { merchantId: input.merchantId, code });

    const [row] = await tx
      .select({
        reward: { id: rewards.id, name: rewards.name, kind: rewards.kind, value: rewards.value },
        member: { id: members.id, memberNumber: members.memberNumber, name: members.name },
      })
      .from(redemptions)
      .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
      .innerJoin(members, eq(members.id, redemptions.memberId))
      .where(and(eq(redemptions.id, voucher.redemptionId), eq(redemptions.merchantId, input.merchantId)));
    if (!row) throw new Error(`Voucher ${voucher.id} has no redemption`);

    if (input.actor.type === "staff" || input.actor.type === "api_key") {
      await recordAudit(tx, {
        merchantId: input.merchantId,
        actor: input.actor,
        action: "voucher.use",
        targetType: "voucher",
        targetId: voucher.id,
        details: { code: voucher.code, rewardId: row.reward.id, memberId: row.member.id },
        at: now,
      });
    }
    return {
      voucher: {
        id: voucher.id,
        code: voucher.code,
        status: voucher.status,
        expiresAt: voucher.expiresAt.toISOString(),
        usedAt: voucher.usedAt?.toISOString() ?? null,
        redemptionId: voucher.redemptionId,
      },
      ...row,
    };
  });
}

/**
 * The condition that makes using or cancelling a voucher a single conditional update: issued,
 * not expired, of this merchant (and, for a member cancelling their own, of that member).
 */
export function usableVoucher(input: { merchantId: string; code: string; now: Date; memberId?: string }) {
  return and(
    eq(vouchers.merchantId, input.merchantId),
    eq(vouchers.code, input.code),
    eq(vouchers.status, "issued"),
    gt(vouchers.expiresAt, input.now),
    input.memberId === undefined ? undefined : eq(vouchers.memberId, input.memberId),
  );
}

/**
 * Says why a voucher the conditional update did not match cannot be used or cancelled. Only
 * call it after that update: on PostgreSQL it then sees what the winning transaction did.
 */
export async function refuseVoucher(
  tx: Tx,
  input: { merchantId: string; code: string; memberId?: string },
): Promise<never> {
  const [voucher] = await tx
    .select({ status: vouchers.status, memberId: vouchers.memberId })
    .from(vouchers)
    .where(and(eq(vouchers.merchantId, input.merchantId), eq(vouchers.code, input.code)));
  if (!voucher || (input.memberId !== undefined && voucher.memberId !== input.memberId)) {
    throw new AppError("not_found", "Voucher not found");
  }
  if (voucher.status === "used") throw new AppError("voucher_already_used", "This voucher was already used");
  if (voucher.status === "cancelled") throw new AppError("voucher_cancelled", "This voucher was cancelled");
  throw new AppError("voucher_expired", "This voucher has expired");
}

async function staffMemberId(tx: Tx, merchantId: string, userId: string): Promise<string | null> {
  const [staff] = await tx
    .select({ id: staffMembers.id })
    .from(staffMembers)
    .where(and(eq(staffMembers.merchantId, merchantId), eq(staffMembers.userId, userId)));
  return staff?.id ?? null;
}

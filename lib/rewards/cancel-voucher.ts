import { and, eq, gt, isNotNull, like, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { pointEntries, redemptions, rewards, vouchers } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { normalizeCode } from "@/lib/codes";
import { appendEntry } from "@/lib/ledger/append-entry";
import { lockMemberWithContext } from "@/lib/members/load-member";
import { refuseVoucher, usableVoucher } from "./use-voucher";

export type CancelledVoucher = {
  code: string;
  redemptionId: string;
  rewardId: string;
  memberId: string;
  pointsRefunded: number;
  balance: number;
  entryId: number;
};

/**
 * Cancels an unused, unexpired voucher: its points come back with a reversing entry, and a
 * unit goes back into a limited stock. The conditional update of the voucher comes first, so
 * of simultaneous cancels exactly one refunds. Pass `memberId` when a member cancels their
 * own voucher, so they cannot cancel anyone else's. The refunded points open a new lot that
 * expires under the program's policy from now, as any credit does.
 */
export async function cancelVoucher(
  db: Db,
  input: { merchantId: string; code: string; actor: Actor; memberId?: string; now?: Date },
): Promise<CancelledVoucher> {
  return db.transaction(async (tx) => (await cancelIssuedVoucher(tx, input))!);
}

type CancelInput = {
  merchantId: string;
  code: string;
  actor: Actor;
  memberId?: string;
  now?: Date;
  /** The reason on the reversing entries; "Voucher cancelled" by default. */
  reason?: string;
  /** Answer null instead of refusing a voucher that is no longer usable (a sweep). */
  orNull?: boolean;
};

/**
 * cancelVoucher inside the caller's transaction. A gift voucher (its redemption was paid by
 * an `adjust` credit, see issueSystemVoucher) gives nothing back: the reversal of its
 * redemption is followed by the reversal of its credit, taken from the very lot the first
 * one opened, so a gift can never be turned into points.
 */
export async function cancelIssuedVoucher(tx: Tx, input: CancelInput): Promise<CancelledVoucher | null> {
  const code = normalizeCode(input.code);
  const now = input.now ?? new Date();
  const reason = input.reason ?? "Voucher cancelled";
  const [voucher] = await tx
    .update(vouchers)
    .set({ status: "cancelled" })
    .where(usableVoucher({ merchantId: input.merchantId, code, now, memberId: input.memberId }))
    .returning({ id: vouchers.id, memberId: vouchers.memberId, redemptionId: vouchers.redemptionId });
  if (!voucher && input.orNull) return null;
  if (!voucher) return refuseVoucher(tx, { merchantId: input.merchantId, code, memberId: input.memberId });

  const [redemption] = await tx
    .update(redemptions)
    .set({ status: "cancelled" })
    .where(
      and(
        eq(redemptions.id, voucher.redemptionId),
        eq(redemptions.merchantId, input.merchantId),
        eq(redemptions.status, "completed"),
      ),
    )
    .returning({
      rewardId: redemptions.rewardId,
      pointsSpent: redemptions.pointsSpent,
      entryId: redemptions.entryId,
      spentPointsExpireAt: redemptions.spentPointsExpireAt,
    });
  if (!redemption) throw new Error(`Voucher ${voucher.id} is issued but its redemption is not completed`);

  const { context } = await lockMemberWithContext(tx, { merchantId: input.merchantId, memberId: voucher.memberId });

  const entry = await appendEntry(tx, {
    merchantId: input.merchantId,
    memberId: voucher.memberId,
    kind: "reverse",
    points: redemption.pointsSpent,
    actor: input.actor,
    programVersionId: context.version.id,
    redemptionId: voucher.redemptionId,
    reversesEntryId: redemption.entryId,
    reason,
    explanation: [{ ruleKey: "voucher_cancelled", label: reason, points: redemption.pointsSpent }],
    // The points come back with the expiry of the points that were spent (the earliest of
    // them), never a fresh one: redeeming and cancelling must not keep points alive.
    expiresAt: redemption.spentPointsExpireAt,
    at: now,
  });
  const [giftCredit] = await tx
    .select({ id: pointEntries.id, points: pointEntries.points })
    .from(pointEntries)
    .where(
      and(
        eq(pointEntries.merchantId, input.merchantId),
        eq(pointEntries.memberId, voucher.memberId),
        eq(pointEntries.redemptionId, voucher.redemptionId),
        eq(pointEntries.kind, "adjust"),
        gt(pointEntries.points, 0),
        like(pointEntries.awardKey, "gift:%"),
      ),
    );
  const final = giftCredit
    ? await appendEntry(tx, {
        merchantId: input.merchantId,
        memberId: voucher.memberId,
        kind: "reverse",
        points: -giftCredit.points,
        actor: input.actor,
        programVersionId: context.version.id,
        redemptionId: voucher.redemptionId,
        reversesEntryId: giftCredit.id,
        reason,
        explanation: [{ ruleKey: "gift_cancelled", label: reason, points: -giftCredit.points }],
        fromLotEntryId: entry.id,
        at: now,
      })
    : entry;
  await tx
    .update(rewards)
    .set({ stock: sql`${rewards.stock} + 1` })
    .where(
      and(eq(rewards.id, redemption.rewardId), eq(rewards.merchantId, input.merchantId), isNotNull(rewards.stock)),
    );

  if (input.actor.type === "staff" || input.actor.type === "api_key") {
    await recordAudit(tx, {
      merchantId: input.merchantId,
      actor: input.actor,
      action: "voucher.cancel",
      targetType: "voucher",
      targetId: voucher.id,
      details: {
        code,
        rewardId: redemption.rewardId,
        memberId: voucher.memberId,
        pointsRefunded: giftCredit ? 0 : redemption.pointsSpent,
      },
      at: now,
    });
  }
  return {
    code,
    redemptionId: voucher.redemptionId,
    rewardId: redemption.rewardId,
    memberId: voucher.memberId,
    pointsRefunded: giftCredit ? 0 : redemption.pointsSpent,
    balance: final.balanceAfter,
    entryId: entry.id,
  };
}

import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { redemptions, rewards, vouchers } from "@/db/schema";
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
  const code = normalizeCode(input.code);
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [voucher] = await tx
      .update(vouchers)
      .set({ status: "cancelled" })
      .where(usableVoucher({ merchantId: input.merchantId, code, now, memberId: input.memberId }))
      .returning({ id: vouchers.id, memberId: vouchers.memberId, redemptionId: vouchers.redemptionId });
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
      reason: "Voucher cancelled",
      explanation: [{ ruleKey: "voucher_cancelled", label: "Voucher cancelled", points: redemption.pointsSpent }],
      // The points come back with the expiry of the points that were spent (the earliest of
      // them), never a fresh one: redeeming and cancelling must not keep points alive.
      expiresAt: redemption.spentPointsExpireAt,
      at: now,
    });
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
          pointsRefunded: redemption.pointsSpent,
        },
        at: now,
      });
    }
    return {
      code,
      redemptionId: voucher.redemptionId,
      rewardId: redemption.rewardId,
      memberId: voucher.memberId,
      pointsRefunded: redemption.pointsSpent,
      balance: entry.balanceAfter,
      entryId: entry.id,
    };
  });
}

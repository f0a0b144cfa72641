import type { Db } from "@/db";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { lockMemberWithContext } from "@/lib/members/load-member";
import { appendEntry } from "@/lib/ledger/append-entry";
import { pointsExpiryDate } from "@/lib/ledger/expiry";

export const adjustmentReasonLength = { min: 3, max: 500 } as const;

export type AdjustPointsInput = {
  merchantId: string;
  memberId: string;
  /** Signed and non-zero: a credit or a debit. */
  points: number;
  reason: string;
  actor: Actor;
  now?: Date;
};

export type AdjustmentResult = { entryId: number; memberId: string; points: number; balance: number; reason: string };

/**
 * A manual correction by staff or an integration, with a required reason, recorded in the
 * audit log in the same transaction. A debit the balance cannot cover is refused and changes
 * nothing. Adjustments do not count towards tiers: qualification follows what was bought.
 */
export async function adjustPoints(db: Db, input: AdjustPointsInput): Promise<AdjustmentResult> {
  if (input.actor.type === "member") throw new AppError("forbidden", "Members cannot adjust points");
  if (!Number.isSafeInteger(input.points) || input.points === 0) {
    throw new AppError("invalid_input", "An adjustment is a non-zero whole number of points", {
      field: "points",
      validation: "invalid",
    });
  }
  const reason = input.reason.trim();
  if (reason.length < adjustmentReasonLength.min) {
    throw new AppError("invalid_input", "An adjustment needs a reason", { field: "reason", validation: "required" });
  }
  if (reason.length > adjustmentReasonLength.max) {
    throw new AppError("invalid_input", "The reason is too long", { field: "reason", validation: "tooLong" });
  }
  const now = input.now ?? new Date();

  return db.transaction(async (tx) => {
    const { member, context } = await lockMemberWithContext(tx, input);
    const entry = await appendEntry(tx, {
      merchantId: input.merchantId,
      memberId: member.id,
      kind: "adjust",
      points: input.points,
      actor: input.actor,
      programVersionId: context.version.id,
      reason,
      explanation: [{ ruleKey: "adjustment", label: reason, points: input.points }],
      expiresAt: input.points > 0 ? pointsExpiryDate(context.version.settings, now, context.program.timeZone) : null,
      at: now,
    });
    await recordAudit(tx, {
      merchantId: input.merchantId,
      actor: input.actor,
      action: "points.adjust",
      targetType: "member",
      targetId: member.id,
      details: { entryId: entry.id, points: input.points, reason, balance: entry.balanceAfter },
      at: now,
    });
    return { entryId: entry.id, memberId: member.id, points: input.points, balance: entry.balanceAfter, reason };
  });
}

import { and, asc, eq, gt, gte, inArray, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { memberQualifications, members, pointEntries, pointLots, programs, purchases } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { localMonthStart } from "@/lib/time-zone";
import { appendEntry } from "@/lib/ledger/append-entry";
import { claimIdempotencyKey, requestFingerprint, storeIdempotentResponse } from "@/lib/ledger/idempotency";
import { cancelGiftsOfPurchase } from "@/lib/rewards/issue-gifts";

export type RefundPurchaseInput = {
  merchantId: string;
  purchaseId: string;
  /** Minor units to refund; the whole remaining amount when left out. */
  amountMinor?: number;
  reason?: string;
  /** Retrying with the same key returns the first answer and refunds nothing more. */
  idempotencyKey?: string;
  actor: Actor;
  now?: Date;
};

export type RefundResult = {
  purchaseId: string;
  memberId: string;
  refundedMinor: number;
  totalRefundedMinor: number;
  status: "partially_refunded" | "refunded";
  /** Points taken back from the balance by this refund. */
  pointsReversed: number;
  /** Points this refund should have taken back but could not, because they were spent. */
  shortfall: number;
  balance: number;
  entryId: number | null;
  /** Codes of the purchase's unused gift vouchers a full refund cancelled. */
  giftsCancelled: string[];
};

/**
 * Refunds all or part of a purchase and takes back, in proportion, the points it earned.
 *
 * After refunds totalling R of an amount A, floor(earned x R / A) of the purchase's points
 * must be gone, so partial refunds that add up to the whole settle every earned point,
 * whatever the rounding on the way. Points count as gone when a refund took them back, when a
 * refund found them spent (the shortfall), or when they expired: the member never loses a
 * point twice. A refund takes back what is still missing from that target.
 *
 * The balance never goes below zero: what the member already spent is recorded as the
 * entry's `shortfall`; when nothing at all can be taken there can be no entry, and the audit
 * row (written for every refund) carries the shortfall. The member's lifetime spend and
 * points, and the qualifying totals of the purchase's month, go down by the refunded share
 * (never below zero), and a fully refunded purchase no longer counts as a visit. A lower tier
 * follows only at the period's end, from the tier sweep, like any other downgrade.
 */
export async function refundPurchase(db: Db, input: RefundPurchaseInput): Promise<RefundResult> {
  if (input.amountMinor !== undefined && (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)) {
    throw new AppError("invalid_input", "The refund must be a positive number of minor units", {
      field: "amountMinor",
      validation: "amount",
    });
  }
  const reason = input.reason?.trim() || "Refund";
  return db.transaction(async (tx) => {
    const claim = input.idempotencyKey
      ? await claimIdempotencyKey<RefundResult>(tx, {
          merchantId: input.merchantId,
          key: input.idempotencyKey,
          scope: "purchase.refund",
          requestHash: requestFingerprint({
            purchaseId: input.purchaseId,
            amountMinor: input.amountMinor ?? null,
            reason,
          }),
        })
      : undefined;
    if (claim?.replay) return claim.response;

    const result = await applyRefund(tx, { ...input, reason, now: input.now ?? new Date() });
    if (claim) await storeIdempotentResponse(tx, claim.keyId, result);
    return result;
  });
}

async function applyRefund(tx: Tx, input: RefundPurchaseInput & { reason: string; now: Date }): Promise<RefundResult> {
  // Purchase first, then member: concurrent refunds of one purchase queue on its row.
  const [purchase] = await tx
    .select()
    .from(purchases)
    .where(and(eq(purchases.id, input.purchaseId), eq(purchases.merchantId, input.merchantId)))
    .for("update");
  if (!purchase) throw new AppError("not_found", "Purchase not found");

  const remainingMinor = purchase.amountMinor - purchase.refundedMinor;
  const refundMinor = input.amountMinor ?? remainingMinor;
  if (remainingMinor === 0 || refundMinor > remainingMinor) {
    throw new AppError("refund_exceeds_purchase", "The refund is more than what is left of the purchase", {
      remainingMinor,
    });
  }
  const totalRefundedMinor = purchase.refundedMinor + refundMinor;
  const fullyRefunded = totalRefundedMinor === purchase.amountMinor;

  const [member] = await tx
    .select()
    .from(members)
    .where(and(eq(members.id, purchase.memberId), eq(members.merchantId, input.merchantId)))
    .for("update");
  if (!member) throw new AppError("not_found", "Member not found");

  const earnedEntries = await tx
    .select({ id: pointEntries.id, points: pointEntries.points, programVersionId: pointEntries.programVersionId })
    .from(pointEntries)
    .where(
      and(
        eq(pointEntries.purchaseId, purchase.id),
        eq(pointEntries.merchantId, input.merchantId),
        inArray(pointEntries.kind, ["earn", "bonus"]),
        gt(pointEntries.points, 0),
      ),
    )
    .orderBy(asc(pointEntries.id));
  const earned = earnedEntries.reduce((sum, entry) => sum + entry.points, 0);
  const targetBefore = proportionalShare(earned, purchase.refundedMinor, purchase.amountMinor);
  const target = proportionalShare(earned, totalRefundedMinor, purchase.amountMinor);
  const gone = Math.max(
    targetBefore,
    await pointsGone(
      tx,
      input.merchantId,
      purchase.id,
      earnedEntries.map((e) => e.id),
    ),
  );
  const owed = Math.max(0, target - gone);
  const take = Math.min(owed, member.pointsBalance);
  const shortfall = owed - take;

  let balance = member.pointsBalance;
  let entryId: number | null = null;
  const source = earnedEntries[0];
  if (take > 0 && source) {
    const entry = await appendEntry(tx, {
      merchantId: input.merchantId,
      memberId: member.id,
      kind: "reverse",
      points: -take,
      actor: input.actor,
      programVersionId: source.programVersionId,
      purchaseId: purchase.id,
      reversesEntryId: source.id,
      reason: input.reason,
      explanation: [{ ruleKey: "refund", label: input.reason, points: -take }],
      shortfall,
      fromLotEntryId: await purchaseLotHolding(
        tx,
        input.merchantId,
        earnedEntries.map((e) => e.id),
        take,
      ),
      at: input.now,
    });
    balance = entry.balanceAfter;
    entryId = entry.id;
  }

  const status = fullyRefunded ? "refunded" : "partially_refunded";
  await tx
    .update(purchases)
    .set({ refundedMinor: totalRefundedMinor, status })
    .where(and(eq(purchases.id, purchase.id), eq(purchases.merchantId, input.merchantId)));

  // A full refund also cancels the purchase's unused gift vouchers, at no point cost.
  const giftsCancelled = fullyRefunded
    ? await cancelGiftsOfPurchase(tx, {
        merchantId: input.merchantId,
        memberId: member.id,
        purchaseId: purchase.id,
        actor: input.actor,
        now: input.now,
      })
    : [];

  const lostVisit = fullyRefunded ? 1 : 0;
  await tx
    .update(members)
    .set({
      lifetimeSpendMinor: sql`greatest(0, ${members.lifetimeSpendMinor} - ${refundMinor})`,
      lifetimePoints: sql`greatest(0, ${members.lifetimePoints} - ${target - targetBefore})`,
      visitCount: sql`greatest(0, ${members.visitCount} - ${lostVisit})`,
    })
    .where(and(eq(members.id, member.id), eq(members.merchantId, input.merchantId)));

  const [program] = await tx
    .select({ timeZone: programs.timeZone })
    .from(programs)
    .where(and(eq(programs.id, purchase.programId), eq(programs.merchantId, input.merchantId)));
  if (program) {
    await tx
      .update(memberQualifications)
      .set({
        points: sql`greatest(0, ${memberQualifications.points} - ${target - targetBefore})`,
        spendMinor: sql`greatest(0, ${memberQualifications.spendMinor} - ${refundMinor})`,
        visits: sql`greatest(0, ${memberQualifications.visits} - ${lostVisit})`,
      })
      .where(
        and(
          eq(memberQualifications.memberId, member.id),
          eq(memberQualifications.merchantId, input.merchantId),
          eq(memberQualifications.periodStart, localMonthStart(purchase.occurredAt, program.timeZone)),
        ),
      );
  }

  const result: RefundResult = {
    purchaseId: purchase.id,
    memberId: member.id,
    refundedMinor: refundMinor,
    totalRefundedMinor,
    status,
    pointsReversed: take,
    shortfall,
    balance,
    entryId,
    giftsCancelled,
  };
  await recordAudit(tx, {
    merchantId: input.merchantId,
    actor: input.actor,
    action: "purchase.refund",
    targetType: "purchase",
    targetId: purchase.id,
    details: { ...result, reason: input.reason, pointsOwed: owed },
    at: input.now,
  });
  return result;
}

/** floor(earned x refunded / amount), exact for any integers the columns can hold. */
function proportionalShare(earned: number, refundedMinor: number, amountMinor: number): number {
  return Number((BigInt(earned) * BigInt(refundedMinor)) / BigInt(amountMinor));
}

/**
 * The purchase's points already gone from the balance: taken back or found spent by earlier
 * refunds, or expired from its lots. A refund that found nothing to take leaves no entry; it
 * is covered by the caller's max with the earlier target, since its member's lots were empty
 * then and could not expire any more afterwards.
 */
async function pointsGone(tx: Tx, merchantId: string, purchaseId: string, earnedEntryIds: number[]): Promise<number> {
  if (earnedEntryIds.length === 0) return 0;
  const [row] = await tx
    .select({
      gone: sql<number>`coalesce(sum(
        case when ${pointEntries.kind} = 'reverse' then ${pointEntries.shortfall} - ${pointEntries.points}
        else -${pointEntries.points} end), 0)::int8`,
    })
    .from(pointEntries)
    .where(
      and(
        eq(pointEntries.merchantId, merchantId),
        or(
          and(eq(pointEntries.kind, "reverse"), eq(pointEntries.purchaseId, purchaseId)),
          and(eq(pointEntries.kind, "expire"), inArray(pointEntries.reversesEntryId, earnedEntryIds)),
        ),
      ),
    );
  return row?.gone ?? 0;
}

/**
 * The purchase's own lot, when one still holds the points to take back: reversing from it
 * leaves the member's other points, and their expiry dates, as they were. Otherwise the
 * reversal spends oldest first like any debit.
 */
async function purchaseLotHolding(
  tx: Tx,
  merchantId: string,
  entryIds: number[],
  points: number,
): Promise<number | undefined> {
  const [lot] = await tx
    .select({ entryId: pointLots.entryId })
    .from(pointLots)
    .where(
      and(eq(pointLots.merchantId, merchantId), inArray(pointLots.entryId, entryIds), gte(pointLots.remaining, points)),
    )
    .orderBy(asc(pointLots.entryId))
    .limit(1);
  return lot?.entryId;
}

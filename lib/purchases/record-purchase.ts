import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { namedRows } from "@/db/rows";
import { members, type EntryExplanation, type PurchaseLine } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { limits } from "@/lib/limits";
import { isUniqueViolation } from "@/lib/db-errors";
import { recordEngagement } from "@/lib/challenges/record-engagement";
import { assertMerchantStores } from "@/lib/programs/assert-merchant-stores";
import { engagementDefinitionsOf } from "@/lib/programs/program-context";
import { lockMemberWithContext } from "@/lib/members/load-member";
import { computePurchasePoints, purchaseFacts, segmentsDecidingPoints } from "@/lib/rules/compute-purchase-points";
import { outsideRolloutLine, programReaches } from "@/lib/rollout/rollout";
import { memberSegments } from "@/lib/segments/member-segments";
import { recordQualificationInWindow, upgradeTierIfQualified } from "@/lib/tiers/record-qualification";
import { appendEntry } from "@/lib/ledger/append-entry";
import { assertSaleTime } from "./assert-sale-time";
import { pointsExpiryDate } from "@/lib/ledger/expiry";
import { claimIdempotencyKey, requestFingerprint, storeIdempotentResponse } from "@/lib/ledger/idempotency";
import { assertMembershipOpen } from "@/lib/members/assert-membership-open";

export type RecordPurchaseInput = {
  merchantId: string;
  memberId: string;
  amountMinor: number;
  actor: Actor;
  currency?: string;
  storeId?: string | null;
  externalId?: string | null;
  lines?: PurchaseLine[];
  occurredAt?: Date;
  /** Retrying with the same key returns the first answer and writes nothing more. */
  idempotencyKey?: string;
  now?: Date;
};

export type PurchaseResult = {
  purchaseId: string;
  memberId: string;
  amountMinor: number;
  currency: string;
  pointsEarned: number;
  balance: number;
  tierKey: string | null;
  /** The number of the program version the points were earned under. */
  programVersion: number;
  explanation: EntryExplanation;
  badgesAwarded: string[];
  challengesCompleted: string[];
};

/** Records a sale for a member and credits the points it earns, exactly once. */
export async function recordPurchase(db: Db, input: RecordPurchaseInput): Promise<PurchaseResult> {
  assertPurchaseInput(input);
  try {
    return await db.transaction(async (tx) => {
      const claim = input.idempotencyKey
        ? await claimIdempotencyKey<PurchaseResult>(tx, {
            merchantId: input.merchantId,
            key: input.idempotencyKey,
            scope: "purchase.record",
            requestHash: requestFingerprint({
              memberId: input.memberId,
              amountMinor: input.amountMinor,
              currency: input.currency ?? null,
              storeId: input.storeId ?? null,
              externalId: input.externalId ?? null,
              lines: input.lines ?? [],
              occurredAt: input.occurredAt?.toISOString() ?? null,
            }),
          })
        : undefined;
      if (claim?.replay) return claim.response;

      const result = await creditPurchase(tx, input);
      if (claim) await storeIdempotentResponse(tx, claim.keyId, result);
      return result;
    });
  } catch (error) {
    if (isUniqueViolation(error, "purchases_merchant_external_id")) {
      throw new AppError("purchase_already_recorded", "A purchase with this external id was already recorded");
    }
    throw error;
  }
}

/** The sale's own numbers within the bounds of lib/limits.ts, each refusal on its field. */
function assertPurchaseInput(input: RecordPurchaseInput) {
  const refuse = (field: string, validation: string, message: string): never => {
    throw new AppError("invalid_input", message, { field, validation });
  };
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) {
    refuse("amountMinor", "invalid", "The amount must be a positive number of minor units");
  }
  if (input.amountMinor > limits.maxAmountMinor) {
    refuse("amountMinor", "tooLarge", `One sale's amount is at most ${limits.maxAmountMinor} minor units`);
  }
  const lines = input.lines ?? [];
  if (lines.length > limits.maxPurchaseLines)
    refuse("lines", "tooLong", `A sale has at most ${limits.maxPurchaseLines} lines`);
  if (lines.some((line) => !Number.isSafeInteger(line.amountMinor) || line.amountMinor < 0)) {
    refuse("lines", "invalid", "Every purchase line needs a non-negative whole amount in minor units");
  }
  if (lines.some((line) => line.amountMinor > limits.maxAmountMinor)) {
    refuse("lines", "tooLarge", `A purchase line's amount is at most ${limits.maxAmountMinor} minor units`);
  }
  if (input.occurredAt && Number.isNaN(input.occurredAt.getTime()))
    refuse("occurredAt", "invalid", "The sale's time is not a valid time");
}

async function creditPurchase(tx: Tx, input: RecordPurchaseInput): Promise<PurchaseResult> {
  const now = input.now ?? new Date();
  const { member, context } = await lockMemberWithContext(tx, input);
  assertMembershipOpen(member);
  if (input.storeId)
    await assertMerchantStores(tx, { merchantId: input.merchantId, storeIds: [input.storeId], field: "storeId" });
  const currency = input.currency ?? context.program.currency;
  if (currency !== context.program.currency) {
    throw new AppError("invalid_input", `This program accounts in ${context.program.currency}`);
  }
  const occurredAt = input.occurredAt ?? now;
  assertSaleTime({ occurredAt, now, settings: context.version.settings });
  const lines = input.lines ?? [];
  const sale = purchaseFacts(
    { amountMinor: input.amountMinor, lines, storeId: input.storeId ?? null, occurredAt },
    context.program.timeZone,
  );
  const memberSegmentIds = await memberSegments(tx, {
    merchantId: input.merchantId,
    memberId: member.id,
    now,
    segmentIds: segmentsDecidingPoints(context.rules, sale),
  });
  // Staged rollout: a member outside the program's pilot (its stores or share, lib/rollout)
  // earns nothing; the sale is still recorded and counts as spend and a visit.
  const { points, explanation } = programReaches(context.program, member)
    ? computePurchasePoints({
        settings: context.version.settings,
        rules: context.rules,
        tier: context.tiers.find((tier) => tier.key === member.tierKey) ?? null,
        purchase: sale,
        memberSegmentIds,
        memberId: member.id,
      })
    : { points: 0, explanation: [{ ...outsideRolloutLine, points: 0 }] };

  const { actorType, actorId } = actorColumns(input.actor);
  // Plain SQL: every sale pays for this insert, and the query builder's cost per statement is
  // measured by the bench (earn against its bare-SQL limit).
  const [purchase] = await namedRows<{ id: string }>(
    tx,
    sql`
    INSERT INTO purchases (merchant_id, program_id, member_id, store_id, external_id, amount_minor, currency,
      lines, occurred_at, actor_type, actor_id)
    VALUES (${input.merchantId}, ${member.programId}, ${member.id}, ${input.storeId ?? null}, ${input.externalId ?? null},
      ${input.amountMinor}, ${currency}, ${JSON.stringify(lines)}, ${occurredAt.toISOString()}, ${actorType}, ${actorId})
    RETURNING id`,
  );
  if (!purchase) throw new Error("Purchase insert returned no row");

  let balance = member.pointsBalance;
  if (points > 0) {
    const entry = await appendEntry(tx, {
      merchantId: input.merchantId,
      memberId: member.id,
      kind: "earn",
      points,
      actor: input.actor,
      programVersionId: context.version.id,
      purchaseId: purchase.id,
      explanation,
      expiresAt: pointsExpiryDate(context.version.settings, occurredAt, context.program.timeZone),
      at: now,
      purchase: { spendMinor: input.amountMinor },
    });
    balance = entry.balanceAfter;
  } else {
    // Nothing earned, but the sale still counts as spend, a visit and activity.
    await tx
      .update(members)
      .set({
        lifetimeSpendMinor: sql`${members.lifetimeSpendMinor} + ${input.amountMinor}`,
        visitCount: sql`${members.visitCount} + 1`,
        lastActivityAt: sql`greatest(${members.lastActivityAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(members.id, member.id));
  }
  const qualifyingValue = await recordQualificationInWindow(tx, {
    merchantId: input.merchantId,
    memberId: member.id,
    at: occurredAt,
    timeZone: context.program.timeZone,
    points,
    spendMinor: input.amountMinor,
    visits: 1,
    context,
    now,
  });
  let tierKey = await upgradeTierIfQualified(tx, {
    memberId: member.id,
    currentTierKey: member.tierKey,
    context,
    now,
    qualifyingValue,
  });
  // Badges and challenges see this purchase; a completed challenge may pay a prize.
  const engagement = await recordEngagement(tx, {
    merchantId: input.merchantId,
    memberId: member.id,
    now,
    definitions: engagementDefinitionsOf(context),
  });
  if (engagement.challengesCompleted.length > 0) {
    // A challenge prize adds points and can lift the tier further.
    const [after] = await tx
      .select({ balance: members.pointsBalance, tierKey: members.tierKey })
      .from(members)
      .where(eq(members.id, member.id));
    ({ balance, tierKey } = after!);
  }

  return {
    purchaseId: purchase.id,
    memberId: member.id,
    amountMinor: input.amountMinor,
    currency,
    pointsEarned: points,
    balance,
    tierKey,
    programVersion: context.version.number,
    explanation,
    badgesAwarded: engagement.badges,
    challengesCompleted: engagement.challengesCompleted,
  };
}

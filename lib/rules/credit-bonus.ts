import type { Tx } from "@/db";
import type { EntryExplanation } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { awardOnce } from "@/lib/ledger/award-once";
import type { PointEntry } from "@/lib/ledger/append-entry";
import { pointsExpiryDate } from "@/lib/ledger/expiry";
import type { ProgramContext } from "@/lib/programs/program-context";
import { recordQualification, upgradeTierIfQualified } from "@/lib/tiers/record-qualification";

/**
 * Credits a once-only bonus (an action, a referral, a challenge prize) under the version in
 * force, or returns null when the member already has this award key. Bonus points count as
 * qualifying points towards a tier, like points earned on purchases, and can move the member up
 * at once: the answer carries the member's tier afterwards.
 */
export async function creditBonus(
  tx: Tx,
  input: {
    merchantId: string;
    member: { id: string; tierKey: string | null };
    context: ProgramContext;
    points: number;
    awardKey: string;
    explanation: EntryExplanation;
    reason?: string;
    /** The purchase the bonus is for (a review), so a refund of it takes the bonus back too. */
    purchaseId?: string | null;
    actor: Actor;
    now: Date;
  },
): Promise<{ entry: PointEntry; tierKey: string | null } | null> {
  const { context, member, now } = input;
  const entry = await awardOnce(tx, {
    merchantId: input.merchantId,
    memberId: member.id,
    kind: "bonus",
    points: input.points,
    actor: input.actor,
    programVersionId: context.version.id,
    awardKey: input.awardKey,
    explanation: input.explanation,
    reason: input.reason,
    purchaseId: input.purchaseId ?? null,
    expiresAt: pointsExpiryDate(context.version.settings, now, context.program.timeZone),
    at: now,
  });
  if (!entry) return null;
  await recordQualification(tx, {
    merchantId: input.merchantId,
    memberId: member.id,
    at: now,
    timeZone: context.program.timeZone,
    points: input.points,
    spendMinor: 0,
    visits: 0,
  });
  const tierKey = await upgradeTierIfQualified(tx, {
    memberId: member.id,
    currentTierKey: member.tierKey,
    context,
    now,
  });
  return { entry, tierKey };
}

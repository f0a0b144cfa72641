import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { memberBadges, type BadgeCriterion } from "@/db/schema";
import { measureActivity, type ActivityMeasure } from "./activity-measures";
import {
  criterionTarget,
  loadEngagementDefinitions,
  type BadgeDefinition,
  type EngagementDefinitions,
} from "./engagement-definitions";
import { findMember, type Member } from "@/lib/members/load-member";

/**
 * Awards every badge of the published version whose criterion the member now meets, each at
 * most once (the unique member+badge key makes a repeat a no-op, even from a concurrent
 * transaction). Returns the keys awarded by this call. A badge that a challenge gives as its
 * prize is earned only by completing that challenge, never by its own criterion.
 */
export async function evaluateBadges(
  tx: Tx,
  input: { merchantId: string; memberId: string; now: Date },
): Promise<string[]> {
  const member = await findMember(tx, input);
  const definitions = await loadEngagementDefinitions(tx, {
    merchantId: input.merchantId,
    programId: member.programId,
  });
  return awardMetBadges(tx, { merchantId: input.merchantId, member, definitions, now: input.now });
}

/** `evaluateBadges` for a caller that has the member and the definitions at hand already. */
export async function awardMetBadges(
  tx: Tx,
  input: { merchantId: string; member: Member; definitions: EngagementDefinitions; now: Date },
): Promise<string[]> {
  const { member, definitions } = input;
  const eligible = criterionBadges(definitions);
  if (eligible.length === 0) return [];
  const earned = await earnedBadges(tx, { merchantId: input.merchantId, memberId: member.id });
  const candidates = eligible.filter((badge) => !earned.has(badge.key));
  const measures = measureOnce(tx, input);

  const awarded: string[] = [];
  for (const badge of candidates) {
    const { value } = await measures(badge.criterion);
    if (value < criterionTarget(badge.criterion, badge.target)) continue;
    const [row] = await tx
      .insert(memberBadges)
      .values({ merchantId: input.merchantId, memberId: member.id, badgeKey: badge.key, awardedAt: input.now })
      .onConflictDoNothing({ target: [memberBadges.memberId, memberBadges.badgeKey] })
      .returning({ key: memberBadges.badgeKey });
    if (row) awarded.push(row.key);
  }
  return awarded;
}

/** Badge key -> when the member earned it. */
export async function earnedBadges(
  db: Db,
  input: { merchantId: string; memberId: string },
): Promise<Map<string, Date>> {
  const rows = await db
    .select({ key: memberBadges.badgeKey, awardedAt: memberBadges.awardedAt })
    .from(memberBadges)
    .where(and(eq(memberBadges.memberId, input.memberId), eq(memberBadges.merchantId, input.merchantId)));
  return new Map(rows.map((row) => [row.key, row.awardedAt]));
}

export function prizeBadgeKeys(definitions: EngagementDefinitions): Set<string> {
  return new Set(
    definitions.challenges.flatMap((challenge) => (challenge.prizeBadgeKey ? [challenge.prizeBadgeKey] : [])),
  );
}

function criterionBadges(definitions: EngagementDefinitions): BadgeDefinition[] {
  const prizes = prizeBadgeKeys(definitions);
  return definitions.badges.filter((badge) => !prizes.has(badge.key));
}

/** Several badges often share a criterion (5, 10, 25 visits): measure each criterion once. */
export function measureOnce(
  db: Db,
  input: { merchantId: string; member: Member; definitions: EngagementDefinitions; now: Date },
): (criterion: BadgeCriterion) => Promise<ActivityMeasure> {
  const cache = new Map<BadgeCriterion, ActivityMeasure>();
  return async (criterion) => {
    const cached = cache.get(criterion);
    if (cached) return cached;
    const measured = await measureActivity(db, {
      merchantId: input.merchantId,
      member: input.member,
      criterion,
      timeZone: input.definitions.timeZone,
      now: input.now,
    });
    cache.set(criterion, measured);
    return measured;
  };
}

import type { Db } from "@/db";
import type { BadgeCriterion } from "@/db/schema";
import { criterionTarget, loadEngagementDefinitions } from "./engagement-definitions";
import { findMember } from "@/lib/members/load-member";
import { earnedBadges, measureOnce, prizeBadgeKeys } from "./evaluate-badges";

/** One badge as the member's dashboard shows it: earned with its date, or locked with progress. */
export type BadgeProgress = {
  key: string;
  name: string;
  description: string;
  icon: string;
  criterion: BadgeCriterion;
  /** ISO time it was earned, or null while locked. */
  earnedAt: string | null;
  /** Towards `target`, never above it; a weekly streak shows the streak still running. */
  progress: number;
  target: number;
  /** The challenge whose prize this badge is, when it is earned that way only. */
  prizeOfChallengeKey: string | null;
};

/** Every badge of the published version, earned or locked, ordered by key. */
export async function badgeProgress(
  db: Db,
  input: { merchantId: string; memberId: string; now: Date },
): Promise<BadgeProgress[]> {
  const member = await findMember(db, input);
  const definitions = await loadEngagementDefinitions(db, {
    merchantId: input.merchantId,
    programId: member.programId,
  });
  const earned = await earnedBadges(db, input);
  const prizes = prizeBadgeKeys(definitions);
  const measures = measureOnce(db, { merchantId: input.merchantId, member, definitions, now: input.now });

  const result: BadgeProgress[] = [];
  for (const badge of definitions.badges) {
    const earnedAt = earned.get(badge.key) ?? null;
    const prizeOf = prizes.has(badge.key)
      ? (definitions.challenges.find((challenge) => challenge.prizeBadgeKey === badge.key)?.key ?? null)
      : null;
    const target = prizeOf ? 1 : criterionTarget(badge.criterion, badge.target);
    let progress = target;
    if (!earnedAt) progress = prizeOf ? 0 : Math.min(target, (await measures(badge.criterion)).progress);
    result.push({
      key: badge.key,
      name: badge.name,
      description: badge.description,
      icon: badge.icon,
      criterion: badge.criterion,
      earnedAt: earnedAt?.toISOString() ?? null,
      progress,
      target,
      prizeOfChallengeKey: prizeOf,
    });
  }
  return result;
}

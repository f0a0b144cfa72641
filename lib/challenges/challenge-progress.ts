import type { Db } from "@/db";
import type { BadgeCriterion } from "@/db/schema";
import { criterionTarget, loadEngagementDefinitions } from "@/lib/badges/engagement-definitions";
import { findMember } from "@/lib/members/load-member";
import { isRunning, isSameRun, measureChallenge, memberChallengeStates } from "./evaluate-challenges";

/** A running challenge as the member's dashboard shows it. */
export type ChallengeProgress = {
  id: string;
  key: string;
  name: string;
  description: string;
  criterion: BadgeCriterion;
  /** Towards `target`, never above it. */
  progress: number;
  target: number;
  startsAt: string;
  /** The deadline (exclusive), ISO. */
  deadline: string;
  requiresOptIn: boolean;
  /** False only for an opt-in challenge the member has not joined; its progress then counts once they join. */
  joined: boolean;
  completedAt: string | null;
  prizePoints: number;
  prizeBadgeKey: string | null;
};

/** The challenges running at `now`, soonest deadline first, with the member's live progress. */
export async function challengeProgress(
  db: Db,
  input: { merchantId: string; memberId: string; now: Date },
): Promise<ChallengeProgress[]> {
  const member = await findMember(db, input);
  const definitions = await loadEngagementDefinitions(db, {
    merchantId: input.merchantId,
    programId: member.programId,
  });
  const running = definitions.challenges
    .filter((challenge) => isRunning(challenge, input.now))
    .sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime() || a.key.localeCompare(b.key));
  const states = await memberChallengeStates(db, {
    merchantId: input.merchantId,
    memberId: member.id,
    keys: running.map((challenge) => challenge.key),
  });

  const result: ChallengeProgress[] = [];
  for (const challenge of running) {
    const sameKey = states.filter((state) => isSameRun(state, challenge));
    const completedAt = sameKey.find((state) => state.completedAt)?.completedAt ?? null;
    const target = criterionTarget(challenge.criterion, challenge.target);
    let progress = target;
    if (!completedAt) {
      const measured = await measureChallenge(db, {
        merchantId: input.merchantId,
        member,
        challenge,
        timeZone: definitions.timeZone,
        now: input.now,
      });
      progress = Math.min(target, measured);
    }
    result.push({
      id: challenge.id,
      key: challenge.key,
      name: challenge.name,
      description: challenge.description,
      criterion: challenge.criterion,
      progress,
      target,
      startsAt: challenge.startsAt.toISOString(),
      deadline: challenge.endsAt.toISOString(),
      requiresOptIn: challenge.requiresOptIn,
      joined: !challenge.requiresOptIn || sameKey.length > 0,
      completedAt: completedAt?.toISOString() ?? null,
      prizePoints: challenge.prizePoints,
      prizeBadgeKey: challenge.prizeBadgeKey,
    });
  }
  return result;
}

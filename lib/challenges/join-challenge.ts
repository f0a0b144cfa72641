import type { Db, Tx } from "@/db";
import { memberChallenges } from "@/db/schema";
import { loadEngagementDefinitions } from "@/lib/badges/engagement-definitions";
import { findMember } from "@/lib/members/load-member";
import { AppError } from "@/lib/errors";
import { isSameRun, memberChallengeStates } from "./evaluate-challenges";
import { recordEngagement, type EngagementResult } from "./record-engagement";
import { assertMembershipOpen } from "@/lib/members/assert-membership-open";

export type JoinChallengeResult = EngagementResult & { challengeId: string; joined: boolean };

/**
 * Opts a member into a challenge of the program's published version, before it starts or
 * while it runs. Activity earlier in the window counts too, so progress (and a prize the
 * member already reached) is settled at once. Joining twice is harmless: `joined` is false,
 * also when the member joined the same challenge (same key) under an earlier program version.
 */
export async function joinChallenge(
  db: Db,
  input: { merchantId: string; memberId: string; challengeId: string; now: Date },
): Promise<JoinChallengeResult> {
  return db.transaction(async (tx) => {
    const member = await findMember(tx, { ...input, lock: true });
    assertMembershipOpen(member);
    const definitions = await loadEngagementDefinitions(tx, {
      merchantId: input.merchantId,
      programId: member.programId,
    });
    const challenge = definitions.challenges.find((candidate) => candidate.id === input.challengeId);
    if (!challenge) throw new AppError("not_found", "Challenge not found");
    if (input.now >= challenge.endsAt) throw new AppError("challenge_closed", "This challenge has ended");

    // A join of this run under an earlier version of the program still holds: evaluation
    // carries that row over.
    const states = await memberChallengeStates(tx, {
      merchantId: input.merchantId,
      memberId: member.id,
      keys: [challenge.key],
    });
    const joined =
      !states.some((state) => isSameRun(state, challenge)) &&
      (await insertJoin(tx, {
        merchantId: input.merchantId,
        memberId: member.id,
        challengeId: challenge.id,
        now: input.now,
      }));
    const engagement = await recordEngagement(tx, {
      merchantId: input.merchantId,
      memberId: member.id,
      now: input.now,
    });
    return { challengeId: challenge.id, joined, ...engagement };
  });
}

async function insertJoin(
  tx: Tx,
  input: { merchantId: string; memberId: string; challengeId: string; now: Date },
): Promise<boolean> {
  const [row] = await tx
    .insert(memberChallenges)
    .values({
      merchantId: input.merchantId,
      memberId: input.memberId,
      challengeId: input.challengeId,
      joinedAt: input.now,
    })
    .onConflictDoNothing({ target: [memberChallenges.memberId, memberChallenges.challengeId] })
    .returning({ id: memberChallenges.id });
  return Boolean(row);
}

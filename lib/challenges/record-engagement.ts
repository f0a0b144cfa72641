import type { Tx } from "@/db";
import { loadEngagementDefinitions, type EngagementDefinitions } from "@/lib/badges/engagement-definitions";
import { findMember } from "@/lib/members/load-member";
import { awardMetBadges } from "@/lib/badges/evaluate-badges";
import { settleChallenges } from "./evaluate-challenges";

export type EngagementResult = {
  /** Badges newly awarded, by criterion or as a challenge prize. */
  badges: string[];
  /** Challenges newly completed, by key. */
  challengesCompleted: string[];
};

/**
 * Runs after anything that can move a member towards a badge or challenge (a purchase, a
 * redemption, a referral, joining a challenge), inside the caller's transaction and on `tx`
 * only. Challenges go first: completing one can hand out a badge or count as "joined".
 */
export async function recordEngagement(
  tx: Tx,
  input: { merchantId: string; memberId: string; now: Date; definitions?: EngagementDefinitions },
): Promise<EngagementResult> {
  const nothingToEarn = (definitions: EngagementDefinitions) =>
    definitions.badges.length === 0 && definitions.challenges.length === 0;
  // A caller that already loaded the program (a purchase, a redemption) passes what it defines,
  // and a program without badges or challenges costs it no query here.
  if (input.definitions && nothingToEarn(input.definitions)) return { badges: [], challengesCompleted: [] };
  const member = await findMember(tx, { ...input, lock: true });
  const definitions =
    input.definitions ??
    (await loadEngagementDefinitions(tx, { merchantId: input.merchantId, programId: member.programId }));
  if (nothingToEarn(definitions)) return { badges: [], challengesCompleted: [] };
  const context = { merchantId: input.merchantId, member, definitions, now: input.now };
  const challenges = await settleChallenges(tx, context);
  const badges = await awardMetBadges(tx, context);
  return { badges: [...challenges.badges, ...badges], challengesCompleted: challenges.completed };
}

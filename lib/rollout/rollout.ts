import { createHash } from "node:crypto";

/**
 * Staged rollout (a pilot): a program, an earning rule (a campaign is one) or a reward can be
 * limited to some stores and to a share of members, then widened.
 *
 * - The share: every (member, subject) pair has a stable bucket 0-99, from a hash of the two.
 *   A share of N % reaches the buckets below N, so widening 10 % to 30 % keeps the first 10 %
 *   in, and two subjects at 10 % reach different members (the subject is part of the hash).
 *   0 % reaches no one, 100 % (the default) everyone.
 * - The stores: an empty list is every store. A program or a reward limited to stores reaches
 *   the members whose home store (`members.enrolled_at_store_id`, where they joined) is one of
 *   them; a member with no home store (joined online) is outside. A rule's stores are its
 *   `conditions.storeIds`, the store of each sale, checked by the earning engine as before.
 *
 * Who is "the member" in the hash: for rules and rewards the member id. For a program it is
 * the person's e-mail (lower case), because the answer is needed before the membership, and its
 * id, exist: the same person gets the same answer before joining, after joining and on a
 * retry (a member without an e-mail falls back to the member id).
 */
export type Rollout = { rolloutPercent: number; rolloutStoreIds?: readonly string[] };

/** The subject part of the hash: a program, a rule by its stable key, or a reward. */
export const rolloutSubject = {
  program: (programId: string) => `program:${programId}`,
  /** By key, so a rule keeps its members across versions (its id changes with each version). */
  rule: (ruleKey: string) => `rule:${ruleKey}`,
  reward: (rewardId: string) => `reward:${rewardId}`,
};

/** A stable number 0-99 for this member and this subject. */
export function rolloutBucket(memberKey: string, subject: string): number {
  const digest = createHash("sha256").update(`${subject}\u0000${memberKey}`).digest();
  return digest.readUInt32BE(0) % 100;
}

/** Whether the share part of a rollout reaches this member. */
export function inRolloutShare(percent: number, memberKey: string, subject: string): boolean {
  if (percent >= 100) return true;
  if (percent <= 0) return false;
  return rolloutBucket(memberKey, subject) < percent;
}

/** Whether a rollout (share and home store) reaches this member. */
export function inRollout(
  rollout: Rollout,
  member: { key: string; homeStoreId: string | null },
  subject: string,
): boolean {
  const stores = rollout.rolloutStoreIds ?? [];
  if (stores.length > 0 && !(member.homeStoreId && stores.includes(member.homeStoreId))) return false;
  return inRolloutShare(rollout.rolloutPercent, member.key, subject);
}

/** The key a program's share is decided by: the e-mail, else the member id (see above). */
export function programRolloutKey(member: { email: string | null; id?: string }): string {
  const email = member.email?.trim().toLowerCase();
  if (email) return `email:${email}`;
  return `member:${member.id ?? ""}`;
}

/** Whether a program reaches a person or member (their e-mail and home store). */
export function programReaches(
  program: Rollout & { id: string },
  member: { email: string | null; id?: string; enrolledAtStoreId: string | null },
): boolean {
  return inRollout(
    program,
    { key: programRolloutKey(member), homeStoreId: member.enrolledAtStoreId },
    rolloutSubject.program(program.id),
  );
}

/**
 * Whether the public page offers a visitor (not a member yet) to join: a signed-in person by
 * their e-mail (an online join has no home store, so a store pilot leaves them out); a visitor
 * signed out is left out of a store pilot and offered the join of a share pilot, which decides
 * when they sign up.
 */
export function programReachesVisitor(
  program: Rollout & { id: string },
  user: { email: string | null } | null,
): boolean {
  if (user) return programReaches(program, { email: user.email, enrolledAtStoreId: null });
  return (program.rolloutStoreIds ?? []).length === 0 && program.rolloutPercent > 0;
}

/** The one explanation line of a sale by a member the program's pilot does not reach. */
export const outsideRolloutLine = { ruleKey: "rollout", label: "program not available to this member" } as const;

/** Whether an earning rule's share reaches this member (its stores are a condition on the sale). */
export function ruleReaches(rule: { key: string; rolloutPercent: number }, memberId: string): boolean {
  return inRolloutShare(rule.rolloutPercent, memberId, rolloutSubject.rule(rule.key));
}

/** Whether a reward reaches this member (share and home store); outside, it does not exist for them. */
export function rewardReaches(
  reward: Rollout & { id: string },
  member: { id: string; enrolledAtStoreId: string | null },
): boolean {
  return inRollout(reward, { key: member.id, homeStoreId: member.enrolledAtStoreId }, rolloutSubject.reward(reward.id));
}

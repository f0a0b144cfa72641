import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { challenges, memberBadges, memberChallenges } from "@/db/schema";
import { measureActivity } from "@/lib/badges/activity-measures";
import {
  criterionTarget,
  loadEngagementDefinitions,
  type ChallengeDefinition,
  type EngagementDefinitions,
} from "@/lib/badges/engagement-definitions";
import { findMember, type Member } from "@/lib/members/load-member";
import { loadProgramContext } from "@/lib/programs/program-context";
import { creditBonus } from "@/lib/rules/credit-bonus";

export type ChallengeEvaluation = {
  /** Keys of the challenges this call completed (and paid). */
  completed: string[];
  /** Prize badges this call awarded. */
  badges: string[];
};

/** Running at `now`: started, and its deadline not yet reached. */
export function isRunning(challenge: Pick<ChallengeDefinition, "startsAt" | "endsAt">, now: Date): boolean {
  return challenge.startsAt <= now && now < challenge.endsAt;
}

/** The award key that makes a challenge's points prize once-only per member. */
export function challengeAwardKey(challenge: Pick<ChallengeDefinition, "key" | "id">): string {
  return `challenge:${challenge.key}:${challenge.id}`;
}

/**
 * Brings the member's progress on every running challenge up to date from their activity
 * inside each challenge's window, and pays the prize of each one completed, exactly once.
 * An opt-in challenge counts only once the member joined it. Must run inside a transaction:
 * the member row lock serializes concurrent evaluations of one member, the conditional
 * `completed_at` update and the prize's award key each make a second payment impossible.
 * A challenge is identified by its key, so republishing the program does not pay it twice.
 */
export async function evaluateChallenges(
  tx: Tx,
  input: { merchantId: string; memberId: string; now: Date },
): Promise<ChallengeEvaluation> {
  const member = await findMember(tx, { ...input, lock: true });
  const definitions = await loadEngagementDefinitions(tx, {
    merchantId: input.merchantId,
    programId: member.programId,
  });
  return settleChallenges(tx, { merchantId: input.merchantId, member, definitions, now: input.now });
}

/**
 * `evaluateChallenges` for a caller that holds the member row lock and has the definitions
 * at hand already.
 */
export async function settleChallenges(
  tx: Tx,
  input: { merchantId: string; member: Member; definitions: EngagementDefinitions; now: Date },
): Promise<ChallengeEvaluation> {
  const { member, definitions } = input;
  const result: ChallengeEvaluation = { completed: [], badges: [] };
  const running = definitions.challenges.filter((challenge) => isRunning(challenge, input.now));
  if (running.length === 0) return result;

  const states = await memberChallengeStates(tx, {
    merchantId: input.merchantId,
    memberId: member.id,
    keys: running.map((challenge) => challenge.key),
  });
  // A prize can move the member up a tier; the next prize must start from there.
  let tierKey = member.tierKey;
  for (const challenge of running) {
    const sameKey = states.filter((state) => isSameRun(state, challenge));
    if (sameKey.some((state) => state.completedAt)) continue;
    if (challenge.requiresOptIn && sameKey.length === 0) continue;

    const own = await carryOverToChallenge(tx, { merchantId: input.merchantId, challenge, sameKey });
    const value = await measureChallenge(tx, {
      merchantId: input.merchantId,
      member,
      challenge,
      timeZone: definitions.timeZone,
      now: input.now,
    });
    // Rows are kept only for challenges the member joined or made progress in, so "joined a
    // challenge" keeps its meaning.
    if (value === 0 && !own) continue;
    const rowId =
      own && own.progress === value
        ? own.id
        : await saveProgress(tx, { merchantId: input.merchantId, member, challenge, progress: value, now: input.now });
    if (value < criterionTarget(challenge.criterion, challenge.target)) continue;

    const [completed] = await tx
      .update(memberChallenges)
      .set({ completedAt: input.now })
      .where(and(eq(memberChallenges.id, rowId), isNull(memberChallenges.completedAt)))
      .returning({ id: memberChallenges.id });
    if (!completed) continue;
    result.completed.push(challenge.key);
    const prize = await payPrize(tx, {
      merchantId: input.merchantId,
      member: { id: member.id, tierKey },
      challenge,
      definitions,
      now: input.now,
    });
    tierKey = prize.tierKey;
    if (prize.badge) result.badges.push(prize.badge);
  }
  return result;
}

/** The member's progress on a challenge: their activity by its criterion inside its window. */
export async function measureChallenge(
  db: Db,
  input: { merchantId: string; member: Member; challenge: ChallengeDefinition; timeZone: string; now: Date },
): Promise<number> {
  const { challenge } = input;
  const { value } = await measureActivity(db, {
    merchantId: input.merchantId,
    member: input.member,
    criterion: challenge.criterion,
    timeZone: input.timeZone,
    now: input.now,
    window: { from: challenge.startsAt, to: challenge.endsAt, challengeKey: challenge.key },
  });
  return value;
}

type MemberChallengeState = {
  id: string;
  challengeId: string;
  key: string;
  progress: number;
  completedAt: Date | null;
  /** The window of the challenge the row is on, which may be an earlier version's. */
  startsAt: Date;
  endsAt: Date;
};

/**
 * A row belongs to this run of a challenge when it has the challenge's key and a window that
 * overlaps the challenge's: republishing keeps the run, re-dating the key to a later window
 * starts a new one, with its own opt-in, progress and prize.
 */
export function isSameRun(
  state: MemberChallengeState,
  challenge: Pick<ChallengeDefinition, "key" | "startsAt" | "endsAt">,
): boolean {
  return state.key === challenge.key && state.startsAt < challenge.endsAt && challenge.startsAt < state.endsAt;
}

/** The member's rows for challenges with these keys, in this or any earlier program version, first joined first. */
export async function memberChallengeStates(
  db: Db,
  input: { merchantId: string; memberId: string; keys: string[] },
): Promise<MemberChallengeState[]> {
  if (input.keys.length === 0) return [];
  return db
    .select({
      id: memberChallenges.id,
      challengeId: memberChallenges.challengeId,
      key: challenges.key,
      progress: memberChallenges.progress,
      completedAt: memberChallenges.completedAt,
      startsAt: challenges.startsAt,
      endsAt: challenges.endsAt,
    })
    .from(memberChallenges)
    .innerJoin(challenges, eq(challenges.id, memberChallenges.challengeId))
    .where(
      and(
        eq(memberChallenges.memberId, input.memberId),
        eq(memberChallenges.merchantId, input.merchantId),
        inArray(challenges.key, input.keys),
      ),
    )
    .orderBy(asc(memberChallenges.joinedAt), asc(memberChallenges.id));
}

/**
 * The member's row for `challenge`. Republishing the program gives the same challenge (same
 * key) a new id, so a row made under an earlier version is moved onto the running one: the
 * member stays opted in, keeps their join date and goes on with one row per challenge.
 * `sameKey` holds the member's unfinished rows for the challenge's key.
 */
async function carryOverToChallenge(
  tx: Tx,
  input: { merchantId: string; challenge: ChallengeDefinition; sameKey: MemberChallengeState[] },
): Promise<MemberChallengeState | undefined> {
  const own = input.sameKey.find((state) => state.challengeId === input.challenge.id);
  if (own) return own;
  const earlier = input.sameKey[0];
  if (!earlier) return undefined;
  await tx
    .update(memberChallenges)
    .set({ challengeId: input.challenge.id })
    .where(and(eq(memberChallenges.id, earlier.id), eq(memberChallenges.merchantId, input.merchantId)));
  return { ...earlier, challengeId: input.challenge.id };
}

async function saveProgress(
  tx: Tx,
  input: {
    merchantId: string;
    member: Member;
    challenge: ChallengeDefinition;
    progress: number;
    now: Date;
  },
): Promise<string> {
  const [row] = await tx
    .insert(memberChallenges)
    .values({
      merchantId: input.merchantId,
      memberId: input.member.id,
      challengeId: input.challenge.id,
      progress: input.progress,
      joinedAt: input.now,
    })
    .onConflictDoUpdate({
      target: [memberChallenges.memberId, memberChallenges.challengeId],
      set: { progress: input.progress },
      setWhere: isNull(memberChallenges.completedAt),
    })
    .returning({ id: memberChallenges.id });
  if (row) return row.id;
  // Completed in the meantime: the conflict update was skipped and nothing came back.
  const [existing] = await tx
    .select({ id: memberChallenges.id })
    .from(memberChallenges)
    .where(and(eq(memberChallenges.memberId, input.member.id), eq(memberChallenges.challengeId, input.challenge.id)));
  if (!existing) throw new Error("Member challenge row vanished");
  return existing.id;
}

type Prize = {
  /** The prize badge's key when this awarded it. */
  badge: string | null;
  /** The member's tier once the prize points counted towards it. */
  tierKey: string | null;
};

type PrizeInput = {
  merchantId: string;
  member: Pick<Member, "id" | "tierKey">;
  challenge: ChallengeDefinition;
  definitions: EngagementDefinitions;
  now: Date;
};

/** Pays a completed challenge's prize. */
async function payPrize(tx: Tx, input: PrizeInput): Promise<Prize> {
  const { challenge } = input;
  const tierKey = challenge.prizePoints > 0 ? await payPrizePoints(tx, input) : input.member.tierKey;
  if (!challenge.prizeBadgeKey) return { badge: null, tierKey };
  const [badge] = await tx
    .insert(memberBadges)
    .values({
      merchantId: input.merchantId,
      memberId: input.member.id,
      badgeKey: challenge.prizeBadgeKey,
      awardedAt: input.now,
    })
    .onConflictDoNothing({ target: [memberBadges.memberId, memberBadges.badgeKey] })
    .returning({ key: memberBadges.badgeKey });
  return { badge: badge?.key ?? null, tierKey };
}

/** Credits the prize points once, as a bonus; returns the member's tier afterwards. */
async function payPrizePoints(tx: Tx, input: PrizeInput): Promise<string | null> {
  const { challenge, definitions, member, now } = input;
  // The engagement definitions leave the tiers out; the program context has them, cached per version.
  const context = await loadProgramContext(tx, { programId: definitions.programId, merchantId: input.merchantId });
  const credited = await creditBonus(tx, {
    merchantId: input.merchantId,
    member,
    context,
    points: challenge.prizePoints,
    awardKey: challengeAwardKey(challenge),
    reason: `Challenge completed: ${challenge.name}`,
    explanation: [{ ruleKey: `challenge:${challenge.key}`, label: challenge.name, points: challenge.prizePoints }],
    actor: { type: "system" },
    now,
  });
  return credited?.tierKey ?? member.tierKey;
}

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import {
  challenges,
  memberBadges,
  memberChallenges,
  memberQualifications,
  members,
  pointEntries,
  programVersions,
} from "@/db/schema";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { createDraftVersion } from "@/lib/programs/create-draft-version";
import { publishDraftVersion } from "@/lib/programs/publish-draft-version";
import {
  addPurchase,
  addRedemption,
  addReferral,
  createBadge,
  createChallenge,
} from "@/lib/testing/engagement-factories";
import { createMember, createProgram, defaultSettings } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { challengeProgress } from "./challenge-progress";
import { closeChallenges } from "./close-challenges";
import { evaluateChallenges } from "./evaluate-challenges";
import { joinChallenge } from "./join-challenge";
import { recordEngagement } from "./record-engagement";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

// March 2026 in Riga: from local midnight on 1 March (UTC+2) to local midnight on 1 April (UTC+3).
const march = { startsAt: new Date("2026-02-28T22:00:00Z"), endsAt: new Date("2026-03-31T21:00:00Z") };
const midMarch = new Date("2026-03-20T12:00:00Z");
type MemberRef = { id: string; merchantId: string };

async function setup(challenge: Partial<Parameters<typeof createChallenge>[2]> = {}) {
  const { db } = database;
  const { merchant, program, version } = await createProgram(db);
  const created = await createChallenge(db, version, {
    key: "three-visits",
    name: "3 visits in March",
    criterion: "visits",
    target: 3,
    prizePoints: 150,
    ...march,
    ...challenge,
  });
  const member = await createMember(db, program);
  return { merchant, program, version, challenge: created, member };
}

function evaluate(member: MemberRef, now = midMarch) {
  return database.db.transaction((tx) =>
    evaluateChallenges(tx, { merchantId: member.merchantId, memberId: member.id, now }),
  );
}

async function prizeEntries(member: MemberRef) {
  return database.db
    .select()
    .from(pointEntries)
    .where(and(eq(pointEntries.memberId, member.id), eq(pointEntries.kind, "bonus")));
}

async function rowOf(member: MemberRef, challengeId: string) {
  const [row] = await database.db
    .select()
    .from(memberChallenges)
    .where(and(eq(memberChallenges.memberId, member.id), eq(memberChallenges.challengeId, challengeId)));
  return row;
}

async function tierOf(member: MemberRef) {
  const [row] = await database.db.select({ tierKey: members.tierKey }).from(members).where(eq(members.id, member.id));
  return row?.tierKey;
}

async function qualifyingPointsOf(member: MemberRef) {
  const rows = await database.db
    .select({ periodStart: memberQualifications.periodStart, points: memberQualifications.points })
    .from(memberQualifications)
    .where(eq(memberQualifications.memberId, member.id));
  return Object.fromEntries(rows.map((row) => [row.periodStart, row.points]));
}

/** Publishes a copy of the program's version in force, as the builder does; returns the new id of `challengeKey`. */
async function republish(program: { id: string; merchantId: string }, challengeKey: string, now: Date) {
  const { db } = database;
  await createDraftVersion(db, { merchantId: program.merchantId, programId: program.id });
  const version = await publishDraftVersion(db, { merchantId: program.merchantId, programId: program.id, now });
  const [challenge] = await db
    .select()
    .from(challenges)
    .where(and(eq(challenges.programVersionId, version.id), eq(challenges.key, challengeKey)));
  return { version, challenge: challenge! };
}

describe("challenges", () => {
  it("counts only activity inside the challenge window", async () => {
    const { db } = database;
    const { challenge, member } = await setup();
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-02-28T21:59:59Z") }); // 23:59:59 on 28 Feb, local
    await addPurchase(db, member, { amountMinor: 100, occurredAt: march.startsAt });
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-03-10T10:00:00Z") });
    await addPurchase(db, member, { amountMinor: 100, occurredAt: march.endsAt }); // 00:00 on 1 April, local
    expect(await evaluate(member, new Date("2026-03-31T20:59:59Z"))).toEqual({ completed: [], badges: [] });
    expect((await rowOf(member, challenge.id))?.progress).toBe(2);
    const [shown] = await challengeProgress(db, { merchantId: member.merchantId, memberId: member.id, now: midMarch });
    expect(shown).toMatchObject({
      key: "three-visits",
      progress: 2,
      target: 3,
      deadline: march.endsAt.toISOString(),
      joined: true,
      completedAt: null,
      prizePoints: 150,
    });
  });

  it("measures spend, redemptions and referrals within the window", async () => {
    const { db } = database;
    const { program, version, member } = await setup({ key: "spend", criterion: "spend", target: 10_000 });
    await createChallenge(db, version, { key: "redeem", criterion: "first_redemption", target: 1, ...march });
    await createChallenge(db, version, { key: "refer", criterion: "referrals", target: 2, ...march });
    await addPurchase(db, member, { amountMinor: 5_000, occurredAt: new Date("2026-02-20T10:00:00Z") });
    await addPurchase(db, member, { amountMinor: 2_500, occurredAt: new Date("2026-03-05T10:00:00Z") });
    await addPurchase(db, member, {
      amountMinor: 4_000,
      occurredAt: new Date("2026-03-06T10:00:00Z"),
      status: "refunded",
    });
    await addRedemption(db, member, { createdAt: new Date("2026-02-27T10:00:00Z") });
    await addReferral(db, program, member, new Date("2026-02-15T10:00:00Z"));
    await addReferral(db, program, member, new Date("2026-03-15T10:00:00Z"));
    const shown = await challengeProgress(db, { merchantId: member.merchantId, memberId: member.id, now: midMarch });
    expect(Object.fromEntries(shown.map((c) => [c.key, [c.progress, c.target]]))).toEqual({
      spend: [2_500, 10_000],
      redeem: [0, 1],
      refer: [1, 2],
    });
    await addRedemption(db, member, { createdAt: new Date("2026-03-16T10:00:00Z") });
    expect((await evaluate(member)).completed).toEqual(["redeem"]);
  });

  it("completes at the target, pays the points and badge prize once, and not again when evaluated twice", async () => {
    const { db } = database;
    const { version, challenge, member } = await setup({ prizeBadgeKey: "march-hero" });
    await createBadge(db, version, { key: "march-hero", criterion: "first_purchase" });
    for (const day of ["03", "04", "05"])
      await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date(`2026-03-${day}T10:00:00Z`) });
    expect(await evaluate(member)).toEqual({ completed: ["three-visits"], badges: ["march-hero"] });
    expect(await evaluate(member)).toEqual({ completed: [], badges: [] });
    const entries = await prizeEntries(member);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      points: 150,
      awardKey: `challenge:three-visits:${challenge.id}`,
      programVersionId: version.id,
      explanation: [{ ruleKey: "challenge:three-visits", label: "3 visits in March", points: 150 }],
    });
    expect((await rowOf(member, challenge.id))?.completedAt?.toISOString()).toBe(midMarch.toISOString());
    expect(await db.select().from(memberBadges).where(eq(memberBadges.memberId, member.id))).toHaveLength(1);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(150);
    const [shown] = await challengeProgress(db, { merchantId: member.merchantId, memberId: member.id, now: midMarch });
    expect(shown).toMatchObject({ progress: 3, target: 3, completedAt: midMarch.toISOString() });
  });

  it("counts an opt-in challenge only once joined, and settles it on joining", async () => {
    const { db } = database;
    const { challenge, member } = await setup({ requiresOptIn: true });
    for (const day of ["03", "04", "05"])
      await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date(`2026-03-${day}T10:00:00Z`) });
    expect(await evaluate(member)).toEqual({ completed: [], badges: [] });
    expect(await rowOf(member, challenge.id)).toBeUndefined();
    expect(await prizeEntries(member)).toHaveLength(0);
    const [before] = await challengeProgress(db, { merchantId: member.merchantId, memberId: member.id, now: midMarch });
    expect(before).toMatchObject({ joined: false, requiresOptIn: true, progress: 3 });

    const joined = await joinChallenge(db, {
      merchantId: member.merchantId,
      memberId: member.id,
      challengeId: challenge.id,
      now: midMarch,
    });
    expect(joined).toMatchObject({ joined: true, challengesCompleted: ["three-visits"] });
    const again = await joinChallenge(db, {
      merchantId: member.merchantId,
      memberId: member.id,
      challengeId: challenge.id,
      now: midMarch,
    });
    expect(again).toMatchObject({ joined: false, challengesCompleted: [] });
    expect(await prizeEntries(member)).toHaveLength(1);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(150);
  });

  it("refuses to join after the deadline, or another merchant's challenge", async () => {
    const { db } = database;
    const { challenge, member } = await setup({ requiresOptIn: true });
    await expect(
      joinChallenge(db, {
        merchantId: member.merchantId,
        memberId: member.id,
        challengeId: challenge.id,
        now: march.endsAt,
      }),
    ).rejects.toMatchObject({ code: "challenge_closed" });
    const other = await setup({ requiresOptIn: true });
    await expect(
      joinChallenge(db, {
        merchantId: member.merchantId,
        memberId: member.id,
        challengeId: other.challenge.id,
        now: midMarch,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      joinChallenge(db, {
        merchantId: other.merchant.id,
        memberId: member.id,
        challengeId: other.challenge.id,
        now: midMarch,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await rowOf(member, challenge.id)).toBeUndefined();
  });

  it("pays nothing after the deadline; the sweep finalizes progress, idempotently", async () => {
    const { db } = database;
    const { challenge, member } = await setup();
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-03-03T10:00:00Z") });
    await evaluate(member);
    expect((await rowOf(member, challenge.id))?.progress).toBe(1);
    // Two more visits inside the window, recorded only after the deadline.
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-03-30T10:00:00Z") });
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-03-31T10:00:00Z") });
    const afterDeadline = new Date("2026-04-01T08:00:00Z");
    expect(await evaluate(member, afterDeadline)).toEqual({ completed: [], badges: [] });
    expect(
      await challengeProgress(db, { merchantId: member.merchantId, memberId: member.id, now: afterDeadline }),
    ).toEqual([]);

    const first = await closeChallenges(db, { merchantId: member.merchantId, now: afterDeadline });
    expect(first).toEqual({ rowsChecked: 1, rowsFinalized: 1, challenges: 1 });
    const row = await rowOf(member, challenge.id);
    expect(row).toMatchObject({ progress: 3, completedAt: null });
    const second = await closeChallenges(db, { merchantId: member.merchantId, now: afterDeadline });
    expect(second).toEqual({ rowsChecked: 1, rowsFinalized: 0, challenges: 1 });
    expect(await prizeEntries(member)).toHaveLength(0);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(0);
  });

  it("does not pay a challenge again when the program is republished with it", async () => {
    const { db } = database;
    const { program, version, member } = await setup();
    for (const day of ["03", "04", "05"])
      await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date(`2026-03-${day}T10:00:00Z`) });
    expect((await evaluate(member)).completed).toEqual(["three-visits"]);
    await db.update(programVersions).set({ status: "superseded" }).where(eq(programVersions.id, version.id));
    const [next] = await db
      .insert(programVersions)
      .values({
        merchantId: program.merchantId,
        programId: program.id,
        number: 2,
        status: "published",
        publishedAt: midMarch,
        settings: defaultSettings,
      })
      .returning();
    await createChallenge(db, next!, {
      key: "three-visits",
      criterion: "visits",
      target: 3,
      prizePoints: 150,
      ...march,
    });
    expect(await evaluate(member, new Date("2026-03-21T12:00:00Z"))).toEqual({ completed: [], badges: [] });
    expect(await prizeEntries(member)).toHaveLength(1);
    const [shown] = await challengeProgress(db, { merchantId: member.merchantId, memberId: member.id, now: midMarch });
    expect(shown?.completedAt).toBe(midMarch.toISOString());
  });

  it("counts prize points as qualifying points of the month paid and moves the member up at once", async () => {
    const { db } = database;
    const { member } = await setup({ prizePoints: 600 });
    expect(await tierOf(member)).toBe("silver");
    for (const day of ["03", "04", "05"])
      await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date(`2026-03-${day}T10:00:00Z`) });
    expect((await evaluate(member)).completed).toEqual(["three-visits"]);
    expect(await qualifyingPointsOf(member)).toEqual({ "2026-03-01": 600 });
    expect(await tierOf(member)).toBe("gold");
    expect(await evaluate(member)).toEqual({ completed: [], badges: [] });
    expect(await qualifyingPointsOf(member)).toEqual({ "2026-03-01": 600 });
  });

  it("lets a prize lift the tier further than the purchase that completed the challenge", async () => {
    const { db } = database;
    const { member } = await setup({ key: "first-visit", target: 1, prizePoints: 1_600 });
    // 500 points at 1 point per 100 minor units reach gold; the 1,600-point prize then reaches platinum (2,000).
    const result = await recordPurchase(db, {
      merchantId: member.merchantId,
      memberId: member.id,
      amountMinor: 50_000,
      actor: { type: "system" },
      now: midMarch,
    });
    expect(result).toMatchObject({ pointsEarned: 500, challengesCompleted: ["first-visit"] });
    expect(await qualifyingPointsOf(member)).toEqual({ "2026-03-01": 2_100 });
    expect(await tierOf(member)).toBe("platinum");
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(2_100);
  });

  it("carries a member's opt-in and progress over a republish of the program, and pays the prize once", async () => {
    const { db } = database;
    const { program, challenge: first, member } = await setup({ requiresOptIn: true });
    const joinedAt = new Date("2026-03-02T10:00:00Z");
    await joinChallenge(db, {
      merchantId: member.merchantId,
      memberId: member.id,
      challengeId: first.id,
      now: joinedAt,
    });
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-03-03T10:00:00Z") });
    await evaluate(member, new Date("2026-03-04T10:00:00Z"));
    expect((await rowOf(member, first.id))?.progress).toBe(1);

    const { version, challenge: second } = await republish(program, "three-visits", new Date("2026-03-10T10:00:00Z"));
    expect(second.id).not.toBe(first.id);
    const [shown] = await challengeProgress(db, { merchantId: member.merchantId, memberId: member.id, now: midMarch });
    expect(shown).toMatchObject({ id: second.id, joined: true, progress: 1 });
    const rejoined = await joinChallenge(db, {
      merchantId: member.merchantId,
      memberId: member.id,
      challengeId: second.id,
      now: midMarch,
    });
    expect(rejoined).toMatchObject({ joined: false, challengesCompleted: [] });

    for (const day of ["11", "12"])
      await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date(`2026-03-${day}T10:00:00Z`) });
    expect(await evaluate(member)).toEqual({ completed: ["three-visits"], badges: [] });
    expect(await evaluate(member)).toEqual({ completed: [], badges: [] });
    await republish(program, "three-visits", new Date("2026-03-21T10:00:00Z"));
    expect(await evaluate(member, new Date("2026-03-22T10:00:00Z"))).toEqual({ completed: [], badges: [] });

    const rows = await db.select().from(memberChallenges).where(eq(memberChallenges.memberId, member.id));
    expect(rows).toEqual([
      expect.objectContaining({ challengeId: second.id, joinedAt, progress: 3, completedAt: midMarch }),
    ]);
    const entries = await prizeEntries(member);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ points: 150, programVersionId: version.id });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(150);
  });

  it("starts a new run, with its own opt-in and progress, when a republish moves the key to a later window", async () => {
    const { db } = database;
    const { program, challenge: march, member } = await setup({ requiresOptIn: true });
    await joinChallenge(db, {
      merchantId: member.merchantId,
      memberId: member.id,
      challengeId: march.id,
      now: new Date("2026-03-02T10:00:00Z"),
    });
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-03-03T10:00:00Z") });
    await evaluate(member, new Date("2026-03-04T10:00:00Z"));

    // The same key, re-dated to May in the next version.
    const draft = await createDraftVersion(db, { merchantId: program.merchantId, programId: program.id });
    await db
      .update(challenges)
      .set({ startsAt: new Date("2026-04-30T22:00:00Z"), endsAt: new Date("2026-05-31T22:00:00Z") })
      .where(and(eq(challenges.programVersionId, draft.id), eq(challenges.key, "three-visits")));
    await publishDraftVersion(db, {
      merchantId: program.merchantId,
      programId: program.id,
      now: new Date("2026-04-02T10:00:00Z"),
    });
    const may = new Date("2026-05-10T10:00:00Z");
    const [shown] = await challengeProgress(db, { merchantId: member.merchantId, memberId: member.id, now: may });
    expect(shown).toMatchObject({ key: "three-visits", joined: false });
    for (const day of ["03", "04", "05"])
      await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date(`2026-05-${day}T10:00:00Z`) });
    expect(await evaluate(member, may)).toEqual({ completed: [], badges: [] });

    const joined = await joinChallenge(db, {
      merchantId: member.merchantId,
      memberId: member.id,
      challengeId: shown!.id,
      now: may,
    });
    expect(joined).toMatchObject({ joined: true, challengesCompleted: ["three-visits"] });
    // The March run keeps its own row and progress.
    expect(await rowOf(member, march.id)).toMatchObject({ progress: 1, completedAt: null });
  });

  it("does not count a challenge as joining another one after a republish", async () => {
    const { db } = database;
    const { program, challenge, member } = await setup({
      key: "join-another",
      criterion: "joined_challenge",
      target: 1,
      requiresOptIn: true,
    });
    await joinChallenge(db, {
      merchantId: member.merchantId,
      memberId: member.id,
      challengeId: challenge.id,
      now: new Date("2026-03-02T10:00:00Z"),
    });
    await republish(program, "join-another", new Date("2026-03-10T10:00:00Z"));
    const [shown] = await challengeProgress(db, { merchantId: member.merchantId, memberId: member.id, now: midMarch });
    expect(shown).toMatchObject({ key: "join-another", joined: true, progress: 0 });
    expect(await evaluate(member)).toEqual({ completed: [], badges: [] });
  });

  it("recordEngagement runs challenges then badges inside the caller's transaction", async () => {
    const { db } = database;
    const { version, member } = await setup({ requiresOptIn: true });
    await createBadge(db, version, { key: "joiner", criterion: "joined_challenge" });
    await createBadge(db, version, { key: "first", criterion: "first_purchase" });
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-03-03T10:00:00Z") });
    const result = await db.transaction((tx) =>
      recordEngagement(tx, { merchantId: member.merchantId, memberId: member.id, now: midMarch }),
    );
    expect(result).toEqual({ badges: ["first"], challengesCompleted: [] });
  });

  it.runIf(onPostgres)("pays one prize when 10 evaluations of one member race", async () => {
    const { db } = database;
    const { challenge, member } = await setup({ prizeBadgeKey: "hero" });
    for (const day of ["03", "04", "05"])
      await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date(`2026-03-${day}T10:00:00Z`) });
    const results = await Promise.all(Array.from({ length: 10 }, () => evaluate(member)));
    expect(results.flatMap((r) => r.completed)).toEqual(["three-visits"]);
    expect(results.flatMap((r) => r.badges)).toEqual(["hero"]);
    expect(await prizeEntries(member)).toHaveLength(1);
    expect(await rowOf(member, challenge.id)).toMatchObject({ progress: 3 });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(150);
  });

  it.runIf(onPostgres)("two deadline sweeps at once finalize each row once", async () => {
    const { db } = database;
    const { program, challenge } = await setup({ key: "sweep-race" });
    const members = await Promise.all(Array.from({ length: 30 }, () => createMember(db, program)));
    for (const member of members) {
      await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-03-03T10:00:00Z") });
      await evaluate(member);
      await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-03-30T10:00:00Z") });
    }
    const afterDeadline = new Date("2026-04-01T08:00:00Z");
    const sweeps = await Promise.all(
      [1, 2].map(() => closeChallenges(db, { merchantId: program.merchantId, now: afterDeadline, batchSize: 5 })),
    );
    expect(sweeps[0]!.rowsFinalized + sweeps[1]!.rowsFinalized).toBe(30);
    const rows = await db.select().from(memberChallenges).where(eq(memberChallenges.challengeId, challenge.id));
    expect(rows.map((row) => row.progress)).toEqual(Array(30).fill(2));
  });
});

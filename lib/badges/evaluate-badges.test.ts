import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { memberBadges, memberChallenges, type BadgeCriterion } from "@/db/schema";
import {
  addPurchase,
  addRedemption,
  addReferral,
  createBadge,
  createChallenge,
} from "@/lib/testing/engagement-factories";
import { createMember, createProgram } from "@/lib/testing/factories";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { badgeProgress } from "./badge-progress";
import { evaluateBadges } from "./evaluate-badges";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const now = new Date("2026-03-15T12:00:00Z");

async function programWithBadge(criterion: BadgeCriterion, target = 1) {
  const { db } = database;
  const { merchant, program, version } = await createProgram(db);
  await createBadge(db, version, { key: criterion, criterion, target });
  const member = await createMember(db, program);
  return { merchant, program, version, member };
}

function evaluate(member: { id: string; merchantId: string }, at = now) {
  return database.db.transaction((tx) =>
    evaluateBadges(tx, { merchantId: member.merchantId, memberId: member.id, now: at }),
  );
}

async function progressOf(member: { id: string; merchantId: string }, key: string, at = now) {
  const all = await badgeProgress(database.db, { merchantId: member.merchantId, memberId: member.id, now: at });
  return all.find((badge) => badge.key === key)!;
}

describe("evaluateBadges", () => {
  it("awards the first-purchase badge once, even when evaluated twice", async () => {
    const { db } = database;
    const { member } = await programWithBadge("first_purchase");
    expect(await evaluate(member)).toEqual([]);
    await addPurchase(db, member, { amountMinor: 500, occurredAt: new Date("2026-03-10T09:00:00Z") });
    expect(await evaluate(member)).toEqual(["first_purchase"]);
    expect(await evaluate(member)).toEqual([]);
    const rows = await db.select().from(memberBadges).where(eq(memberBadges.memberId, member.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.awardedAt.toISOString()).toBe(now.toISOString());
  });

  it("does not count a fully refunded purchase or one after `now`", async () => {
    const { db } = database;
    const { member } = await programWithBadge("first_purchase");
    await addPurchase(db, member, {
      amountMinor: 500,
      occurredAt: new Date("2026-03-10T09:00:00Z"),
      status: "refunded",
    });
    await addPurchase(db, member, { amountMinor: 500, occurredAt: new Date("2026-03-16T09:00:00Z") });
    expect(await evaluate(member)).toEqual([]);
    expect(await evaluate(member, new Date("2026-03-16T09:00:00Z"))).toEqual(["first_purchase"]);
  });

  it("awards N visits at the Nth visit, with progress shown until then", async () => {
    const { db } = database;
    const { member } = await programWithBadge("visits", 3);
    for (const day of [1, 2])
      await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date(`2026-03-0${day}T10:00:00Z`) });
    expect(await evaluate(member)).toEqual([]);
    expect(await progressOf(member, "visits")).toMatchObject({ earnedAt: null, progress: 2, target: 3 });
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-03-03T10:00:00Z") });
    expect(await evaluate(member)).toEqual(["visits"]);
    expect(await progressOf(member, "visits")).toMatchObject({ earnedAt: now.toISOString(), progress: 3, target: 3 });
  });

  it("awards spend over X from lifetime spend, to the minor unit", async () => {
    const { db } = database;
    const { member } = await programWithBadge("spend", 10_000);
    await addPurchase(db, member, { amountMinor: 9_999, occurredAt: new Date("2026-03-01T10:00:00Z") });
    expect(await evaluate(member)).toEqual([]);
    expect(await progressOf(member, "spend")).toMatchObject({ progress: 9_999, target: 10_000 });
    await addPurchase(db, member, { amountMinor: 1, occurredAt: new Date("2026-03-02T10:00:00Z") });
    expect(await evaluate(member)).toEqual(["spend"]);
  });

  it("awards the first redemption for a completed one only", async () => {
    const { db } = database;
    const { member } = await programWithBadge("first_redemption");
    await addRedemption(db, member, { createdAt: new Date("2026-03-01T10:00:00Z"), status: "cancelled" });
    expect(await evaluate(member)).toEqual([]);
    expect(await progressOf(member, "first_redemption")).toMatchObject({ progress: 0, target: 1 });
    await addRedemption(db, member, { createdAt: new Date("2026-03-02T10:00:00Z") });
    expect(await evaluate(member)).toEqual(["first_redemption"]);
  });

  it("counts members referred by this member only", async () => {
    const { db } = database;
    const { program, member } = await programWithBadge("referrals", 2);
    const someoneElse = await createMember(db, program);
    await addReferral(db, program, member, new Date("2026-02-01T10:00:00Z"));
    await addReferral(db, program, someoneElse, new Date("2026-02-02T10:00:00Z"));
    expect(await evaluate(member)).toEqual([]);
    expect(await progressOf(member, "referrals")).toMatchObject({ progress: 1, target: 2 });
    await addReferral(db, program, member, new Date("2026-02-03T10:00:00Z"));
    expect(await evaluate(member)).toEqual(["referrals"]);
  });

  it("counts a weekly streak across a year end and a 53-week ISO year, in the program's time zone", async () => {
    const { db } = database;
    const { member } = await programWithBadge("weekly_streak", 3);
    // Riga is UTC+2 in winter. 2026 has 53 ISO weeks.
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-12-27T12:00:00Z") }); // 2026-W52
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-12-31T21:30:00Z") }); // 2026-W53
    const at = new Date("2027-01-05T12:00:00Z");
    expect(await evaluate(member, at)).toEqual([]);
    expect(await progressOf(member, "weekly_streak", at)).toMatchObject({ progress: 2, target: 3 });
    // Monday 00:30 in Riga, still Sunday in UTC: 2027-W01 only in the program's time zone.
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2027-01-03T22:30:00Z") });
    expect(await evaluate(member, at)).toEqual(["weekly_streak"]);
  });

  it("counts a weekly streak through the week DST ends, by the local calendar", async () => {
    const { db } = database;
    const { member } = await programWithBadge("weekly_streak", 3);
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2025-10-15T09:00:00Z") }); // W42
    // Sunday 23:30 local on 26 October (now UTC+2): W43, though a fixed summer offset says W44.
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2025-10-26T21:30:00Z") });
    // Monday 00:30 local: W44, though UTC still says Sunday of W43.
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2025-10-26T22:30:00Z") });
    expect(await evaluate(member, new Date("2025-10-28T12:00:00Z"))).toEqual(["weekly_streak"]);
  });

  it("shows the streak still running as progress, and a broken one as zero", async () => {
    const { db } = database;
    const { member } = await programWithBadge("weekly_streak", 4);
    for (const iso of [
      "2026-02-02T10:00:00Z",
      "2026-02-09T10:00:00Z",
      "2026-03-02T10:00:00Z",
      "2026-03-09T10:00:00Z",
    ]) {
      await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date(iso) });
    }
    // Thursday 12 March: the run of 2 March and 9 March is still alive (this week has time left).
    expect(await progressOf(member, "weekly_streak", new Date("2026-03-12T12:00:00Z"))).toMatchObject({
      progress: 2,
      target: 4,
    });
    expect(await progressOf(member, "weekly_streak", new Date("2026-03-19T12:00:00Z"))).toMatchObject({ progress: 2 });
    expect(await progressOf(member, "weekly_streak", new Date("2026-03-24T12:00:00Z"))).toMatchObject({ progress: 0 });
    expect(await evaluate(member, new Date("2026-03-24T12:00:00Z"))).toEqual([]);
  });

  it("awards 'joined a challenge' from the member's challenge rows", async () => {
    const { db } = database;
    const { version, member } = await programWithBadge("joined_challenge", 1);
    const challenge = await createChallenge(db, version, {
      key: "march",
      criterion: "visits",
      target: 3,
      startsAt: new Date("2026-03-01T00:00:00Z"),
      endsAt: new Date("2026-04-01T00:00:00Z"),
      requiresOptIn: true,
    });
    expect(await evaluate(member)).toEqual([]);
    await db
      .insert(memberChallenges)
      .values({ merchantId: member.merchantId, memberId: member.id, challengeId: challenge.id, joinedAt: now });
    expect(await evaluate(member)).toEqual(["joined_challenge"]);
  });

  it("leaves a challenge's prize badge to the challenge, and lists every badge with its progress", async () => {
    const { db } = database;
    const { version, member } = await programWithBadge("visits", 5);
    await createBadge(db, version, { key: "march-champion", criterion: "first_purchase" });
    await createBadge(db, version, { key: "first_purchase", criterion: "first_purchase" });
    await createChallenge(db, version, {
      key: "march",
      criterion: "visits",
      target: 10,
      startsAt: new Date("2026-03-01T00:00:00Z"),
      endsAt: new Date("2026-04-01T00:00:00Z"),
      prizeBadgeKey: "march-champion",
    });
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-03-02T10:00:00Z") });
    await addPurchase(db, member, { amountMinor: 100, occurredAt: new Date("2026-03-03T10:00:00Z") });
    expect(await evaluate(member)).toEqual(["first_purchase"]);
    const all = await badgeProgress(db, { merchantId: member.merchantId, memberId: member.id, now });
    expect(
      all.map(({ key, earnedAt, progress, target, prizeOfChallengeKey }) => ({
        key,
        earned: earnedAt !== null,
        progress,
        target,
        prizeOfChallengeKey,
      })),
    ).toEqual([
      { key: "first_purchase", earned: true, progress: 1, target: 1, prizeOfChallengeKey: null },
      { key: "march-champion", earned: false, progress: 0, target: 1, prizeOfChallengeKey: "march" },
      { key: "visits", earned: false, progress: 2, target: 5, prizeOfChallengeKey: null },
    ]);
  });

  it("finds no member of another merchant", async () => {
    const { db } = database;
    const { member } = await programWithBadge("first_purchase");
    const other = await createProgram(db);
    await expect(
      db.transaction((tx) => evaluateBadges(tx, { merchantId: other.merchant.id, memberId: member.id, now })),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(badgeProgress(db, { merchantId: other.merchant.id, memberId: member.id, now })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it.runIf(onPostgres)("awards a badge once when 10 evaluations race", async () => {
    const { db } = database;
    const { member } = await programWithBadge("first_purchase");
    await addPurchase(db, member, { amountMinor: 500, occurredAt: new Date("2026-03-10T09:00:00Z") });
    const results = await Promise.all(Array.from({ length: 10 }, () => evaluate(member)));
    expect(results.flat()).toEqual(["first_purchase"]);
    expect(await db.select().from(memberBadges).where(eq(memberBadges.memberId, member.id))).toHaveLength(1);
  });
});

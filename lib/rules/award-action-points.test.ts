import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { memberQualifications, pointEntries, programVersions } from "@/db/schema";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { refundPurchase } from "@/lib/purchases/refund-purchase";
import { createMember, createProgram, type TierSpec } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { addEarningRules, createSegment, updateMember } from "@/lib/testing/rules-factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { awardActionPoints, birthdayYearIfDue } from "./award-action-points";

const system = { type: "system" } as const;
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const actionRules = [
  { key: "welcome", name: "Welcome bonus", kind: "action" as const, action: "sign_up" as const, points: 100 },
  { key: "birthday", name: "Birthday treat", kind: "action" as const, action: "birthday" as const, points: 50 },
  {
    key: "profile",
    name: "Complete your profile",
    kind: "action" as const,
    action: "profile_completed" as const,
    points: 10,
  },
  { key: "review", name: "Write a review", kind: "action" as const, action: "review" as const, points: 5 },
  { key: "follow_us", name: "Follow us", kind: "action" as const, action: "custom" as const, points: 15 },
];

async function setup(options: { tiers?: TierSpec[]; birthdayMode?: "month" | "day" } = {}) {
  const { db } = database;
  const created = await createProgram(db, { tiers: options.tiers ?? [], timeZone: "Europe/Riga" });
  if (options.birthdayMode) {
    await db
      .update(programVersions)
      .set({
        settings: {
          ...created.version.settings,
          birthdayMode: options.birthdayMode,
        } as typeof created.version.settings,
      })
      .where(eq(programVersions.id, created.version.id));
  }
  await addEarningRules(db, created.version, actionRules);
  const member = await createMember(db, created.program);
  return { ...created, member };
}

async function entriesOf(memberId: string) {
  return database.db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId)).orderBy(pointEntries.id);
}

describe("awardActionPoints", () => {
  it("pays the sign-up bonus once, however often it is asked for, and explains it", async () => {
    const { db } = database;
    const { merchant, member, version } = await setup();
    const request = { merchantId: merchant.id, memberId: member.id, action: "sign_up" as const, actor: system };
    const first = await awardActionPoints(db, request);
    expect(first).toMatchObject({ awarded: true, awardKey: "sign_up", points: 100 });
    expect(await awardActionPoints(db, request)).toEqual({
      awarded: false,
      awardKey: "sign_up",
      reason: "already_awarded",
    });
    const entries = await entriesOf(member.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: "bonus",
      points: 100,
      awardKey: "sign_up",
      programVersionId: version.id,
      explanation: [{ ruleKey: "rule:welcome", label: "Welcome bonus", points: 100 }],
    });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(100);
  });

  it("counts bonus points as qualifying points and moves the member up at once", async () => {
    const { db } = database;
    const { merchant, member } = await setup({
      tiers: [
        { key: "silver", threshold: 0 },
        { key: "gold", threshold: 100 },
      ],
    });
    expect(member.tierKey).toBe("silver");
    const now = new Date("2026-05-10T10:00:00Z");
    await awardActionPoints(db, {
      merchantId: merchant.id,
      memberId: member.id,
      action: "sign_up",
      actor: system,
      now,
    });
    const [qualification] = await db
      .select()
      .from(memberQualifications)
      .where(eq(memberQualifications.memberId, member.id));
    expect(qualification).toMatchObject({ periodStart: "2026-05-01", points: 100, spendMinor: 0, visits: 0 });
    expect((await expectLedgerConsistent(db, member.id)).tierKey).toBe("gold");
  });

  it("pays birthday points once a year, in the birthday month by default", async () => {
    const { db } = database;
    const { merchant, member } = await setup();
    await updateMember(db, member.id, { birthday: "1990-03-15" });
    const award = (iso: string) =>
      awardActionPoints(db, {
        merchantId: merchant.id,
        memberId: member.id,
        action: "birthday",
        actor: system,
        now: new Date(iso),
      });
    expect(await award("2026-02-28T12:00:00Z")).toEqual({ awarded: false, awardKey: null, reason: "not_due" });
    expect(await award("2026-03-02T12:00:00Z")).toMatchObject({ awarded: true, awardKey: "birthday:2026", points: 50 });
    expect(await award("2026-03-15T12:00:00Z")).toEqual({
      awarded: false,
      awardKey: "birthday:2026",
      reason: "already_awarded",
    });
    expect(await award("2026-04-01T12:00:00Z")).toEqual({ awarded: false, awardKey: null, reason: "not_due" });
    expect(await award("2027-03-31T12:00:00Z")).toMatchObject({ awarded: true, awardKey: "birthday:2027" });
    expect((await entriesOf(member.id)).map((entry) => entry.awardKey)).toEqual(["birthday:2026", "birthday:2027"]);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(100);
  });

  it("judges the birthday month and year in the program's time zone at year end", async () => {
    const { db } = database;
    const { merchant, program } = await setup();
    const december = await createMember(db, program);
    const january = await createMember(db, program);
    await updateMember(db, december.id, { birthday: "1985-12-31" });
    await updateMember(db, january.id, { birthday: "1985-01-01" });
    // 22:30 UTC on 31 December is 00:30 on 1 January in Riga.
    const now = new Date("2026-12-31T22:30:00Z");
    const award = (memberId: string) =>
      awardActionPoints(db, { merchantId: merchant.id, memberId, action: "birthday", actor: system, now });
    expect(await award(december.id)).toMatchObject({ awarded: false, reason: "not_due" });
    expect(await award(january.id)).toMatchObject({ awarded: true, awardKey: "birthday:2027" });
  });

  it("pays on the day itself in day mode, and on 28 February for a 29 February birthday in other years", async () => {
    const { db } = database;
    const { merchant, member } = await setup({ birthdayMode: "day" });
    await updateMember(db, member.id, { birthday: "2000-02-29" });
    const award = (iso: string) =>
      awardActionPoints(db, {
        merchantId: merchant.id,
        memberId: member.id,
        action: "birthday",
        actor: system,
        now: new Date(iso),
      });
    expect(await award("2027-02-27T12:00:00Z")).toMatchObject({ awarded: false, reason: "not_due" });
    expect(await award("2027-02-28T12:00:00Z")).toMatchObject({ awarded: true, awardKey: "birthday:2027" });
    expect(await award("2028-02-28T12:00:00Z")).toMatchObject({ awarded: false, reason: "not_due" });
    expect(await award("2028-02-29T12:00:00Z")).toMatchObject({ awarded: true, awardKey: "birthday:2028" });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(100);
  });

  it("does not pay birthday points to a member without a birthday", async () => {
    const { db } = database;
    const { merchant, member } = await setup();
    expect(
      await awardActionPoints(db, { merchantId: merchant.id, memberId: member.id, action: "birthday", actor: system }),
    ).toEqual({ awarded: false, awardKey: null, reason: "not_due" });
    expect(await entriesOf(member.id)).toHaveLength(0);
  });

  it("pays a review once per purchase of the member, and refuses made-up, foreign and refunded purchases", async () => {
    const { db } = database;
    const { merchant, program, member } = await setup();
    const buy = async (memberId = member.id) =>
      (await recordPurchase(db, { merchantId: merchant.id, memberId, amountMinor: 1_000, actor: system })).purchaseId;
    const review = (purchaseId?: string) =>
      awardActionPoints(db, {
        merchantId: merchant.id,
        memberId: member.id,
        action: "review",
        purchaseId,
        actor: system,
      });
    const [first, second] = [await buy(), await buy()];
    expect(await review(first)).toMatchObject({ awarded: true, awardKey: `review:${first}`, points: 5 });
    expect(await review(second)).toMatchObject({ awarded: true, awardKey: `review:${second}`, points: 5 });
    expect(await review(first)).toMatchObject({ awarded: false, reason: "already_awarded" });
    expect(await review(first.toUpperCase())).toMatchObject({ awarded: false, reason: "already_awarded" });

    // Ids a caller makes up, and purchases of another member or another merchant, pay nothing.
    await expect(review()).rejects.toMatchObject({ code: "invalid_input" });
    await expect(review("review-1")).rejects.toMatchObject({ code: "invalid_input" });
    await expect(review(randomUUID())).rejects.toMatchObject({ code: "not_found" });
    await expect(review(await buy((await createMember(db, program)).id))).rejects.toMatchObject({ code: "not_found" });
    const other = await createProgram(db, { tiers: [] });
    const otherPurchase = await recordPurchase(db, {
      merchantId: other.merchant.id,
      memberId: (await createMember(db, other.program)).id,
      amountMinor: 1_000,
      actor: system,
    });
    await expect(review(otherPurchase.purchaseId)).rejects.toMatchObject({ code: "not_found" });
    // Buying and returning must not mint review points.
    const returned = await buy();
    await refundPurchase(db, { merchantId: merchant.id, purchaseId: returned, actor: system });
    await expect(review(returned)).rejects.toMatchObject({ code: "invalid_input" });

    // Reviewing and then returning takes the review points back with the purchase's own.
    const reviewedThenReturned = await buy();
    expect(await review(reviewedThenReturned)).toMatchObject({ awarded: true, points: 5 });
    await refundPurchase(db, { merchantId: merchant.id, purchaseId: reviewedThenReturned, actor: system });

    const reviews = (await entriesOf(member.id)).filter((entry) => entry.awardKey?.startsWith("review:"));
    expect(reviews.map((entry) => entry.awardKey)).toEqual([
      `review:${first}`,
      `review:${second}`,
      `review:${reviewedThenReturned}`,
    ]);
    // Two purchases kept at 10 points each, plus two reviews at 5.
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(30);
  });

  it("pays a custom action by the key of its rule, once", async () => {
    const { db } = database;
    const { merchant, member } = await setup();
    const custom = (customKey?: string) =>
      awardActionPoints(db, {
        merchantId: merchant.id,
        memberId: member.id,
        action: "custom",
        customKey,
        actor: system,
      });
    expect(await custom("follow_us")).toMatchObject({ awarded: true, awardKey: "custom:follow_us", points: 15 });
    expect(await custom("follow_us")).toMatchObject({ awarded: false, reason: "already_awarded" });
    // A key that names another action's rule, or no rule at all, pays nothing.
    expect(await custom("welcome")).toEqual({ awarded: false, awardKey: "custom:welcome", reason: "no_rule" });
    expect(await custom("no_such_rule")).toEqual({
      awarded: false,
      awardKey: "custom:no_such_rule",
      reason: "no_rule",
    });
    await expect(custom("Not A Key!")).rejects.toMatchObject({ code: "invalid_input" });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(15);
  });

  it("pays profile completion once", async () => {
    const { db } = database;
    const { merchant, member } = await setup();
    const request = {
      merchantId: merchant.id,
      memberId: member.id,
      action: "profile_completed" as const,
      actor: system,
    };
    expect(await awardActionPoints(db, request)).toMatchObject({ awarded: true, points: 10 });
    expect(await awardActionPoints(db, request)).toMatchObject({ awarded: false, reason: "already_awarded" });
  });

  it("pays nothing when the version in force has no rule for the action", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { tiers: [] });
    const member = await createMember(db, program);
    expect(
      await awardActionPoints(db, { merchantId: merchant.id, memberId: member.id, action: "sign_up", actor: system }),
    ).toEqual({ awarded: false, awardKey: "sign_up", reason: "no_rule" });
    expect(await entriesOf(member.id)).toHaveLength(0);
  });

  it("sums the action rules that apply, within their window and segment", async () => {
    const { db } = database;
    const { merchant, program, version } = await createProgram(db, { tiers: [] });
    const subscribers = await createSegment(db, program, { marketingConsent: true });
    await addEarningRules(db, version, [
      { key: "welcome", name: "Welcome bonus", kind: "action", action: "sign_up", points: 100 },
      {
        key: "launch_week",
        name: "Launch week",
        kind: "action",
        action: "sign_up",
        points: 40,
        startsAt: new Date("2026-06-01T00:00:00Z"),
        endsAt: new Date("2026-06-08T00:00:00Z"),
      },
      {
        key: "subscriber_welcome",
        name: "Subscriber welcome",
        kind: "action",
        action: "sign_up",
        points: 25,
        conditions: { segmentId: subscribers.id },
      },
    ]);
    const subscriber = await createMember(db, program);
    await updateMember(db, subscriber.id, { marketingConsent: true });
    const other = await createMember(db, program);
    const signUp = (memberId: string, iso: string) =>
      awardActionPoints(db, {
        merchantId: merchant.id,
        memberId,
        action: "sign_up",
        actor: system,
        now: new Date(iso),
      });
    const paid = await signUp(subscriber.id, "2026-06-03T12:00:00Z");
    expect(paid).toMatchObject({ awarded: true, points: 165 });
    expect(paid.awarded && paid.entry.explanation.map((line) => line.ruleKey)).toEqual([
      "rule:welcome",
      "rule:launch_week",
      "rule:subscriber_welcome",
    ]);
    expect(await signUp(other.id, "2026-06-10T12:00:00Z")).toMatchObject({ awarded: true, points: 100 });
  });

  it("refuses referrals (recordReferral pays both sides), closed memberships and other merchants' members", async () => {
    const { db } = database;
    const { merchant, member } = await setup();
    const other = await createProgram(db, { tiers: [] });
    await expect(
      awardActionPoints(db, { merchantId: merchant.id, memberId: member.id, action: "referral", actor: system }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      awardActionPoints(db, { merchantId: other.merchant.id, memberId: member.id, action: "sign_up", actor: system }),
    ).rejects.toMatchObject({ code: "not_found" });
    await updateMember(db, member.id, { status: "closed" });
    await expect(
      awardActionPoints(db, { merchantId: merchant.id, memberId: member.id, action: "sign_up", actor: system }),
    ).rejects.toMatchObject({ code: "membership_closed" });
    expect(await entriesOf(member.id)).toHaveLength(0);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(0);
  });

  it("pays a sign-up once when asked for it many times at once", async () => {
    const { db } = database;
    const { merchant, member } = await setup();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        awardActionPoints(db, { merchantId: merchant.id, memberId: member.id, action: "sign_up", actor: system }),
      ),
    );
    expect(results.filter((result) => result.awarded)).toHaveLength(1);
    const awarded = await db
      .select()
      .from(pointEntries)
      .where(and(eq(pointEntries.memberId, member.id), eq(pointEntries.awardKey, "sign_up")));
    expect(awarded).toHaveLength(1);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(100);
  });
});

describe("birthdayYearIfDue", () => {
  it.each([
    ["1990-03-15", "2026-03-01", "month", 2026],
    ["1990-03-15", "2026-03-31", "month", 2026],
    ["1990-03-15", "2026-04-01", "month", null],
    ["1990-03-15", "2026-03-15", "day", 2026],
    ["1990-03-15", "2026-03-14", "day", null],
    ["2000-02-29", "2026-02-28", "day", 2026],
    ["2000-02-29", "2028-02-28", "day", null],
    ["2000-02-29", "2028-02-29", "day", 2028],
    ["2000-02-29", "2026-03-01", "day", null],
    [null, "2026-03-01", "month", null],
  ] as const)("born %s, on %s in %s mode: %s", (birthday, today, mode, year) => {
    expect(birthdayYearIfDue(birthday, today, mode)).toBe(year);
  });
});

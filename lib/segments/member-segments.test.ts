import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { purchases, type PurchaseLine, type SegmentRules } from "@/db/schema";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { createMember, createProgram } from "@/lib/testing/factories";
import { createSegment, createStore, updateMember } from "@/lib/testing/rules-factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { memberSegments } from "./member-segments";
import { saveSegment } from "./save-segment";
import { segmentMembers } from "./segment-members";

const system = { type: "system" } as const;
const now = new Date("2026-06-15T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function setup() {
  const { db } = database;
  const created = await createProgram(db, { timeZone: "Europe/Riga" });
  const member = await createMember(db, created.program);
  const buy = (input: {
    days: number;
    amountMinor: number;
    lines?: PurchaseLine[];
    storeId?: string;
    memberId?: string;
  }) =>
    recordPurchase(db, {
      merchantId: created.merchant.id,
      memberId: input.memberId ?? member.id,
      amountMinor: input.amountMinor,
      lines: input.lines,
      storeId: input.storeId,
      occurredAt: daysAgo(input.days),
      now: daysAgo(input.days),
      actor: system,
    });
  /** Whether the member is in a new segment with these rules. */
  const isIn = async (rules: SegmentRules, memberId = member.id) => {
    const segment = await createSegment(db, created.program, rules);
    const ids = await memberSegments(db, { merchantId: created.merchant.id, memberId, now, segmentIds: [segment.id] });
    return ids.includes(segment.id);
  };
  return { ...created, member, buy, isIn };
}

describe("memberSegments", () => {
  it("puts every member in a segment without rules", async () => {
    const { isIn } = await setup();
    expect(await isIn({})).toBe(true);
  });

  it("checks the tier", async () => {
    const { isIn } = await setup();
    expect(await isIn({ tierKeys: ["silver"] })).toBe(true);
    expect(await isIn({ tierKeys: ["gold", "platinum"] })).toBe(false);
  });

  it("counts spend and visits within the window, net of refunds, never a refunded sale", async () => {
    const { db } = database;
    const { buy, isIn } = await setup();
    await buy({ days: 5, amountMinor: 3_000 });
    await buy({ days: 20, amountMinor: 2_000 });
    const old = await buy({ days: 40, amountMinor: 10_000 });
    expect(await isIn({ minSpendMinor: 5_000, windowDays: 30 })).toBe(true);
    expect(await isIn({ minSpendMinor: 5_001, windowDays: 30 })).toBe(false);
    expect(await isIn({ minVisits: 2, windowDays: 30 })).toBe(true);
    expect(await isIn({ minVisits: 3, windowDays: 30 })).toBe(false);
    expect(await isIn({ minVisits: 3 })).toBe(true);
    expect(await isIn({ minSpendMinor: 15_000 })).toBe(true);
    await db
      .update(purchases)
      .set({ status: "refunded", refundedMinor: 10_000 })
      .where(eq(purchases.id, old.purchaseId));
    expect(await isIn({ minVisits: 3 })).toBe(false);
    expect(await isIn({ minSpendMinor: 15_000 })).toBe(false);
  });

  it("counts the window in local calendar days of the program's time zone, across both DST changes", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { timeZone: "Europe/Berlin" });
    const segment = await createSegment(db, program, { minVisits: 1, windowDays: 14 });
    /** Whether a member whose only purchase was at `boughtAt` is in the segment at `now`. */
    const inWindow = async (boughtAt: string, now: string) => {
      const member = await createMember(db, program);
      const at = new Date(boughtAt);
      await recordPurchase(db, {
        merchantId: merchant.id,
        memberId: member.id,
        amountMinor: 1_000,
        occurredAt: at,
        now: at,
        actor: system,
      });
      const ids = await memberSegments(db, {
        merchantId: merchant.id,
        memberId: member.id,
        now: new Date(now),
        segmentIds: [segment.id],
      });
      return ids.includes(segment.id);
    };
    // Clocks go forward on 29 March 2026. At 00:30 CEST on 10 April the 14-day window opens at
    // midnight CET on 27 March (23:00 UTC); fourteen 24-hour days back would reach 23:30 on 26 March.
    const spring = "2026-04-09T22:30:00Z";
    expect(await inWindow("2026-03-26T23:00:00Z", spring)).toBe(true);
    expect(await inWindow("2026-03-26T22:45:00Z", spring)).toBe(false);
    // Clocks go back on 25 October 2026. At 00:30 CET on 6 November the window opens at midnight
    // CEST on 23 October (22:00 UTC); fourteen 24-hour days back would reach 01:30 on 23 October.
    const autumn = "2026-11-05T23:30:00Z";
    expect(await inWindow("2026-10-22T22:15:00Z", autumn)).toBe(true);
    expect(await inWindow("2026-10-22T21:45:00Z", autumn)).toBe(false);
  });

  it("ignores purchases after `now`", async () => {
    const { buy, isIn } = await setup();
    await buy({ days: -1, amountMinor: 9_000 });
    expect(await isIn({ minVisits: 1 })).toBe(false);
  });

  it("checks the categories bought, within the window", async () => {
    const { buy, isIn } = await setup();
    await buy({ days: 3, amountMinor: 1_000, lines: [{ category: "coffee", amountMinor: 1_000 }] });
    await buy({ days: 60, amountMinor: 2_000, lines: [{ category: "beans", amountMinor: 2_000 }] });
    expect(await isIn({ categories: ["coffee"] })).toBe(true);
    expect(await isIn({ categories: ["beans", "tea"] })).toBe(true);
    expect(await isIn({ categories: ["beans"], windowDays: 30 })).toBe(false);
    expect(await isIn({ categories: ["tea"] })).toBe(false);
  });

  it("checks the stores bought at or enrolled at", async () => {
    const { db } = database;
    const { merchant, program, member, buy, isIn } = await setup();
    const harbour = await createStore(db, merchant.id, "Harbour");
    const oldTown = await createStore(db, merchant.id, "Old Town");
    const airport = await createStore(db, merchant.id, "Airport");
    await buy({ days: 2, amountMinor: 500, storeId: harbour.id });
    expect(await isIn({ storeIds: [harbour.id] })).toBe(true);
    expect(await isIn({ storeIds: [oldTown.id] })).toBe(false);
    const enrolled = await createMember(db, program);
    await updateMember(db, enrolled.id, { enrolledAtStoreId: airport.id });
    expect(await isIn({ storeIds: [airport.id] }, enrolled.id)).toBe(true);
    expect(await isIn({ storeIds: [airport.id] }, member.id)).toBe(false);
  });

  it("checks the birthday month and the marketing consent", async () => {
    const { db } = database;
    const { member, isIn } = await setup();
    expect(await isIn({ birthdayMonth: 2 })).toBe(false);
    await updateMember(db, member.id, { birthday: "1992-02-29", marketingConsent: true });
    expect(await isIn({ birthdayMonth: 2 })).toBe(true);
    expect(await isIn({ birthdayMonth: 3 })).toBe(false);
    expect(await isIn({ marketingConsent: true })).toBe(true);
    expect(await isIn({ marketingConsent: false })).toBe(false);
  });

  it("checks the sign-up cohort by local date: 22:30 UTC on 31 January is 1 February in Riga", async () => {
    const { db } = database;
    const { member, isIn } = await setup();
    await updateMember(db, member.id, { joinedAt: new Date("2026-01-31T22:30:00Z") });
    expect(await isIn({ joinedFrom: "2026-02-01" })).toBe(true);
    expect(await isIn({ joinedUntil: "2026-01-31" })).toBe(false);
    expect(await isIn({ joinedFrom: "2026-02-01", joinedUntil: "2026-02-01" })).toBe(true);
    expect(await isIn({ joinedFrom: "2026-02-02" })).toBe(false);
  });

  it("needs every rule to hold", async () => {
    const { db } = database;
    const { member, buy, isIn } = await setup();
    await updateMember(db, member.id, { marketingConsent: true });
    await buy({ days: 1, amountMinor: 1_000 });
    expect(await isIn({ marketingConsent: true, minVisits: 1, tierKeys: ["silver"] })).toBe(true);
    expect(await isIn({ marketingConsent: true, minVisits: 2, tierKeys: ["silver"] })).toBe(false);
  });

  it.each([
    ["prospect", [], 10],
    ["champion", [1, 10, 40, 70, 100, 130, 160, 190, 220, 250], 400],
    ["loyal", [45, 100, 200, 300], 400],
    ["new", [60], 10],
    ["active", [60], 400],
    ["at_risk", [120], 400],
    ["lost", [200], 400],
  ] as const)("puts a member in the RFM group %s", async (group, purchaseDays, joinedDaysAgo) => {
    const { db } = database;
    const { member, buy, isIn } = await setup();
    await updateMember(db, member.id, { joinedAt: daysAgo(joinedDaysAgo) });
    for (const days of purchaseDays) await buy({ days, amountMinor: 1_000 });
    expect(await isIn({ rfmGroups: [group] })).toBe(true);
    expect(
      await isIn({
        rfmGroups: ["prospect", "champion", "loyal", "new", "active", "at_risk", "lost"].filter((g) => g !== group),
      }),
    ).toBe(false);
  });

  it("lists every segment of the program the member is in, and no other merchant's", async () => {
    const { db } = database;
    const { merchant, program, member } = await setup();
    const everyone = await createSegment(db, program, {});
    const silver = await createSegment(db, program, { tierKeys: ["silver"] });
    await createSegment(db, program, { tierKeys: ["gold"] });
    const ids = await memberSegments(db, { merchantId: merchant.id, memberId: member.id, now });
    expect([...ids].sort()).toEqual([everyone.id, silver.id].sort());
    const other = await createProgram(db);
    await expect(memberSegments(db, { merchantId: other.merchant.id, memberId: member.id, now })).rejects.toMatchObject(
      { code: "not_found" },
    );
  });
});

describe("segmentMembers", () => {
  it("lists the active members in the segment, oldest first", async () => {
    const { db } = database;
    const { merchant, program, member } = await setup();
    const second = await createMember(db, program);
    const closed = await createMember(db, program);
    const outside = await createMember(db, program);
    await updateMember(db, member.id, { marketingConsent: true, joinedAt: daysAgo(10) });
    await updateMember(db, second.id, { marketingConsent: true, joinedAt: daysAgo(5) });
    await updateMember(db, closed.id, { marketingConsent: true, status: "closed" });
    await updateMember(db, outside.id, { marketingConsent: false });
    const segment = await createSegment(db, program, { marketingConsent: true });
    const listed = await segmentMembers(db, { merchantId: merchant.id, segmentId: segment.id, now });
    expect(listed.map((row) => row.id)).toEqual([member.id, second.id]);
    expect(
      (await segmentMembers(db, { merchantId: merchant.id, segmentId: segment.id, now, limit: 1, offset: 1 })).map(
        (row) => row.id,
      ),
    ).toEqual([second.id]);
    const other = await createProgram(db);
    await expect(
      segmentMembers(db, { merchantId: other.merchant.id, segmentId: segment.id, now }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("saveSegment", () => {
  it("creates and redefines a segment, and refuses bad rules and other tenants' stores", async () => {
    const { db } = database;
    const { merchant, program } = await setup();
    const ref = { merchantId: merchant.id, programId: program.id };
    const created = await saveSegment(db, { ...ref, name: " Birthday in May ", rules: { birthdayMonth: 5 } });
    expect(created).toMatchObject({ name: "Birthday in May", rules: { birthdayMonth: 5 } });
    const updated = await saveSegment(db, {
      ...ref,
      segmentId: created.id,
      name: "Gold",
      rules: { tierKeys: ["gold"] },
    });
    expect(updated).toMatchObject({ id: created.id, name: "Gold", rules: { tierKeys: ["gold"] } });

    const other = await createProgram(db);
    const foreignStore = await createStore(db, other.merchant.id);
    for (const rules of [
      { birthdayMonth: 13 },
      { joinedFrom: "yesterday" },
      { rfmGroups: ["whales"] },
      { storeIds: [foreignStore.id] },
    ] as SegmentRules[]) {
      await expect(saveSegment(db, { ...ref, name: "Bad", rules })).rejects.toMatchObject({ code: "invalid_input" });
    }
    await expect(saveSegment(db, { ...ref, name: "  ", rules: {} })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      saveSegment(db, { merchantId: other.merchant.id, programId: program.id, name: "X", rules: {} }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      saveSegment(db, {
        merchantId: other.merchant.id,
        programId: other.program.id,
        segmentId: created.id,
        name: "X",
        rules: {},
      }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

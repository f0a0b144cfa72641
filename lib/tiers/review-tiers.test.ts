import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db";
import { members, tiers, type ProgramSettings } from "@/db/schema";
import { createPaidTier } from "@/lib/testing/engagement-factories";
import { createMember, createProgram } from "@/lib/testing/factories";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { expirePaidTiers } from "./expire-paid-tiers";
import { purchasePaidTier } from "./purchase-paid-tier";
import { recordQualification } from "./record-qualification";
import { reviewPeriod, reviewTiers } from "./review-tiers";
import { forgetVersionDefinitions } from "@/lib/programs/version-definitions";

const timeZone = "Europe/Riga";
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

type Program = Awaited<ReturnType<typeof createProgram>>;

async function programWithWindow(db: Db, tierQualification: ProgramSettings["tierQualification"]) {
  return createProgram(db, { settings: { tierQualification }, timeZone });
}

/** A member holding `tierKey`, with qualifying points recorded at the given instants. */
async function memberIn(db: Db, program: Program, tierKey: string, qualifying: [at: string, points: number][] = []) {
  const member = await createMember(db, program.program);
  await db.update(members).set({ tierKey }).where(eq(members.id, member.id));
  for (const [at, points] of qualifying) {
    await db.transaction((tx) =>
      recordQualification(tx, {
        merchantId: program.merchant.id,
        memberId: member.id,
        at: new Date(at),
        timeZone,
        points,
        spendMinor: 0,
        visits: 0,
      }),
    );
  }
  return member;
}

async function tiersOf(db: Db, named: Record<string, { id: string }>) {
  const rows = await db
    .select({ id: members.id, tierKey: members.tierKey })
    .from(members)
    .where(
      inArray(
        members.id,
        Object.values(named).map((member) => member.id),
      ),
    );
  return Object.fromEntries(
    Object.entries(named).map(([name, { id }]) => [name, rows.find((row) => row.id === id)!.tierKey]),
  );
}

describe("reviewPeriod", () => {
  it("is the calendar year that ended, in the program's time zone", () => {
    const settings = { tierQualification: { basis: "points", window: "calendar_year", months: 12 } } as ProgramSettings;
    // 23:59:59 on 31 Dec 2025 in Riga is still 2025; one second later it is 2026 there.
    expect(reviewPeriod(settings, new Date("2025-12-31T21:59:59Z"), timeZone)).toEqual({
      previousStart: "2023-01-01",
      previousEnd: "2024-01-01",
      endedStart: "2024-01-01",
      endedEnd: "2025-01-01",
      currentStart: "2025-01-01",
    });
    expect(reviewPeriod(settings, new Date("2025-12-31T22:00:00Z"), timeZone)).toEqual({
      previousStart: "2024-01-01",
      previousEnd: "2025-01-01",
      endedStart: "2025-01-01",
      endedEnd: "2026-01-01",
      currentStart: "2026-01-01",
    });
  });

  it("is the N months before this one for a rolling window, and the previous review's a month earlier", () => {
    const settings = { tierQualification: { basis: "spend", window: "rolling_months", months: 3 } } as ProgramSettings;
    expect(reviewPeriod(settings, new Date("2026-02-10T12:00:00Z"), timeZone)).toEqual({
      previousStart: "2025-10-01",
      previousEnd: "2026-01-01",
      endedStart: "2025-11-01",
      endedEnd: "2026-02-01",
      currentStart: "2025-12-01",
    });
  });
});

describe("reviewTiers", () => {
  it("moves members down at most one tier when the calendar year ends in the program's time zone, not before, once", async () => {
    const { db } = database;
    const program = await programWithWindow(db, { basis: "points", window: "calendar_year", months: 12 });
    const named = {
      // Platinum from 2024, only Gold-worthy in 2025: one step down, to Gold.
      platinumFading: await memberIn(db, program, "platinum", [
        ["2024-05-05T12:00:00Z", 2500],
        ["2025-03-03T12:00:00Z", 600],
      ]),
      // Platinum from 2024, nothing in 2025: still only one step down, to Gold.
      platinumIdle: await memberIn(db, program, "platinum", [["2024-05-05T12:00:00Z", 2500]]),
      // Reached Gold during 2025 and kept qualifying.
      goldKeeping: await memberIn(db, program, "gold", [["2025-03-03T12:00:00Z", 600]]),
      // Gold from 2024, nothing in 2025.
      goldIdle: await memberIn(db, program, "gold", [["2024-04-04T12:00:00Z", 700]]),
      // Gold from 2024, nothing in 2025, but qualified again in the first minutes of 2026 (Riga).
      goldAgain: await memberIn(db, program, "gold", [
        ["2024-04-04T12:00:00Z", 700],
        ["2025-12-31T22:00:00Z", 600],
      ]),
      silver: await memberIn(db, program, "silver"),
    };
    const review = (now: string) => reviewTiers(db, { now: new Date(now), merchantId: program.merchant.id });

    // 23:59:59 on 31 December in Riga: 2025 has not ended; 2024 is reviewed and everyone keeps their tier.
    expect(await review("2025-12-31T21:59:59Z")).toEqual({ reviewed: 6, downgraded: 0 });
    expect(await tiersOf(db, named)).toEqual({
      platinumFading: "platinum",
      platinumIdle: "platinum",
      goldKeeping: "gold",
      goldIdle: "gold",
      goldAgain: "gold",
      silver: "silver",
    });

    // Midnight in Riga: 2025 has ended.
    expect(await review("2025-12-31T22:00:00Z")).toEqual({ reviewed: 6, downgraded: 3 });
    expect(await tiersOf(db, named)).toEqual({
      platinumFading: "gold",
      platinumIdle: "gold",
      goldKeeping: "gold",
      goldIdle: "silver",
      goldAgain: "gold",
      silver: "silver",
    });
    const [moved] = await db.select().from(members).where(eq(members.id, named.goldIdle.id));
    expect(moved!.tierSince).toEqual(new Date("2025-12-31T22:00:00Z"));
    expect(moved!.tierReviewedPeriod).toBe("2025-01-01");

    expect(await review("2026-01-01T10:00:00Z")).toEqual({ reviewed: 0, downgraded: 0 });
    expect(await review("2026-12-31T21:59:59Z")).toEqual({ reviewed: 0, downgraded: 0 });

    expect(await review("2026-12-31T22:00:00Z")).toEqual({ reviewed: 6, downgraded: 3 });
    expect(await tiersOf(db, named)).toEqual({
      platinumFading: "silver",
      platinumIdle: "silver",
      goldKeeping: "silver",
      goldIdle: "silver",
      goldAgain: "gold",
      silver: "silver",
    });
  });

  it("moves members down when a rolling window moves past their qualifying months, not before", async () => {
    const { db } = database;
    const program = await programWithWindow(db, { basis: "points", window: "rolling_months", months: 3 });
    await db.insert(tiers).values({
      merchantId: program.merchant.id,
      programVersionId: program.version.id,
      key: "club",
      name: "Club",
      rank: 10,
      threshold: 0,
      priceMinor: 4_900,
      periodMonths: 12,
    });
    forgetVersionDefinitions();
    const named = {
      // 600 points in January 2026 (Riga) keep Gold while January is inside the 3-month window.
      gold: await memberIn(db, program, "gold", [["2026-01-15T12:00:00Z", 600]]),
      // A paid tier is bought, not earned: the review leaves it alone.
      paid: await memberIn(db, program, "club"),
    };
    const review = (now: string) => reviewTiers(db, { now: new Date(now), merchantId: program.merchant.id });

    expect(await review("2026-01-31T22:30:00Z")).toEqual({ reviewed: 1, downgraded: 0 });
    expect(await review("2026-03-01T08:00:00Z")).toEqual({ reviewed: 1, downgraded: 0 });
    // 23:59:59 on 30 April in Riga (UTC+3): the window that ended is January to March.
    expect(await review("2026-04-30T20:59:59Z")).toEqual({ reviewed: 1, downgraded: 0 });
    expect(await tiersOf(db, named)).toEqual({ gold: "gold", paid: "club" });
    // Midnight on 1 May: February to April earned nothing.
    expect(await review("2026-04-30T21:00:00Z")).toEqual({ reviewed: 1, downgraded: 1 });
    expect(await tiersOf(db, named)).toEqual({ gold: "silver", paid: "club" });
    expect(await review("2026-05-20T12:00:00Z")).toEqual({ reviewed: 0, downgraded: 0 });
  });

  it("never moves a member below a paid tier a running subscription covers, and the lapse lands on the earned tier", async () => {
    const { db } = database;
    const program = await programWithWindow(db, { basis: "points", window: "calendar_year", months: 12 });
    // Club, a paid tier, ranks between Gold and Platinum.
    await db
      .update(tiers)
      .set({ rank: 3 })
      .where(and(eq(tiers.programVersionId, program.version.id), eq(tiers.key, "platinum")));
    await createPaidTier(db, program.version, { key: "club", rank: 2, priceMinor: 4_900, periodMonths: 12 });
    const buyClub = (member: { id: string }, now: string) =>
      purchasePaidTier(db, {
        merchantId: program.merchant.id,
        memberId: member.id,
        tierKey: "club",
        paymentProvider: "counter",
        idempotencyKey: `club-${member.id}-${now}`,
        actor: { type: "staff", userId: "00000000-0000-4000-8000-000000000001" },
        now: new Date(now),
      });
    const platinum2024: [string, number][] = [["2024-05-05T12:00:00Z", 2500]];
    const named = {
      // Platinum earned in 2024, nothing in 2025, Club paid until June 2026.
      clubRunning: await memberIn(db, program, "platinum", platinum2024),
      // The same, but the Club period ended in December 2025 (not swept yet).
      clubEnded: await memberIn(db, program, "platinum", platinum2024),
      withoutClub: await memberIn(db, program, "platinum", platinum2024),
    };
    await buyClub(named.clubRunning, "2025-06-01T09:00:00Z");
    await buyClub(named.clubEnded, "2024-12-01T10:00:00Z");
    expect(await tiersOf(db, named)).toEqual({
      clubRunning: "platinum",
      clubEnded: "platinum",
      withoutClub: "platinum",
    });

    const newYear = new Date("2025-12-31T22:00:00Z");
    expect(await reviewTiers(db, { now: newYear, merchantId: program.merchant.id })).toEqual({
      reviewed: 3,
      downgraded: 3,
    });
    expect(await tiersOf(db, named)).toEqual({ clubRunning: "club", clubEnded: "gold", withoutClub: "gold" });

    // When Club ends, the member gets the earned tier the review worked out for them: Gold.
    await expirePaidTiers(db, { merchantId: program.merchant.id, now: new Date("2026-06-01T09:00:00Z") });
    expect(await tiersOf(db, named)).toEqual({ clubRunning: "gold", clubEnded: "gold", withoutClub: "gold" });
    expect(await reviewTiers(db, { now: new Date("2026-06-01T09:00:00Z"), merchantId: program.merchant.id })).toEqual({
      reviewed: 0,
      downgraded: 0,
    });
  });

  it("judges spend or visits when the program qualifies by them", async () => {
    const { db } = database;
    const program = await programWithWindow(db, { basis: "visits", window: "calendar_year", months: 12 });
    const visits = async (tierKey: string, count: number) => {
      const member = await createMember(db, program.program);
      await db.update(members).set({ tierKey }).where(eq(members.id, member.id));
      await db.transaction((tx) =>
        recordQualification(tx, {
          merchantId: program.merchant.id,
          memberId: member.id,
          at: new Date("2025-06-01T12:00:00Z"),
          timeZone,
          points: 10_000,
          spendMinor: 0,
          visits: count,
        }),
      );
      return member;
    };
    const named = { enough: await visits("gold", 500), short: await visits("gold", 499) };
    expect(await reviewTiers(db, { now: new Date("2026-01-02T00:00:00Z"), merchantId: program.merchant.id })).toEqual({
      reviewed: 2,
      downgraded: 1,
    });
    expect(await tiersOf(db, named)).toEqual({ enough: "gold", short: "silver" });
  });
});

describe.runIf(onPostgres)("reviewTiers on PostgreSQL, several reviews at once", () => {
  it("reviews each member once", async () => {
    const { db } = database;
    const program = await programWithWindow(db, { basis: "points", window: "calendar_year", months: 12 });
    const group = await Promise.all(Array.from({ length: 40 }, () => createMember(db, program.program)));
    await db.update(members).set({ tierKey: "platinum" }).where(eq(members.merchantId, program.merchant.id));
    const now = new Date("2026-01-05T00:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 4 }, () => reviewTiers(db, { now, merchantId: program.merchant.id, batchSize: 3 })),
    );
    expect(results.reduce((sum, result) => sum + result.reviewed, 0)).toBe(40);
    expect(results.reduce((sum, result) => sum + result.downgraded, 0)).toBe(40);
    const rows = await db.select().from(members).where(eq(members.merchantId, program.merchant.id));
    expect(rows).toHaveLength(group.length);
    for (const row of rows) expect([row.tierKey, row.tierReviewedPeriod]).toEqual(["gold", "2025-01-01"]);
  });
});

import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db";
import { members, pointEntries, pointLots, type ExpiryPolicy } from "@/db/schema";
import { joinProgram } from "@/lib/members/join-program";
import { createMember, createProgram } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { appendEntry } from "@/lib/ledger/append-entry";
import { expirePoints } from "./expire-points";
import { expiringSoon } from "@/lib/ledger/expiring-soon";
import { pointsExpiryDate } from "@/lib/ledger/expiry";

const system = { type: "system" } as const;
const timeZone = "Europe/Riga";
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function programWithExpiry(db: Db, policy: ExpiryPolicy, months: number) {
  return createProgram(db, { settings: { expiry: { policy, months } }, timeZone });
}

type Program = Awaited<ReturnType<typeof programWithExpiry>>;

/** Credits points as if earned at `at`, with the expiry date the program's policy gives them. */
async function earn(db: Db, program: Program, memberId: string, points: number, at: string, expiresAt?: Date | null) {
  const earnedAt = new Date(at);
  return db.transaction((tx) =>
    appendEntry(tx, {
      merchantId: program.merchant.id,
      memberId,
      kind: "earn",
      points,
      actor: system,
      at: earnedAt,
      expiresAt: expiresAt === undefined ? pointsExpiryDate(program.version.settings, earnedAt, timeZone) : expiresAt,
    }),
  );
}

async function spend(db: Db, program: Program, memberId: string, points: number, at?: string) {
  return db.transaction((tx) =>
    appendEntry(tx, {
      merchantId: program.merchant.id,
      memberId,
      kind: "redeem",
      points: -points,
      actor: system,
      at: at ? new Date(at) : undefined,
    }),
  );
}

async function expireEntries(db: Db, memberId: string) {
  return db
    .select()
    .from(pointEntries)
    .where(and(eq(pointEntries.memberId, memberId), eq(pointEntries.kind, "expire")))
    .orderBy(pointEntries.id);
}

async function lotsOf(db: Db, memberId: string) {
  const lots = await db.select().from(pointLots).where(eq(pointLots.memberId, memberId)).orderBy(pointLots.entryId);
  return lots.map((lot) => lot.remaining);
}

describe("expirePoints, N months after earning", () => {
  it("expires exactly the lots that are due, at the local midnight after their last valid day", async () => {
    const { db } = database;
    const program = await programWithExpiry(db, "after_earning", 12);
    const first = await createMember(db, program.program);
    const second = await createMember(db, program.program);
    // Earned on 10 Jan 2025 in Riga: valid through 10 Jan 2026, gone at 00:00 on 11 Jan (22:00 UTC on the 10th).
    const due = await earn(db, program, first.id, 100, "2025-01-10T12:00:00Z");
    await earn(db, program, first.id, 50, "2025-03-01T12:00:00Z");
    await earn(db, program, second.id, 30, "2025-01-11T12:00:00Z");
    const sweep = (now: string) => expirePoints(db, { now: new Date(now), merchantId: program.merchant.id });

    expect(await sweep("2026-01-10T21:59:59Z")).toEqual({ members: 0, lots: 0, points: 0, failures: [] });
    expect(await sweep("2026-01-10T22:00:00Z")).toEqual({ members: 1, lots: 1, points: 100, failures: [] });

    const [entry] = await expireEntries(db, first.id);
    expect(entry).toMatchObject({
      kind: "expire",
      points: -100,
      balanceAfter: 50,
      reversesEntryId: due.id,
      awardKey: `expire:${due.id}`,
      actorType: "system",
      programVersionId: program.version.id,
    });
    expect(await lotsOf(db, first.id)).toEqual([0, 50]);
    expect((await expectLedgerConsistent(db, first.id)).pointsBalance).toBe(50);
    expect((await expectLedgerConsistent(db, second.id)).pointsBalance).toBe(30);
    expect(await expireEntries(db, second.id)).toHaveLength(0);
  });

  it("after partial spending expires only what is left of the lot", async () => {
    const { db } = database;
    const program = await programWithExpiry(db, "after_earning", 12);
    const member = await createMember(db, program.program);
    await earn(db, program, member.id, 100, "2025-01-10T12:00:00Z");
    await earn(db, program, member.id, 50, "2025-06-01T12:00:00Z");
    await spend(db, program, member.id, 70);
    expect(await lotsOf(db, member.id)).toEqual([30, 50]);

    const result = await expirePoints(db, { now: new Date("2026-01-11T08:00:00Z"), merchantId: program.merchant.id });
    expect(result).toEqual({ members: 1, lots: 1, points: 30, failures: [] });
    expect((await expireEntries(db, member.id)).map((entry) => entry.points)).toEqual([-30]);
    expect(await lotsOf(db, member.id)).toEqual([0, 50]);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(50);
  });

  it("empties the lot that is due even when an older lot is still open", async () => {
    const { db } = database;
    const program = await programWithExpiry(db, "after_earning", 1);
    const member = await createMember(db, program.program);
    // The older lot keeps the date it was earned with (a longer policy then); the younger one is due.
    const older = await earn(db, program, member.id, 40, "2025-01-05T12:00:00Z", new Date("2027-01-01T00:00:00Z"));
    const younger = await earn(db, program, member.id, 25, "2025-11-20T12:00:00Z");
    await expirePoints(db, { now: new Date("2025-12-21T12:00:00Z"), merchantId: program.merchant.id });
    const [entry] = await expireEntries(db, member.id);
    expect(entry).toMatchObject({ points: -25, reversesEntryId: younger.id });
    expect(older.id).toBeLessThan(younger.id);
    expect(await lotsOf(db, member.id)).toEqual([40, 0]);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(40);
  });

  it("changes nothing when run a second time, and leaves the member's last activity alone", async () => {
    const { db } = database;
    const program = await programWithExpiry(db, "after_earning", 6);
    const member = await createMember(db, program.program);
    await earn(db, program, member.id, 10, "2025-01-10T12:00:00Z");
    await earn(db, program, member.id, 20, "2025-02-10T12:00:00Z");
    await earn(db, program, member.id, 5, "2025-09-10T12:00:00Z");
    const before = await expectLedgerConsistent(db, member.id);
    const now = new Date("2025-09-01T00:00:00Z");
    expect(await expirePoints(db, { now, merchantId: program.merchant.id })).toEqual({
      members: 1,
      lots: 2,
      points: 30,
      failures: [],
    });
    const entries = await db.select().from(pointEntries).where(eq(pointEntries.memberId, member.id));
    expect(await expirePoints(db, { now, merchantId: program.merchant.id })).toEqual({
      members: 0,
      lots: 0,
      points: 0,
      failures: [],
    });
    expect(await db.select().from(pointEntries).where(eq(pointEntries.memberId, member.id))).toEqual(entries);
    const after = await expectLedgerConsistent(db, member.id);
    expect(after.pointsBalance).toBe(5);
    expect(after.lastActivityAt).toEqual(before.lastActivityAt);
  });

  it("works through more due members than one batch holds", async () => {
    const { db } = database;
    const program = await programWithExpiry(db, "after_earning", 1);
    const group = await Promise.all(Array.from({ length: 7 }, () => createMember(db, program.program)));
    for (const [i, member] of group.entries()) await earn(db, program, member.id, 10 + i, "2025-05-05T12:00:00Z");
    const result = await expirePoints(db, {
      now: new Date("2025-07-01T00:00:00Z"),
      merchantId: program.merchant.id,
      batchSize: 2,
    });
    expect(result).toEqual({ members: 7, lots: 7, points: 7 * 10 + 21, failures: [] });
    for (const member of group) expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(0);
  });

  it("reports a member it cannot expire, rolls back only that member, and expires the rest", async () => {
    const { db } = database;
    const program = await programWithExpiry(db, "after_earning", 1);
    const broken = await createMember(db, program.program);
    const healthy = await createMember(db, program.program);
    const corrupt = await earn(db, program, broken.id, 100, "2025-05-05T12:00:00Z");
    await earn(db, program, broken.id, 10, "2025-05-06T12:00:00Z");
    await earn(db, program, healthy.id, 20, "2025-05-05T12:00:00Z");
    // A lot holding more than the balance: the cache and the lots disagree, so nothing may be written.
    await db.update(pointLots).set({ remaining: 500 }).where(eq(pointLots.entryId, corrupt.id));

    const result = await expirePoints(db, { now: new Date("2025-07-01T00:00:00Z"), merchantId: program.merchant.id });
    expect(result).toMatchObject({ members: 1, lots: 1, points: 20 });
    expect(result.failures).toEqual([{ memberId: broken.id, message: "The balance does not cover this entry" }]);
    expect(await expireEntries(db, broken.id)).toHaveLength(0);
    expect(await lotsOf(db, broken.id)).toEqual([500, 10]);
    expect((await expectLedgerConsistent(db, healthy.id)).pointsBalance).toBe(0);
  });

  it("leaves points alone under the never policy and other merchants' points out of a scoped sweep", async () => {
    const { db } = database;
    const never = await programWithExpiry(db, "never", 0);
    const other = await programWithExpiry(db, "after_earning", 1);
    const keeper = await createMember(db, never.program);
    const elsewhere = await createMember(db, other.program);
    await earn(db, never, keeper.id, 10, "2020-01-01T12:00:00Z");
    await earn(db, other, elsewhere.id, 10, "2020-01-01T12:00:00Z");
    const now = new Date("2030-01-01T00:00:00Z");
    expect(await expirePoints(db, { now, merchantId: never.merchant.id })).toMatchObject({ lots: 0 });
    expect((await expectLedgerConsistent(db, keeper.id)).pointsBalance).toBe(10);
    expect((await expectLedgerConsistent(db, elsewhere.id)).pointsBalance).toBe(10);
  });
});

describe("expirePoints, N months without activity", () => {
  it("takes the whole balance, one entry per open lot, once the local date N months after the last activity has passed", async () => {
    const { db } = database;
    const program = await programWithExpiry(db, "after_inactivity", 6);
    const lapsing = await createMember(db, program.program);
    const active = await createMember(db, program.program);
    const early = await earn(db, program, lapsing.id, 40, "2025-01-10T12:00:00Z");
    await spend(db, program, lapsing.id, 15, "2025-03-01T12:00:00Z");
    // The last activity is on 15 June (Riga): the points stay valid through 15 December.
    const late = await earn(db, program, lapsing.id, 60, "2025-06-15T10:00:00Z");
    await earn(db, program, active.id, 20, "2025-06-16T10:00:00Z");
    const sweep = (now: string) => expirePoints(db, { now: new Date(now), merchantId: program.merchant.id });

    expect(await sweep("2025-12-15T21:59:59Z")).toMatchObject({ lots: 0, points: 0 });
    expect(await sweep("2025-12-15T22:00:00Z")).toEqual({ members: 1, lots: 2, points: 85, failures: [] });
    expect(
      (await expireEntries(db, lapsing.id)).map((entry) => [entry.reversesEntryId, entry.points, entry.balanceAfter]),
    ).toEqual([
      [early.id, -25, 60],
      [late.id, -60, 0],
    ]);
    expect((await expectLedgerConsistent(db, lapsing.id)).pointsBalance).toBe(0);
    expect((await expectLedgerConsistent(db, active.id)).pointsBalance).toBe(20);

    expect(await sweep("2025-12-16T22:00:00Z")).toEqual({ members: 1, lots: 1, points: 20, failures: [] });
    expect(await sweep("2025-12-16T22:00:00Z")).toEqual({ members: 0, lots: 0, points: 0, failures: [] });
    expect((await expectLedgerConsistent(db, active.id)).pointsBalance).toBe(0);
  });

  it("counts from the day the member joined when they have no recorded activity", async () => {
    const { db } = database;
    const program = await programWithExpiry(db, "after_inactivity", 1);
    const member = await joinProgram(db, {
      programId: program.program.id,
      email: `imported-${program.program.id}@example.test`,
      joinedAt: new Date("2025-03-31T10:00:00Z"),
    });
    await earn(db, program, member.id, 70, "2025-03-31T10:00:00Z");
    await db.update(members).set({ lastActivityAt: null }).where(eq(members.id, member.id));
    // Joined 31 March: valid through 30 April (the last day of a shorter month), gone at 00:00 on 1 May (UTC+3).
    expect(
      await expirePoints(db, { now: new Date("2025-04-30T20:59:59Z"), merchantId: program.merchant.id }),
    ).toMatchObject({ points: 0 });
    expect(
      await expirePoints(db, { now: new Date("2025-04-30T21:00:00Z"), merchantId: program.merchant.id }),
    ).toMatchObject({ points: 70 });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(0);
  });
});

describe("expiringSoon", () => {
  it("groups the points that lapse within the window by date, soonest first", async () => {
    const { db } = database;
    const program = await programWithExpiry(db, "after_earning", 12);
    const member = await createMember(db, program.program);
    await earn(db, program, member.id, 100, "2025-01-10T09:00:00Z");
    await earn(db, program, member.id, 40, "2025-01-10T18:00:00Z");
    await earn(db, program, member.id, 50, "2025-03-01T12:00:00Z");
    await earn(db, program, member.id, 20, "2025-12-01T12:00:00Z");
    await spend(db, program, member.id, 30);
    const query = { memberId: member.id, merchantId: program.merchant.id, now: new Date("2025-12-20T10:00:00Z") };

    expect(await expiringSoon(db, query)).toEqual({
      total: 110,
      dates: [{ expiresAt: new Date("2026-01-10T22:00:00Z"), lastValidDate: "2026-01-10", points: 110 }],
    });
    expect(await expiringSoon(db, { ...query, withinDays: 90 })).toEqual({
      total: 160,
      dates: [
        { expiresAt: new Date("2026-01-10T22:00:00Z"), lastValidDate: "2026-01-10", points: 110 },
        { expiresAt: new Date("2026-03-01T22:00:00Z"), lastValidDate: "2026-03-01", points: 50 },
      ],
    });
    expect(await expiringSoon(db, { ...query, withinDays: 7 })).toEqual({ total: 0, dates: [] });
  });

  it("shows the whole balance at the inactivity deadline", async () => {
    const { db } = database;
    const program = await programWithExpiry(db, "after_inactivity", 6);
    const member = await createMember(db, program.program);
    await earn(db, program, member.id, 30, "2025-02-01T12:00:00Z");
    await earn(db, program, member.id, 50, "2025-06-15T10:00:00Z");
    const query = { memberId: member.id, merchantId: program.merchant.id };
    expect(await expiringSoon(db, { ...query, now: new Date("2025-12-01T10:00:00Z") })).toEqual({
      total: 80,
      dates: [{ expiresAt: new Date("2025-12-15T22:00:00Z"), lastValidDate: "2025-12-15", points: 80 }],
    });
    expect(await expiringSoon(db, { ...query, now: new Date("2025-11-01T10:00:00Z") })).toEqual({
      total: 0,
      dates: [],
    });
  });

  it("knows nothing of another merchant's member", async () => {
    const { db } = database;
    const program = await programWithExpiry(db, "after_earning", 12);
    const other = await programWithExpiry(db, "after_earning", 12);
    const member = await createMember(db, program.program);
    await expect(
      expiringSoon(db, { memberId: member.id, merchantId: other.merchant.id, now: new Date() }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe.runIf(onPostgres)("expirePoints on PostgreSQL, several sweeps at once", () => {
  it("expires each lot exactly once while members keep spending", async () => {
    const { db } = database;
    const program = await programWithExpiry(db, "after_earning", 1);
    const group = await Promise.all(Array.from({ length: 30 }, () => createMember(db, program.program)));
    for (const member of group) {
      for (let i = 0; i < 4; i++) await earn(db, program, member.id, 10 + i, `2025-0${i + 1}-05T12:00:00Z`);
      await earn(db, program, member.id, 100, "2025-09-20T12:00:00Z");
    }
    const now = new Date("2025-09-01T00:00:00Z");
    const sweeps = Array.from({ length: 4 }, () =>
      expirePoints(db, { now, merchantId: program.merchant.id, batchSize: 5 }),
    );
    const spends = group.map((member) => spend(db, program, member.id, 5));
    const [concurrent] = await Promise.all([Promise.all(sweeps), Promise.all(spends)]);
    // A sweep skips a member a spend holds locked (SKIP LOCKED) and ends when nothing unlocked
    // is left; the job runner's next sweep takes them. One more sweep, as that next tick.
    const results = [...concurrent, await expirePoints(db, { now, merchantId: program.merchant.id, batchSize: 5 })];

    const ids = group.map((member) => member.id);
    const perLot = await db
      .select({ lot: pointEntries.reversesEntryId, n: sql<number>`count(*)::int` })
      .from(pointEntries)
      .where(and(inArray(pointEntries.memberId, ids), eq(pointEntries.kind, "expire")))
      .groupBy(pointEntries.reversesEntryId);
    expect(perLot.every((row) => row.n === 1)).toBe(true);
    expect(results.reduce((sum, result) => sum + result.lots, 0)).toBe(perLot.length);
    expect(results.flatMap((result) => result.failures)).toEqual([]);
    const expired = results.reduce((sum, result) => sum + result.points, 0);
    let balances = 0;
    for (const member of group) {
      const after = await expectLedgerConsistent(db, member.id);
      const lots = await lotsOf(db, member.id);
      expect(lots.slice(0, 4)).toEqual([0, 0, 0, 0]);
      balances += after.pointsBalance;
    }
    expect(balances + expired + 5 * group.length).toBe(group.length * (10 + 11 + 12 + 13 + 100));
  });
});

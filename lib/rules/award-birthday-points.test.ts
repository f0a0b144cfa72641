import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { members as memberRows, pointEntries, programVersions } from "@/db/schema";
import { createMember, createProgram } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { addEarningRules, createSegment, updateMember } from "@/lib/testing/rules-factories";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { awardBirthdayPoints } from "./award-birthday-points";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function programWithBirthdayRule(options: { points?: number; birthdayMode?: "day" } = {}) {
  const { db } = database;
  const created = await createProgram(db, { tiers: [], timeZone: "Europe/Riga" });
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
  if (options.points !== 0) {
    await addEarningRules(db, created.version, [
      { key: "birthday", name: "Birthday treat", kind: "action", action: "birthday", points: options.points ?? 50 },
    ]);
  }
  return created;
}

async function memberBornOn(program: { id: string }, birthday: string | null, status: "active" | "closed" = "active") {
  const { db } = database;
  const member = await createMember(db, program);
  return updateMember(db, member.id, { birthday, status });
}

async function awardKeysOf(memberId: string) {
  const entries = await database.db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId));
  return entries.map((entry) => entry.awardKey);
}

describe("awardBirthdayPoints", () => {
  it("pays members whose birthday month it is, once, and skips everyone else", async () => {
    const { db } = database;
    const { program } = await programWithBirthdayRule();
    const march = await memberBornOn(program, "1990-03-31");
    const april = await memberBornOn(program, "1990-04-01");
    const unknown = await memberBornOn(program, null);
    const closed = await memberBornOn(program, "1990-03-05", "closed");
    // 22:30 UTC on 28 February is 00:30 on 1 March in Riga.
    const now = new Date("2026-02-28T22:30:00Z");
    // The first test of the file: this program's members are the only ones in the database.
    expect(await awardBirthdayPoints(db, { now })).toEqual({ awarded: 1, points: 50, failures: [] });
    expect(await awardKeysOf(march.id)).toEqual(["birthday:2026"]);
    for (const member of [april, unknown, closed]) expect(await awardKeysOf(member.id)).toEqual([]);
    expect(await awardBirthdayPoints(db, { now })).toEqual({ awarded: 0, points: 0, failures: [] });
    expect((await expectLedgerConsistent(db, march.id)).pointsBalance).toBe(50);
  });

  it("pays on the day in day mode, a 29 February birthday on 28 February in other years", async () => {
    const { db } = database;
    const { program } = await programWithBirthdayRule({ birthdayMode: "day" });
    const leapling = await memberBornOn(program, "2004-02-29");
    const twentyEighth = await memberBornOn(program, "2004-02-28");
    const first = await memberBornOn(program, "2004-02-01");
    await awardBirthdayPoints(db, { now: new Date("2027-02-28T10:00:00Z") });
    expect(await awardKeysOf(leapling.id)).toEqual(["birthday:2027"]);
    expect(await awardKeysOf(twentyEighth.id)).toEqual(["birthday:2027"]);
    expect(await awardKeysOf(first.id)).toEqual([]);
  });

  it("pays nothing where the version in force has no birthday rule", async () => {
    const { db } = database;
    const { program } = await programWithBirthdayRule({ points: 0 });
    const member = await memberBornOn(program, "1990-07-10");
    await awardBirthdayPoints(db, { now: new Date("2026-07-10T10:00:00Z") });
    expect(await awardKeysOf(member.id)).toEqual([]);
  });

  it("pays once when two sweeps run at the same moment", async () => {
    const { db } = database;
    const { program } = await programWithBirthdayRule();
    const members = [await memberBornOn(program, "1980-09-09"), await memberBornOn(program, "1981-09-19")];
    const now = new Date("2026-09-15T10:00:00Z");
    const [a, b] = await Promise.all([awardBirthdayPoints(db, { now }), awardBirthdayPoints(db, { now })]);
    expect(a.awarded + b.awarded).toBe(2);
    for (const member of members) {
      expect(await awardKeysOf(member.id)).toEqual(["birthday:2026"]);
      expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(50);
    }
  });

  it("works through the due members in batches and passes over members the rules pay nothing", async () => {
    const { db } = database;
    const { program, version } = await programWithBirthdayRule({ points: 0 });
    const subscribers = await createSegment(db, program, { marketingConsent: true });
    await addEarningRules(db, version, [
      {
        key: "birthday",
        name: "Birthday treat",
        kind: "action",
        action: "birthday",
        points: 30,
        conditions: { segmentId: subscribers.id },
      },
    ]);
    const born = await Promise.all(Array.from({ length: 7 }, () => memberBornOn(program, "1995-05-20")));
    // Members outside the segment stay due (no birthday:2026 entry) and must not stall the sweep.
    const subscribed = born.filter((_, index) => index % 2 === 0);
    for (const member of subscribed) await updateMember(db, member.id, { marketingConsent: true });
    const now = new Date("2026-05-04T10:00:00Z");
    expect(await awardBirthdayPoints(db, { now, batchSize: 2 })).toEqual({
      awarded: subscribed.length,
      points: 30 * subscribed.length,
      failures: [],
    });
    for (const member of born) {
      expect(await awardKeysOf(member.id)).toEqual(subscribed.includes(member) ? ["birthday:2026"] : []);
    }
  });
});

// PGlite runs one session at a time and cannot show a race or a lock wait.
describe.runIf(onPostgres)("awardBirthdayPoints on PostgreSQL", () => {
  it("pays each member exactly once when two sweeps run at once, in small batches", async () => {
    const { db } = database;
    const { program } = await programWithBirthdayRule();
    const born = await Promise.all(
      Array.from({ length: 40 }, (_, index) => memberBornOn(program, `${1960 + index}-11-0${1 + (index % 9)}`)),
    );
    const now = new Date("2026-11-20T10:00:00Z");
    const [a, b] = await Promise.all([
      awardBirthdayPoints(db, { now, batchSize: 5 }),
      awardBirthdayPoints(db, { now, batchSize: 5 }),
    ]);
    expect(a.failures).toEqual([]);
    expect(b.failures).toEqual([]);
    expect(a.awarded + b.awarded).toBe(born.length);
    for (const member of born) {
      expect(await awardKeysOf(member.id)).toEqual(["birthday:2026"]);
      expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(50);
    }
  });

  it("does not wait for a member held by a counter transaction, and pays them on the next run", async () => {
    const { db } = database;
    const { program } = await programWithBirthdayRule();
    const [busy, free] = [await memberBornOn(program, "1990-12-03"), await memberBornOn(program, "1991-12-24")];
    const now = new Date("2026-12-10T10:00:00Z");

    // A sale at the counter holds the member row for the length of its transaction.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const counter = db.transaction(async (tx) => {
      await tx.select({ id: memberRows.id }).from(memberRows).where(eq(memberRows.id, busy.id)).for("update");
      holding();
      await released;
    });
    await held;
    const sweep = awardBirthdayPoints(db, { now });
    try {
      const blocked = new Promise<"blocked">((resolve) => setTimeout(() => resolve("blocked"), 5_000).unref());
      expect(await Promise.race([sweep, blocked])).toEqual({ awarded: 1, points: 50, failures: [] });
      expect(await awardKeysOf(free.id)).toEqual(["birthday:2026"]);
      expect(await awardKeysOf(busy.id)).toEqual([]);
    } finally {
      release();
      await counter;
      await sweep.catch(() => undefined);
    }
    expect(await awardBirthdayPoints(db, { now })).toMatchObject({ awarded: 1 });
    expect(await awardKeysOf(busy.id)).toEqual(["birthday:2026"]);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { pointEntries, programVersions } from "@/db/schema";
import { createMember, createProgram } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { addEarningRules, updateMember } from "@/lib/testing/rules-factories";
import { createTestDatabase } from "@/lib/testing/test-database";
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
      .set({ settings: { ...created.version.settings, birthdayMode: options.birthdayMode } as typeof created.version.settings })
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
    expect(await awardBirthdayPoints(db, { now })).toEqual({ awarded: 1, points: 50 });
    expect(await awardKeysOf(march.id)).toEqual(["birthday:2026"]);
    for (const member of [april, unknown, closed]) expect(await awardKeysOf(member.id)).toEqual([]);
    expect(await awardBirthdayPoints(db, { now })).toEqual({ awarded: 0, points: 0 });
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
});

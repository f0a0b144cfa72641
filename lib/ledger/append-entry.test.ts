import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { pointEntries, pointLots } from "@/db/schema";
import { createMember, createProgram } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase } from "@/lib/testing/test-database";
import { appendEntry } from "./append-entry";
import { awardOnce } from "./award-once";

const system = { type: "system" } as const;
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("appendEntry", () => {
  it("spends lots oldest first and keeps balance, entries and lots equal", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    const base = { merchantId: merchant.id, memberId: member.id, actor: system };
    await db.transaction(async (tx) => {
      await appendEntry(tx, { ...base, kind: "earn", points: 30 });
      await appendEntry(tx, { ...base, kind: "bonus", points: 20 });
      await appendEntry(tx, { ...base, kind: "redeem", points: -40 });
    });
    const lots = await db
      .select({ remaining: pointLots.remaining })
      .from(pointLots)
      .where(eq(pointLots.memberId, member.id))
      .orderBy(pointLots.entryId);
    expect(lots.map((lot) => lot.remaining)).toEqual([0, 10]);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(10);
  });

  it("refuses a spend the balance cannot cover and changes nothing", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    const base = { merchantId: merchant.id, memberId: member.id, actor: system };
    await db.transaction((tx) => appendEntry(tx, { ...base, kind: "earn", points: 5 }));
    await expect(
      db.transaction((tx) => appendEntry(tx, { ...base, kind: "adjust", points: -6, reason: "typo" })),
    ).rejects.toMatchObject({ code: "insufficient_points" });
    expect(await db.select().from(pointEntries).where(eq(pointEntries.memberId, member.id))).toHaveLength(1);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(5);
  });

  it("is append-only: the database refuses to edit or delete an entry", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    const entry = await db.transaction((tx) =>
      appendEntry(tx, { merchantId: merchant.id, memberId: member.id, actor: system, kind: "earn", points: 7 }),
    );
    await expect(db.update(pointEntries).set({ points: 700 }).where(eq(pointEntries.id, entry.id))).rejects.toThrow();
    await expect(db.delete(pointEntries).where(eq(pointEntries.id, entry.id))).rejects.toThrow();
    const [stored] = await db.select().from(pointEntries).where(eq(pointEntries.id, entry.id));
    expect(stored!.points).toBe(7);
  });
});

describe("awardOnce", () => {
  it("credits an award once per member, however often it is attempted, in one transaction", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    const award = {
      merchantId: merchant.id,
      memberId: member.id,
      actor: system,
      kind: "bonus" as const,
      points: 25,
      awardKey: "birthday:2026",
    };
    const results = await db.transaction(async (tx) => [await awardOnce(tx, award), await awardOnce(tx, award)]);
    expect(results[0]).not.toBeNull();
    expect(results[1]).toBeNull();
    expect(await db.transaction((tx) => awardOnce(tx, { ...award, awardKey: "birthday:2027" }))).not.toBeNull();
    await expect(db.transaction((tx) => appendEntry(tx, award))).rejects.toMatchObject({ code: "already_awarded" });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(50);
  });
});

describe("appendEntry from a given lot", () => {
  it("takes the points from that lot, not the oldest, and refuses more than it holds", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    const base = { merchantId: merchant.id, memberId: member.id, actor: system };
    const [older, newer] = await db.transaction(async (tx) => [
      await appendEntry(tx, { ...base, kind: "earn", points: 30 }),
      await appendEntry(tx, { ...base, kind: "earn", points: 20 }),
    ]);
    await db.transaction((tx) => appendEntry(tx, { ...base, kind: "expire", points: -20, fromLotEntryId: newer!.id }));
    await expect(
      db.transaction((tx) => appendEntry(tx, { ...base, kind: "expire", points: -31, fromLotEntryId: older!.id })),
    ).rejects.toMatchObject({ code: "insufficient_points" });
    await expect(
      db.transaction((tx) => appendEntry(tx, { ...base, kind: "expire", points: -5, fromLotEntryId: newer!.id })),
    ).rejects.toMatchObject({ code: "invalid_input" });
    const lots = await db
      .select({ remaining: pointLots.remaining })
      .from(pointLots)
      .where(eq(pointLots.memberId, member.id))
      .orderBy(pointLots.entryId);
    expect(lots.map((lot) => lot.remaining)).toEqual([30, 0]);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(30);
  });
});

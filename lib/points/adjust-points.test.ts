import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db";
import { auditLog, pointEntries, pointLots } from "@/db/schema";
import { createMember, createProgram } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase } from "@/lib/testing/test-database";
import { memberWithPoints } from "@/lib/testing/voucher-factories";
import { adjustPoints } from "./adjust-points";

const manager = { type: "staff", userId: "00000000-0000-4000-8000-000000000003" } as const;
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const entriesOf = (db: Db, memberId: string) =>
  db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId)).orderBy(asc(pointEntries.id));
const auditOf = (db: Db, merchantId: string) => db.select().from(auditLog).where(eq(auditLog.merchantId, merchantId));

describe("adjustPoints", () => {
  it("credits and debits with a trimmed reason, and writes the audit log", async () => {
    const { db } = database;
    const { merchant, member } = await memberWithPoints(db, 40);
    const credit = await adjustPoints(db, {
      merchantId: merchant.id,
      memberId: member.id,
      points: 25,
      reason: "  Goodwill: coffee was cold  ",
      actor: manager,
    });
    expect(credit).toMatchObject({ points: 25, balance: 65, reason: "Goodwill: coffee was cold" });
    const debit = await adjustPoints(db, {
      merchantId: merchant.id,
      memberId: member.id,
      points: -65,
      reason: "Duplicate card",
      actor: manager,
    });
    expect(debit.balance).toBe(0);

    const adjustments = (await entriesOf(db, member.id)).filter((e) => e.kind === "adjust");
    expect(adjustments.map((e) => [e.points, e.balanceAfter, e.reason, e.actorType, e.actorId])).toEqual([
      [25, 65, "Goodwill: coffee was cold", "staff", manager.userId],
      [-65, 0, "Duplicate card", "staff", manager.userId],
    ]);
    const audit = await auditOf(db, merchant.id);
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      action: "points.adjust",
      actorType: "staff",
      actorId: manager.userId,
      targetType: "member",
      targetId: member.id,
    });
    expect(audit.map((row) => row.details)).toEqual(
      expect.arrayContaining([
        { entryId: credit.entryId, points: 25, reason: "Goodwill: coffee was cold", balance: 65 },
        { entryId: debit.entryId, points: -65, reason: "Duplicate card", balance: 0 },
      ]),
    );
    const after = await expectLedgerConsistent(db, member.id);
    expect(after).toMatchObject({ pointsBalance: 0, lifetimePoints: 40 });
  });

  it("refuses an adjustment without a real reason, of zero points or of a fraction, and changes nothing", async () => {
    const { db } = database;
    const { merchant, member } = await memberWithPoints(db, 10);
    const call = (points: number, reason: string) =>
      adjustPoints(db, { merchantId: merchant.id, memberId: member.id, points, reason, actor: manager });
    await expect(call(5, "")).rejects.toMatchObject({ code: "invalid_input", details: { field: "reason" } });
    await expect(call(5, "   ab   ")).rejects.toMatchObject({ code: "invalid_input", details: { field: "reason" } });
    await expect(call(5, "x".repeat(501))).rejects.toMatchObject({
      code: "invalid_input",
      details: { field: "reason", validation: "tooLong" },
    });
    await expect(call(0, "A fine reason")).rejects.toMatchObject({
      code: "invalid_input",
      details: { field: "points" },
    });
    await expect(call(2.5, "A fine reason")).rejects.toMatchObject({ code: "invalid_input" });
    expect(await entriesOf(db, member.id)).toHaveLength(1);
    expect(await auditOf(db, merchant.id)).toHaveLength(0);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(10);

    await call(5, "abc");
    await call(-1, "x".repeat(500));
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(14);
  });

  it("refuses a debit the balance cannot cover, writing neither an entry nor an audit row", async () => {
    const { db } = database;
    const { merchant, member } = await memberWithPoints(db, 30);
    await expect(
      adjustPoints(db, {
        merchantId: merchant.id,
        memberId: member.id,
        points: -31,
        reason: "Fraud reversal",
        actor: manager,
      }),
    ).rejects.toMatchObject({ code: "insufficient_points" });
    expect(await entriesOf(db, member.id)).toHaveLength(1);
    expect(await auditOf(db, merchant.id)).toHaveLength(0);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(30);
  });

  it("does not adjust another merchant's member, and members cannot adjust at all", async () => {
    const { db } = database;
    const { merchant, member } = await memberWithPoints(db, 30);
    const other = await createProgram(db);
    await expect(
      adjustPoints(db, {
        merchantId: other.merchant.id,
        memberId: member.id,
        points: 10,
        reason: "Not mine",
        actor: manager,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      adjustPoints(db, {
        merchantId: merchant.id,
        memberId: member.id,
        points: 10,
        reason: "Myself",
        actor: { type: "member", userId: manager.userId },
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await auditOf(db, other.merchant.id)).toHaveLength(0);
    expect(await auditOf(db, merchant.id)).toHaveLength(0);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(30);
  });

  it("a credit opens a lot that expires under the program's policy, at local midnight in its time zone", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, {
      settings: { expiry: { policy: "after_earning", months: 12 } },
    });
    const member = await createMember(db, program);
    const now = new Date("2026-03-15T10:00:00Z");
    const { entryId } = await adjustPoints(db, {
      merchantId: merchant.id,
      memberId: member.id,
      points: 7,
      reason: "Welcome back",
      actor: manager,
      now,
    });
    const [lot] = await db.select().from(pointLots).where(eq(pointLots.entryId, entryId));
    expect(lot).toMatchObject({ remaining: 7, expiresAt: new Date("2027-03-15T22:00:00Z") });
    await expectLedgerConsistent(db, member.id);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { pointEntries, purchases } from "@/db/schema";
import { createMember, createProgram } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase } from "@/lib/testing/test-database";
import { recordPurchase } from "./record-purchase";

const cashier = { type: "staff", userId: "00000000-0000-4000-8000-000000000001" } as const;
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("recordPurchase", () => {
  it("earns 1 point per currency unit, rounding down, and explains why", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    const result = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 1250,
      actor: cashier,
    });
    expect(result.pointsEarned).toBe(12);
    expect(result.balance).toBe(12);
    expect(result.explanation).toEqual([{ ruleKey: "base_rate", label: "base rate", points: 12 }]);
    const after = await expectLedgerConsistent(db, member.id);
    expect(after.visitCount).toBe(1);
    expect(after.lifetimeSpendMinor).toBe(1250);
  });

  it("moves the member up a tier the moment the threshold is crossed, and the new tier's multiplier applies next time", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    expect(member.tierKey).toBe("silver");
    const first = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 50_000,
      actor: cashier,
    });
    expect(first.tierKey).toBe("gold");
    const second = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 1_000,
      actor: cashier,
    });
    expect(second.pointsEarned).toBe(15);
    expect(second.explanation.map((line) => line.points)).toEqual([10, 5]);
    await expectLedgerConsistent(db, member.id);
  });

  it("earns once when the same purchase is posted twice with one idempotency key", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    const request = {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 4_200,
      actor: cashier,
      idempotencyKey: "sale-0001-abc",
    };
    const first = await recordPurchase(db, request);
    const second = await recordPurchase(db, request);
    expect(second).toEqual(first);
    expect(await db.select().from(purchases).where(eq(purchases.memberId, member.id))).toHaveLength(1);
    expect(await db.select().from(pointEntries).where(eq(pointEntries.memberId, member.id))).toHaveLength(1);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(42);
  });

  it("refuses the same idempotency key with a different amount and writes nothing", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    const request = { merchantId: merchant.id, memberId: member.id, actor: cashier, idempotencyKey: "sale-0002-abc" };
    await recordPurchase(db, { ...request, amountMinor: 1_000 });
    await expect(recordPurchase(db, { ...request, amountMinor: 9_000 })).rejects.toMatchObject({
      code: "idempotency_conflict",
    });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(10);
  });

  it("records a sale with a given external id once", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    const sale = {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 500,
      actor: cashier,
      externalId: "POS-77",
    };
    await recordPurchase(db, sale);
    await expect(recordPurchase(db, sale)).rejects.toMatchObject({ code: "purchase_already_recorded" });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(5);
  });

  it("does not find another merchant's member", async () => {
    const { db } = database;
    const { program } = await createProgram(db);
    const other = await createProgram(db);
    const member = await createMember(db, program);
    await expect(
      recordPurchase(db, { merchantId: other.merchant.id, memberId: member.id, amountMinor: 1_000, actor: cashier }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(0);
  });

  it.each([0, -100, 12.5, Number.NaN])("refuses an amount of %s minor units", async (amountMinor) => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    await expect(
      recordPurchase(db, { merchantId: merchant.id, memberId: member.id, amountMinor, actor: cashier }),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });
});

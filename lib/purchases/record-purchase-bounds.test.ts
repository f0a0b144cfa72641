import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { members, pointEntries, purchases } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { limits } from "@/lib/limits";
import { createMember, createProgram } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase } from "@/lib/testing/test-database";
import { programSettingsSchema } from "@/lib/validation/rules";
import { recordPurchase } from "./record-purchase";

const system = { type: "system" } as const;
const int4Max = 2 ** 31 - 1;
const now = new Date("2026-06-15T12:00:00Z");
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("recordPurchase with amounts and points past 2^31", () => {
  it("keeps earning for a member in IRR whose lifetime spend passes 2^31, and lifts the tier on spend past it", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, {
      currency: "IRR",
      settings: {
        earnRate: { points: 1, perMinor: 10_000 },
        tierQualification: { basis: "spend", window: "calendar_year", months: 12 },
      },
      tiers: [
        { key: "silver", threshold: 0 },
        { key: "gold", threshold: 4_000_000_000 },
      ],
    });
    const member = await createMember(db, program);
    const sale = { merchantId: merchant.id, memberId: member.id, amountMinor: 1_500_000_000, actor: system, now };
    await recordPurchase(db, sale);
    await recordPurchase(db, sale);
    const third = await recordPurchase(db, sale);
    expect(third).toMatchObject({ pointsEarned: 150_000, balance: 450_000, tierKey: "gold" });
    const after = await expectLedgerConsistent(db, member.id);
    expect(after.lifetimeSpendMinor).toBe(4_500_000_000);
    expect(after.lifetimeSpendMinor).toBeGreaterThan(int4Max);
  });

  it("records a single sale earning more than 2^31 points at a permitted rate exactly", async () => {
    const { db } = database;
    const settings = { earnRate: { points: limits.maxRatePoints, perMinor: 1 } };
    const { merchant, program, version } = await createProgram(db, { currency: "IRR", settings, tiers: [] });
    expect(programSettingsSchema.safeParse(version.settings).success).toBe(true);
    const member = await createMember(db, program);
    const result = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 3_000_001,
      actor: system,
      now,
    });
    expect(result).toMatchObject({ pointsEarned: 3_000_001_000, balance: 3_000_001_000 });
    const [entry] = await db.select().from(pointEntries).where(eq(pointEntries.memberId, member.id));
    expect(entry).toMatchObject({ points: 3_000_001_000, balanceAfter: 3_000_001_000 });
    const after = await expectLedgerConsistent(db, member.id);
    expect(after.lifetimePoints).toBe(3_000_001_000);
  });

  it("accepts the largest permitted amount and refuses one minor unit more with a field error, writing nothing", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { currency: "IRR" });
    const member = await createMember(db, program);
    const sale = { merchantId: merchant.id, memberId: member.id, actor: system, now };
    const largest = await recordPurchase(db, { ...sale, amountMinor: limits.maxAmountMinor });
    expect(largest.amountMinor).toBe(limits.maxAmountMinor);

    const error = await refusal(recordPurchase(db, { ...sale, amountMinor: limits.maxAmountMinor + 1 }));
    expect(error).toMatchObject({ code: "invalid_input", details: { field: "amountMinor", validation: "tooLarge" } });
    const line = await refusal(
      recordPurchase(db, { ...sale, amountMinor: 100, lines: [{ amountMinor: limits.maxAmountMinor + 1 }] }),
    );
    expect(line).toMatchObject({ code: "invalid_input", details: { field: "lines", validation: "tooLarge" } });
    expect(await db.select().from(purchases).where(eq(purchases.memberId, member.id))).toHaveLength(1);
  });

  it("refuses a sale whose points would pass the bound of one entry instead of capping them", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, {
      settings: { earnRate: { points: limits.maxRatePoints, perMinor: 1 } },
      tiers: [],
    });
    const member = await createMember(db, program);
    const error = await refusal(
      recordPurchase(db, {
        merchantId: merchant.id,
        memberId: member.id,
        amountMinor: limits.maxEntryPoints / limits.maxRatePoints + 1,
        actor: system,
        now,
      }),
    );
    expect(error).toMatchObject({ code: "invalid_input", details: { field: "points", validation: "tooLarge" } });
    expect(await db.select().from(purchases).where(eq(purchases.memberId, member.id))).toHaveLength(0);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(0);
  });

  it("refuses points that would lift a balance past its bound", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { tiers: [] });
    const member = await createMember(db, program);
    await db
      .update(members)
      .set({ pointsBalance: sql`${limits.maxBalancePoints - 5}::int8` })
      .where(eq(members.id, member.id));
    const error = await refusal(
      recordPurchase(db, { merchantId: merchant.id, memberId: member.id, amountMinor: 1_000, actor: system, now }),
    );
    expect(error).toMatchObject({ code: "invalid_input", details: { field: "points", validation: "tooLarge" } });
    expect(await db.select().from(pointEntries).where(eq(pointEntries.memberId, member.id))).toHaveLength(0);
  });
});

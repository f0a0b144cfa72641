import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { purchases } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { saleTimeWindow } from "@/lib/limits";
import { createMember, createProgram, defaultSettings } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { programSettingsSchema } from "@/lib/validation/rules";
import { recordPurchase } from "./record-purchase";

const system = { type: "system" } as const;
const now = new Date("2026-06-15T12:00:00Z");
const day = 86_400_000;
const minute = 60_000;
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function saleAt(occurredAt: Date, settings = {}) {
  const { db } = database;
  const { merchant, program } = await createProgram(db, { settings });
  const member = await createMember(db, program);
  const outcome = await recordPurchase(db, {
    merchantId: merchant.id,
    memberId: member.id,
    amountMinor: 1_000,
    occurredAt,
    actor: system,
    now,
  }).then(
    (result) => result,
    (error: unknown) => error,
  );
  const recorded = await db.select().from(purchases).where(eq(purchases.memberId, member.id));
  return { outcome, recorded };
}

async function expectRefused(occurredAt: Date, validation: string, settings = {}) {
  const { outcome, recorded } = await saleAt(occurredAt, settings);
  expect(outcome).toBeInstanceOf(AppError);
  expect(outcome).toMatchObject({ code: "invalid_input", details: { field: "occurredAt", validation } });
  expect(recorded).toHaveLength(0);
}

describe("recordPurchase: a sale's time lies within the program's window", () => {
  it("accepts a late upload within the default days back and a till clock a little ahead", async () => {
    const late = await saleAt(new Date(now.getTime() - (saleTimeWindow.defaultDaysBack * day - minute)));
    expect(late.recorded).toHaveLength(1);
    const ahead = await saleAt(new Date(now.getTime() + saleTimeWindow.defaultMinutesAhead * minute));
    expect(ahead.recorded).toHaveLength(1);
  });

  it("refuses year 0000, 9999 and 2999 clearly, and writes nothing", async () => {
    await expectRefused(new Date("0000-01-01T00:00:00Z"), "saleTooOld");
    await expectRefused(new Date("9999-12-31T23:59:59Z"), "saleInFuture");
    await expectRefused(new Date("2999-01-01T00:00:00Z"), "saleInFuture");
  });

  it("refuses a sale just beyond the default window on either side", async () => {
    await expectRefused(new Date(now.getTime() - (saleTimeWindow.defaultDaysBack * day + minute)), "saleTooOld");
    await expectRefused(new Date(now.getTime() + (saleTimeWindow.defaultMinutesAhead + 1) * minute), "saleInFuture");
  });

  it("follows the window the program's version states", async () => {
    const window = { saleTimeWindow: { daysBack: 7, minutesAhead: 0 } };
    await expectRefused(new Date(now.getTime() - 8 * day), "saleTooOld", window);
    await expectRefused(new Date(now.getTime() + minute), "saleInFuture", window);
    const wide = {
      saleTimeWindow: { daysBack: saleTimeWindow.maxDaysBack, minutesAhead: saleTimeWindow.maxMinutesAhead },
    };
    expect((await saleAt(new Date(now.getTime() - 300 * day), wide)).recorded).toHaveLength(1);
  });

  it("refuses a time that is not a time", async () => {
    const { outcome } = await saleAt(new Date("not a date"));
    expect(outcome).toMatchObject({ code: "invalid_input", details: { field: "occurredAt", validation: "invalid" } });
  });
});

describe("a version's sale time window in its settings", () => {
  const withWindow = (daysBack: number, minutesAhead: number) => ({
    ...defaultSettings,
    saleTimeWindow: { daysBack, minutesAhead },
  });
  it("is optional and, when given, lies within the outer bounds", () => {
    expect(programSettingsSchema.safeParse(defaultSettings).success).toBe(true);
    expect(
      programSettingsSchema.safeParse(withWindow(saleTimeWindow.maxDaysBack, saleTimeWindow.maxMinutesAhead)).success,
    ).toBe(true);
    expect(programSettingsSchema.safeParse(withWindow(1, 0)).success).toBe(true);
    expect(programSettingsSchema.safeParse(withWindow(0, 5)).success).toBe(false);
    expect(programSettingsSchema.safeParse(withWindow(saleTimeWindow.maxDaysBack + 1, 5)).success).toBe(false);
    expect(programSettingsSchema.safeParse(withWindow(90, saleTimeWindow.maxMinutesAhead + 1)).success).toBe(false);
    expect(programSettingsSchema.safeParse(withWindow(-1, 5)).success).toBe(false);
  });
});

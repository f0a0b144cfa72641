import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { memberSubscriptions, members, programs, type programGoals } from "@/db/schema";
import { joinProgram } from "@/lib/members/join-program";
import { addPurchase } from "@/lib/testing/engagement-factories";
import { createProgram } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { goalFigures, goalTrend } from "./goal-figures";

const now = new Date("2026-06-30T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/**
 * Four members: A and B joined 90 days ago, C 40 days ago, D 10 days ago.
 * This period (the last 30 days): A buys 10.00 and 20.00, C buys 30.00, D buys 5.00 then refunds it all.
 * Previous period (30-60 days ago): A buys 40.00, B buys 10.00 twice.
 */
async function programWithHistory(goal: (typeof programGoals)[number]) {
  const { db } = database;
  const { program, merchant } = await createProgram(db, { tiers: [] });
  await db.update(programs).set({ goal }).where(eq(programs.id, program.id));
  const join = (name: string, joined: number) =>
    joinProgram(db, { programId: program.id, email: `${name}-${program.id}@example.test`, joinedAt: daysAgo(joined) });
  const a = await join("a", 90);
  const b = await join("b", 90);
  const c = await join("c", 40);
  const d = await join("d", 10);
  await addPurchase(db, a, { amountMinor: 1_000, occurredAt: daysAgo(5) });
  await addPurchase(db, a, { amountMinor: 2_000, occurredAt: daysAgo(20) });
  await addPurchase(db, c, { amountMinor: 3_000, occurredAt: daysAgo(29) });
  await addPurchase(db, d, { amountMinor: 500, occurredAt: daysAgo(2), status: "refunded" });
  await addPurchase(db, a, { amountMinor: 4_000, occurredAt: daysAgo(45) });
  await addPurchase(db, b, { amountMinor: 1_000, occurredAt: daysAgo(31) });
  await addPurchase(db, b, { amountMinor: 1_000, occurredAt: daysAgo(59) });
  // Outside both periods.
  await addPurchase(db, b, { amountMinor: 9_000, occurredAt: daysAgo(61) });
  return { program, merchant, a, b, c, d };
}

async function figureOf(merchantId: string) {
  const [figure] = await goalFigures(database.db, { merchantId, now });
  return figure!;
}

describe("goalFigures", () => {
  it("retention: the share of members who bought in the period", async () => {
    const { merchant } = await programWithHistory("retention");
    // Now: A and C of 4 members (D's sale was refunded). Before: A and B of 3 (A, B, C had joined).
    expect(await figureOf(merchant.id)).toMatchObject({ kind: "share", current: 2 / 4, previous: 2 / 3 });
  });

  it("share of wallet: net spend per member who bought", async () => {
    const { merchant } = await programWithHistory("share_of_wallet");
    // Now: (10 + 20 + 30) / 2 buyers = 30.00. Before: (40 + 10 + 10) / 2 = 30.00.
    expect(await figureOf(merchant.id)).toMatchObject({ kind: "money", current: 3_000, previous: 3_000 });
  });

  it("visit frequency: purchases per member who bought", async () => {
    const { merchant } = await programWithHistory("visit_frequency");
    const figure = await figureOf(merchant.id);
    expect(figure).toMatchObject({ kind: "ratio", current: 3 / 2, previous: 3 / 2 });
    expect(goalTrend(figure)).toBe(0);
  });

  it("customer insight: the share of members with birthday, phone and consent", async () => {
    const { merchant, a, c, d } = await programWithHistory("customer_insight");
    const complete = { birthday: "1990-04-01", phone: "+37120000000", marketingConsent: true };
    await database.db.update(members).set(complete).where(eq(members.id, a.id));
    await database.db.update(members).set(complete).where(eq(members.id, d.id));
    await database.db
      .update(members)
      .set({ ...complete, phone: null })
      .where(eq(members.id, c.id));
    // Now: A and D of 4. Before: A of the 3 who had joined.
    const figure = await figureOf(merchant.id);
    expect(figure).toMatchObject({ current: 2 / 4, previous: 1 / 3 });
    expect(goalTrend(figure)).toBeCloseTo(0.5);
  });

  it("profit centre: paid-tier revenue from memberships bought in the period", async () => {
    const { merchant, a, b } = await programWithHistory("profit_centre");
    const subscription = (memberId: string, amountMinor: number, start: number, status = "active" as const) => ({
      merchantId: merchant.id,
      memberId,
      tierKey: "plus",
      amountMinor,
      currency: "EUR",
      paymentProvider: "counter",
      status,
      periodStart: daysAgo(start),
      periodEnd: daysAgo(start - 365),
    });
    await database.db
      .insert(memberSubscriptions)
      .values([
        subscription(a.id, 4_900, 3),
        subscription(b.id, 4_900, 12),
        { ...subscription(b.id, 4_900, 40), status: "cancelled" },
        subscription(a.id, 2_500, 50),
      ]);
    const figure = await figureOf(merchant.id);
    expect(figure).toMatchObject({ kind: "money", current: 9_800, previous: 2_500 });
    expect(goalTrend(figure)).toBeCloseTo(2.92);
  });

  it("has no figure where there is nothing to divide by, and sees only its merchant", async () => {
    const { merchant } = await createProgram(database.db, { tiers: [] });
    await programWithHistory("retention");
    expect(await figureOf(merchant.id)).toMatchObject({ current: null, previous: null });
    expect(goalTrend({ current: 5, previous: 0 })).toBeNull();
  });
});

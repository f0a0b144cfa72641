import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { pointEntries, purchases } from "@/db/schema";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { createMember, createProgram } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { addEarningRules, createSegment, createStore, updateMember } from "@/lib/testing/rules-factories";
import { createTestDatabase } from "@/lib/testing/test-database";

const cashier = { type: "staff", userId: "00000000-0000-4000-8000-000000000001" } as const;
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function programWithRules(rules: Parameters<typeof addEarningRules>[2], timeZone = "Europe/Riga") {
  const { db } = database;
  const setup = await createProgram(db, { timeZone, tiers: [] });
  await addEarningRules(db, setup.version, rules);
  const member = await createMember(db, setup.program);
  return { ...setup, member };
}

describe("earning rules through recordPurchase", () => {
  it("applies a weekend campaign by the program's local day: Friday 23:30 UTC is Saturday in Riga", async () => {
    const { db } = database;
    const { merchant, member, version } = await programWithRules([
      { key: "weekend", name: "Weekend double", kind: "campaign", multiplier: 200, conditions: { daysOfWeek: [0, 6] } },
    ]);
    const sale = {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 1_250,
      actor: cashier,
      now: new Date("2026-01-05T12:00:00Z"),
    };
    const friday = await recordPurchase(db, { ...sale, occurredAt: new Date("2026-01-02T21:59:00Z") });
    expect(friday.pointsEarned).toBe(12);
    const saturday = await recordPurchase(db, { ...sale, occurredAt: new Date("2026-01-02T23:30:00Z") });
    expect(saturday.pointsEarned).toBe(24);
    expect(saturday.explanation).toEqual([
      { ruleKey: "base_rate", label: "base rate", points: 12 },
      { ruleKey: "rule:weekend", label: "Weekend double", points: 12 },
    ]);
    const [entry] = await db.select().from(pointEntries).where(eq(pointEntries.purchaseId, saturday.purchaseId));
    expect(entry).toMatchObject({ points: 24, programVersionId: version.id, explanation: saturday.explanation });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(36);
  });

  it("does not apply the same campaign on a Friday evening in New York, which is Saturday in UTC", async () => {
    const { db } = database;
    const { merchant, member } = await programWithRules(
      [
        {
          key: "weekend",
          name: "Weekend double",
          kind: "campaign",
          multiplier: 200,
          conditions: { daysOfWeek: [0, 6] },
        },
      ],
      "America/New_York",
    );
    const result = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 1_000,
      actor: cashier,
      occurredAt: new Date("2026-01-03T02:00:00Z"),
      now: new Date("2026-01-05T12:00:00Z"),
    });
    expect(result.pointsEarned).toBe(10);
  });

  it("earns nothing on excluded lines and stores the lines with the purchase", async () => {
    const { db } = database;
    const { merchant, member } = await programWithRules([
      {
        key: "no_gift_cards",
        name: "Gift cards earn nothing",
        kind: "spend",
        conditions: { excludedCategories: ["gift_card"] },
      },
    ]);
    const lines = [
      { sku: "LATTE", category: "coffee", amountMinor: 450 },
      { sku: "GC-50", category: "gift_card", amountMinor: 5_000 },
    ];
    const result = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 5_450,
      lines,
      actor: cashier,
    });
    expect(result.pointsEarned).toBe(4);
    const [purchase] = await db.select().from(purchases).where(eq(purchases.id, result.purchaseId));
    expect(purchase!.lines).toEqual(lines);
    expect((await expectLedgerConsistent(db, member.id)).lifetimeSpendMinor).toBe(5_450);
  });

  it("applies a store campaign at its store only", async () => {
    const { db } = database;
    const { merchant, program, version } = await createProgram(db, { tiers: [] });
    const harbour = await createStore(db, merchant.id, "Harbour");
    const oldTown = await createStore(db, merchant.id, "Old Town");
    await addEarningRules(db, version, [
      { key: "harbour", name: "Harbour opening", kind: "campaign", points: 15, conditions: { storeIds: [harbour.id] } },
    ]);
    const member = await createMember(db, program);
    const sale = { merchantId: merchant.id, memberId: member.id, amountMinor: 1_000, actor: cashier };
    expect((await recordPurchase(db, { ...sale, storeId: harbour.id })).pointsEarned).toBe(25);
    expect((await recordPurchase(db, { ...sale, storeId: oldTown.id })).pointsEarned).toBe(10);
    expect((await recordPurchase(db, sale)).pointsEarned).toBe(10);
  });

  it("does not apply a campaign outside its window, judged by when the sale happened", async () => {
    const { db } = database;
    const { merchant, member } = await programWithRules([
      {
        key: "spring",
        name: "Spring bonus",
        kind: "campaign",
        points: 20,
        startsAt: new Date("2026-03-01T00:00:00Z"),
        endsAt: new Date("2026-04-01T00:00:00Z"),
      },
    ]);
    const sale = {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 1_000,
      actor: cashier,
      now: new Date("2026-04-10T12:00:00Z"),
    };
    expect((await recordPurchase(db, { ...sale, occurredAt: new Date("2026-02-28T12:00:00Z") })).pointsEarned).toBe(10);
    expect((await recordPurchase(db, { ...sale, occurredAt: new Date("2026-03-15T12:00:00Z") })).pointsEarned).toBe(30);
    expect((await recordPurchase(db, { ...sale, occurredAt: new Date("2026-04-01T00:00:00Z") })).pointsEarned).toBe(10);
  });

  it("applies a segment-only campaign to members of the segment only", async () => {
    const { db } = database;
    const { merchant, program, version } = await createProgram(db, { tiers: [] });
    const subscribers = await createSegment(db, program, { marketingConsent: true }, "Subscribers");
    await addEarningRules(db, version, [
      {
        key: "subscriber_bonus",
        name: "Subscriber bonus",
        kind: "campaign",
        points: 30,
        conditions: { segmentId: subscribers.id },
      },
    ]);
    const inSegment = await createMember(db, program);
    await updateMember(db, inSegment.id, { marketingConsent: true });
    const outside = await createMember(db, program);
    const sale = { merchantId: merchant.id, amountMinor: 1_000, actor: cashier };
    const paid = await recordPurchase(db, { ...sale, memberId: inSegment.id });
    expect(paid.pointsEarned).toBe(40);
    expect(paid.explanation.at(-1)).toEqual({
      ruleKey: "rule:subscriber_bonus",
      label: "Subscriber bonus",
      points: 30,
    });
    expect((await recordPurchase(db, { ...sale, memberId: outside.id })).pointsEarned).toBe(10);
  });

  it("stacks the tier multiplier and a campaign on the base, then the fixed bonus", async () => {
    const { db } = database;
    const { merchant, program, version } = await createProgram(db, {
      tiers: [
        { key: "silver", threshold: 0 },
        { key: "gold", threshold: 0, earnMultiplierPercent: 150 },
      ],
    });
    await addEarningRules(db, version, [
      { key: "weekend", name: "Weekend double", kind: "campaign", multiplier: 200, conditions: { daysOfWeek: [6] } },
      { key: "weekend_bonus", name: "Weekend bonus", kind: "campaign", points: 20, conditions: { daysOfWeek: [6] } },
    ]);
    const member = await createMember(db, program);
    expect(member.tierKey).toBe("gold");
    const result = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 1_299,
      actor: cashier,
      occurredAt: new Date("2026-01-03T10:00:00Z"),
      now: new Date("2026-01-05T12:00:00Z"),
    });
    expect(result.explanation).toEqual([
      { ruleKey: "base_rate", label: "base rate", points: 12 },
      { ruleKey: "tier:gold", label: "Gold", points: 6 },
      { ruleKey: "rule:weekend", label: "Weekend double", points: 12 },
      { ruleKey: "rule:weekend_bonus", label: "Weekend bonus", points: 20 },
    ]);
    expect(result.pointsEarned).toBe(50);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(50);
  });

  it("refuses a purchase line with a negative or fractional amount and writes nothing", async () => {
    const { db } = database;
    const { merchant, member } = await programWithRules([]);
    for (const amountMinor of [-100, 12.5]) {
      await expect(
        recordPurchase(db, {
          merchantId: merchant.id,
          memberId: member.id,
          amountMinor: 1_000,
          lines: [{ amountMinor }],
          actor: cashier,
        }),
      ).rejects.toMatchObject({ code: "invalid_input" });
    }
    expect(await db.select().from(purchases).where(eq(purchases.memberId, member.id))).toHaveLength(0);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(0);
  });
});

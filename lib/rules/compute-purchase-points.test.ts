import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roundingModes, type ProgramSettings, type PurchaseLine } from "@/db/schema";
import { defaultSettings } from "@/lib/testing/factories";
import { earningRule, tierRow } from "@/lib/testing/rules-factories";
import { computePurchasePoints, roundRatio, type EarningRule, type PurchaseFacts } from "./compute-purchase-points";
import { localDayOfWeek } from "@/lib/time-zone";

const gold = tierRow({ key: "gold", name: "Gold", earnMultiplierPercent: 150 });
const storeA = "00000000-0000-4000-8000-00000000000a";
const storeB = "00000000-0000-4000-8000-00000000000b";
const vipSegment = "00000000-0000-4000-8000-0000000000f1";
// Friday 2 January 2026, 12:00 UTC.
const friday = new Date("2026-01-02T12:00:00Z");

function sale(facts: Partial<PurchaseFacts> = {}): PurchaseFacts {
  return { amountMinor: 1_000, lines: [], storeId: null, occurredAt: friday, localDayOfWeek: 5, ...facts };
}

function earn(input: {
  purchase?: Partial<PurchaseFacts>;
  rules?: EarningRule[];
  tier?: typeof gold | null;
  settings?: Partial<ProgramSettings>;
  segments?: string[];
}) {
  return computePurchasePoints({
    settings: { ...defaultSettings, ...input.settings },
    rules: input.rules ?? [],
    tier: input.tier ?? null,
    purchase: sale(input.purchase),
    memberSegmentIds: input.segments ?? [],
    memberId: "00000000-0000-4000-8000-0000000000e1",
  });
}

const noGiftCards = earningRule({
  key: "no_gift_cards",
  kind: "spend",
  conditions: { excludedCategories: ["gift_card"] },
});
const weekendDouble = earningRule({
  key: "weekend",
  name: "Weekend double",
  kind: "campaign",
  multiplier: 200,
  conditions: { daysOfWeek: [0, 6] },
  position: 1,
});
const bonus20 = earningRule({ key: "bonus20", name: "Weekend bonus", kind: "campaign", points: 20, position: 3 });

describe("roundRatio", () => {
  it.each([
    [1250, 100, "down", 12],
    [1250, 100, "up", 13],
    [1250, 100, "nearest", 13],
    [1249, 100, "nearest", 12],
    [1200, 100, "up", 12],
    [-550, 100, "down", -6],
    [-550, 100, "up", -5],
  ] as const)("%i / %i rounded %s is %i", (n, d, mode, expected) => {
    expect(roundRatio(n, d, mode)).toBe(expected);
  });
});

describe("computePurchasePoints: base rate and rounding", () => {
  it("earns the base rate on the amount, rounded as declared", () => {
    expect(earn({ purchase: { amountMinor: 1250 } }).points).toBe(12);
    expect(
      earn({
        purchase: { amountMinor: 1250 },
        settings: { earnRate: { points: 3, perMinor: 200 }, rounding: "nearest" },
      }).points,
    ).toBe(19);
    expect(
      earn({ purchase: { amountMinor: 1250 }, settings: { earnRate: { points: 3, perMinor: 200 }, rounding: "down" } })
        .points,
    ).toBe(18);
    expect(earn({ purchase: { amountMinor: 1201 }, settings: { rounding: "up" } }).points).toBe(13);
  });

  it.each([
    // amount, rounding, base, Gold's extra (x1.25 on the rounded base)
    [1_350, "down", 13, 3],
    [1_350, "up", 14, 4],
    [1_350, "nearest", 14, 4],
    [1_310, "down", 13, 3],
    [1_310, "up", 14, 4],
    [1_310, "nearest", 13, 3],
  ] as const)("%i minor units rounded %s: base %i, tier extra %i", (amountMinor, rounding, base, tierExtra) => {
    const silverPlus = tierRow({ key: "silver", name: "Silver", earnMultiplierPercent: 125 });
    expect(earn({ purchase: { amountMinor }, tier: silverPlus, settings: { rounding } })).toEqual({
      points: base + tierExtra,
      explanation: [
        { ruleKey: "base_rate", label: "base rate", points: base },
        { ruleKey: "tier:silver", label: "Silver", points: tierExtra },
      ],
    });
  });

  it("adds the tier multiplier as its own explained line", () => {
    expect(earn({ tier: gold })).toEqual({
      points: 15,
      explanation: [
        { ruleKey: "base_rate", label: "base rate", points: 10 },
        { ruleKey: "tier:gold", label: "Gold", points: 5 },
      ],
    });
  });

  it("earns nothing below the program's minimum spend, campaigns included", () => {
    const settings = { minimumSpendMinor: 500 };
    expect(earn({ settings, tier: gold, rules: [bonus20], purchase: { amountMinor: 499 } })).toEqual({
      points: 0,
      explanation: [{ ruleKey: "minimum_spend", label: "below minimum spend", points: 0 }],
    });
    expect(earn({ settings, tier: gold, rules: [bonus20], purchase: { amountMinor: 500 } }).points).toBe(5 + 2 + 20);
  });
});

describe("computePurchasePoints: stacking order", () => {
  const extraHalf = earningRule({
    key: "extra_half",
    name: "Spring x1.5",
    kind: "multiplier",
    multiplier: 150,
    position: 2,
  });

  it("adds every multiplier's extra on the base, never on each other, then the fixed bonuses", () => {
    const result = earn({
      purchase: { amountMinor: 1_234, localDayOfWeek: 6 },
      tier: gold,
      rules: [bonus20, extraHalf, weekendDouble],
    });
    // base 12; Gold +6 (12 x 0.5); weekend +12 (12 x 1); spring +6 (12 x 0.5); bonus +20.
    expect(result).toEqual({
      points: 56,
      explanation: [
        { ruleKey: "base_rate", label: "base rate", points: 12 },
        { ruleKey: "tier:gold", label: "Gold", points: 6 },
        { ruleKey: "rule:weekend", label: "Weekend double", points: 12 },
        { ruleKey: "rule:extra_half", label: "Spring x1.5", points: 6 },
        { ruleKey: "rule:bonus20", label: "Weekend bonus", points: 20 },
      ],
    });
    // Compounding would have given 12 x 1.5 x 2 x 1.5 + 20 = 74.
  });

  it("rounds each multiplier's extra on its own, as declared", () => {
    // base 13 (1399 down); weekend +13; Gold floor(6.5) = 6; spring floor(6.5) = 6.
    const down = earn({
      purchase: { amountMinor: 1_399, localDayOfWeek: 0 },
      tier: gold,
      rules: [weekendDouble, extraHalf],
    });
    expect(down.points).toBe(13 + 6 + 13 + 6);
    // nearest: base 14 (13.99); Gold 7; weekend 14; spring 7.
    const nearest = earn({
      purchase: { amountMinor: 1_399, localDayOfWeek: 0 },
      tier: gold,
      rules: [weekendDouble, extraHalf],
      settings: { rounding: "nearest" },
    });
    expect(nearest.explanation.map((line) => line.points)).toEqual([14, 7, 14, 7]);
  });

  it("applies a campaign with both a multiplier and fixed points as two lines", () => {
    const both = earningRule({ key: "launch", name: "Launch", kind: "campaign", multiplier: 300, points: 5 });
    expect(earn({ rules: [both] })).toEqual({
      points: 10 + 20 + 5,
      explanation: [
        { ruleKey: "base_rate", label: "base rate", points: 10 },
        { ruleKey: "rule:launch", label: "Launch", points: 20 },
        { ruleKey: "rule:launch", label: "Launch", points: 5 },
      ],
    });
  });

  it("ignores action rules and leaves out zero lines", () => {
    const signUp = earningRule({ key: "sign_up", kind: "action", action: "sign_up", points: 50 });
    const silver = tierRow({ key: "silver", earnMultiplierPercent: 110 });
    // base 3; Silver floor(0.3) = 0 is left out.
    expect(earn({ purchase: { amountMinor: 399 }, tier: silver, rules: [signUp] })).toEqual({
      points: 3,
      explanation: [{ ruleKey: "base_rate", label: "base rate", points: 3 }],
    });
  });

  it("keeps every line a whole number and the total their sum", () => {
    const ruleArb = fc.record({
      kind: fc.constantFrom("multiplier" as const, "campaign" as const),
      multiplier: fc.option(fc.integer({ min: 100, max: 500 }), { nil: null }),
      points: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      categories: fc.option(fc.constantFrom(["coffee"], ["pastry"], ["coffee", "pastry"]), { nil: undefined }),
    });
    const lineArb = fc.record({
      category: fc.constantFrom("coffee", "pastry", "gift_card"),
      amountMinor: fc.integer({ min: 0, max: 50_000 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(lineArb, { maxLength: 5 }),
        fc.array(ruleArb, { maxLength: 4 }),
        fc.constantFrom(...roundingModes),
        fc.integer({ min: 100, max: 300 }),
        fc.record({ points: fc.integer({ min: 0, max: 10 }), perMinor: fc.integer({ min: 1, max: 1_000 }) }),
        (amountMinor, lines: PurchaseLine[], specs, rounding, tierPercent, earnRate) => {
          const rules = [
            noGiftCards,
            ...specs.map((spec, i) =>
              earningRule({
                key: `r${i}`,
                kind: spec.kind,
                multiplier: spec.multiplier,
                points: spec.points,
                position: i,
                conditions: spec.categories ? { categories: [...spec.categories] } : {},
              }),
            ),
          ];
          const tier = tierRow({ key: "t", earnMultiplierPercent: tierPercent });
          const result = earn({ purchase: { amountMinor, lines }, rules, tier, settings: { rounding, earnRate } });
          expect(result.explanation.every((line) => Number.isInteger(line.points))).toBe(true);
          expect(result.points).toBe(result.explanation.reduce((sum, line) => sum + line.points, 0));
          expect(result.points).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("computePurchasePoints: lines and categories", () => {
  const lines = [
    { category: "coffee", amountMinor: 1_000 },
    { category: "gift_card", amountMinor: 5_000 },
  ];

  it("earns nothing on excluded categories", () => {
    expect(earn({ purchase: { amountMinor: 6_000, lines }, rules: [noGiftCards] }).points).toBe(10);
    expect(earn({ purchase: { amountMinor: 6_000, lines }, rules: [] }).points).toBe(60);
    expect(earn({ purchase: { amountMinor: 6_000 }, rules: [noGiftCards] }).points).toBe(60);
  });

  it("earns nothing, bonuses included, when every line is excluded", () => {
    const giftCardOnly = { amountMinor: 5_000, lines: [{ category: "gift_card", amountMinor: 5_000 }] };
    expect(earn({ purchase: giftCardOnly, rules: [noGiftCards, bonus20] })).toEqual({
      points: 0,
      explanation: [{ ruleKey: "base_rate", label: "base rate", points: 0 }],
    });
  });

  it("measures the minimum spend on the eligible amount", () => {
    const settings = { minimumSpendMinor: 2_000 };
    expect(earn({ settings, purchase: { amountMinor: 6_000, lines }, rules: [noGiftCards] }).points).toBe(0);
    const stricter = earningRule({ key: "min", kind: "spend", conditions: { minimumSpendMinor: 1_500 } });
    expect(earn({ purchase: { amountMinor: 1_499 }, rules: [stricter] }).points).toBe(0);
    expect(earn({ purchase: { amountMinor: 1_500 }, rules: [stricter] }).points).toBe(15);
  });

  it("never earns on more than was paid when the lines add up to more (a discount on the total)", () => {
    const discounted = {
      amountMinor: 1_200,
      lines: [
        { category: "coffee", amountMinor: 1_000 },
        { category: "pastry", amountMinor: 500 },
      ],
    };
    expect(earn({ purchase: discounted }).points).toBe(12);
  });

  it("earns only on the part of the bill paid in money", () => {
    expect(earn({ purchase: { amountMinor: 2_000, paidWithPointsMinor: 500 } }).points).toBe(15);
    expect(
      earn({ purchase: { amountMinor: 6_000, lines, paidWithPointsMinor: 5_500 }, rules: [noGiftCards] }).points,
    ).toBe(5);
    expect(earn({ purchase: { amountMinor: 2_000, paidWithPointsMinor: 2_000 }, rules: [bonus20] }).points).toBe(0);
  });

  it("lets a spend rule limit the base rate to some categories", () => {
    const coffeeOnly = earningRule({ key: "coffee_only", kind: "spend", conditions: { categories: ["coffee"] } });
    const mixed = {
      amountMinor: 3_000,
      lines: [
        { category: "coffee", amountMinor: 1_000 },
        { category: "merch", amountMinor: 2_000 },
      ],
    };
    expect(earn({ purchase: mixed, rules: [coffeeOnly] }).points).toBe(10);
    expect(earn({ purchase: { amountMinor: 3_000 }, rules: [coffeeOnly] }).points).toBe(0);
  });

  it("multiplies only the lines of a campaign's categories, from the rate on those lines", () => {
    const pastryDouble = earningRule({
      key: "pastry",
      name: "Pastry double",
      kind: "campaign",
      multiplier: 200,
      conditions: { categories: ["pastry"] },
    });
    const mixed = {
      amountMinor: 1_550,
      lines: [
        { category: "coffee", amountMinor: 1_000 },
        { category: "pastry", amountMinor: 550 },
      ],
    };
    // base floor(15.5) = 15; pastry base floor(5.5) = 5, doubled: +5.
    expect(earn({ purchase: mixed, rules: [pastryDouble] }).explanation).toEqual([
      { ruleKey: "base_rate", label: "base rate", points: 15 },
      { ruleKey: "rule:pastry", label: "Pastry double", points: 5 },
    ]);
    expect(earn({ purchase: { amountMinor: 1_550 }, rules: [pastryDouble] }).points).toBe(15);
  });

  it("pays a fixed bonus only from the campaign's minimum spend", () => {
    const bigBasket = earningRule({
      key: "basket",
      name: "Big basket",
      kind: "campaign",
      points: 20,
      conditions: { minimumSpendMinor: 2_000 },
    });
    expect(earn({ purchase: { amountMinor: 1_999 }, rules: [bigBasket] }).points).toBe(19);
    expect(earn({ purchase: { amountMinor: 2_000 }, rules: [bigBasket] }).points).toBe(40);
  });
});

describe("computePurchasePoints: where, when and who", () => {
  it("applies a store campaign only at its stores", () => {
    const harbour = earningRule({ key: "harbour", kind: "campaign", points: 7, conditions: { storeIds: [storeA] } });
    expect(earn({ rules: [harbour], purchase: { storeId: storeA } }).points).toBe(17);
    expect(earn({ rules: [harbour], purchase: { storeId: storeB } }).points).toBe(10);
    expect(earn({ rules: [harbour], purchase: { storeId: null } }).points).toBe(10);
  });

  it("applies a campaign from its start, inclusive, to its end, exclusive", () => {
    const march = earningRule({
      key: "march",
      kind: "campaign",
      points: 5,
      startsAt: new Date("2026-03-01T00:00:00Z"),
      endsAt: new Date("2026-03-08T00:00:00Z"),
    });
    const at = (iso: string) => earn({ rules: [march], purchase: { occurredAt: new Date(iso) } }).points;
    expect(at("2026-02-28T23:59:59Z")).toBe(10);
    expect(at("2026-03-01T00:00:00Z")).toBe(15);
    expect(at("2026-03-07T23:59:59Z")).toBe(15);
    expect(at("2026-03-08T00:00:00Z")).toBe(10);
  });

  it("applies a day-of-week campaign on the local day it names", () => {
    expect(earn({ rules: [weekendDouble], purchase: { localDayOfWeek: 5 } }).points).toBe(10);
    expect(earn({ rules: [weekendDouble], purchase: { localDayOfWeek: 6 } }).points).toBe(20);
    expect(earn({ rules: [weekendDouble], purchase: { localDayOfWeek: 0 } }).points).toBe(20);
  });

  it("applies a segment-only campaign only to members of the segment", () => {
    const vip = earningRule({
      key: "vip",
      name: "VIP bonus",
      kind: "campaign",
      points: 30,
      conditions: { segmentId: vipSegment },
    });
    expect(earn({ rules: [vip], segments: [vipSegment] }).points).toBe(40);
    expect(earn({ rules: [vip], segments: [] }).points).toBe(10);
  });

  it("treats an empty list in a condition as absent", () => {
    const open = earningRule({
      key: "open",
      kind: "campaign",
      points: 1,
      conditions: { storeIds: [], daysOfWeek: [], categories: [] },
    });
    expect(earn({ rules: [open] }).points).toBe(11);
  });
});

describe("localDayOfWeek", () => {
  it.each([
    ["2026-01-02T23:30:00Z", "UTC", 5],
    ["2026-01-02T23:30:00Z", "Europe/Riga", 6],
    ["2026-01-02T21:59:59Z", "Europe/Riga", 5],
    ["2026-01-02T22:00:00Z", "Europe/Riga", 6],
    // The night summer time starts (29 March 2026): UTC+2 until 01:00 UTC.
    ["2026-03-28T21:59:59Z", "Europe/Riga", 6],
    ["2026-03-28T22:00:00Z", "Europe/Riga", 0],
    // The night it ends (25 October 2026): still UTC+3 at 21:00 UTC on Saturday.
    ["2026-10-24T20:59:59Z", "Europe/Riga", 6],
    ["2026-10-24T21:00:00Z", "Europe/Riga", 0],
    ["2026-01-03T04:59:59Z", "America/New_York", 5],
    ["2026-01-03T05:00:00Z", "America/New_York", 6],
  ] as const)("%s in %s is day %i", (iso, timeZone, day) => {
    expect(localDayOfWeek(new Date(iso), timeZone)).toBe(day);
  });
});

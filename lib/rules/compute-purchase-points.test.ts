import { describe, expect, it } from "vitest";
import type { tiers } from "@/db/schema";
import { defaultSettings } from "@/lib/testing/factories";
import { computePurchasePoints, roundRatio } from "./compute-purchase-points";

const gold = { key: "gold", name: "Gold", earnMultiplierPercent: 150 } as typeof tiers.$inferSelect;

describe("roundRatio", () => {
  it.each([
    [1250, 100, "down", 12],
    [1250, 100, "up", 13],
    [1250, 100, "nearest", 13],
    [1249, 100, "nearest", 12],
    [1200, 100, "up", 12],
  ] as const)("%i / %i rounded %s is %i", (n, d, mode, expected) => {
    expect(roundRatio(n, d, mode)).toBe(expected);
  });
});

describe("computePurchasePoints", () => {
  it("earns the base rate on the amount, rounded as declared", () => {
    expect(computePurchasePoints({ settings: defaultSettings, tier: null, earningAmountMinor: 1250 }).points).toBe(12);
    const generous = { ...defaultSettings, earnRate: { points: 3, perMinor: 200 }, rounding: "nearest" as const };
    expect(computePurchasePoints({ settings: generous, tier: null, earningAmountMinor: 1250 }).points).toBe(19);
  });

  it("adds the tier multiplier as its own explained line", () => {
    const result = computePurchasePoints({ settings: defaultSettings, tier: gold, earningAmountMinor: 1_000 });
    expect(result).toEqual({
      points: 15,
      explanation: [
        { ruleKey: "base_rate", label: "base rate", points: 10 },
        { ruleKey: "tier:gold", label: "Gold", points: 5 },
      ],
    });
  });

  it("earns nothing below the minimum spend", () => {
    const settings = { ...defaultSettings, minimumSpendMinor: 500 };
    expect(computePurchasePoints({ settings, tier: gold, earningAmountMinor: 499 }).points).toBe(0);
  });
});

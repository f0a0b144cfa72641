import { describe, expect, it } from "vitest";
import type { tiers } from "@/db/schema";
import { nextTierProgress, tierForQualifyingValue } from "./next-tier-progress";

const tier = (key: string, rank: number, threshold: number, priceMinor: number | null = null) =>
  ({ key, rank, threshold, priceMinor, name: key }) as typeof tiers.$inferSelect;
const ladder = [tier("bronze", 0, 0), tier("silver", 1, 250), tier("gold", 2, 1000), tier("vip", 3, 0, 9_900)];

describe("tiers", () => {
  it("places a qualifying value in the highest earned tier it reaches, never a paid one", () => {
    expect(tierForQualifyingValue(ladder, 0)?.key).toBe("bronze");
    expect(tierForQualifyingValue(ladder, 249)?.key).toBe("bronze");
    expect(tierForQualifyingValue(ladder, 250)?.key).toBe("silver");
    expect(tierForQualifyingValue(ladder, 5_000)?.key).toBe("gold");
  });

  it("measures progress from the current tier's threshold to the next", () => {
    expect(nextTierProgress(ladder, "bronze", 0)).toMatchObject({
      next: { key: "silver" },
      remaining: 250,
      percent: 0,
    });
    expect(nextTierProgress(ladder, "bronze", 12)).toMatchObject({ remaining: 238, percent: 4 });
    expect(nextTierProgress(ladder, "silver", 625)).toMatchObject({
      next: { key: "gold" },
      remaining: 375,
      percent: 50,
    });
    expect(nextTierProgress(ladder, "gold", 1_500)).toMatchObject({ next: null, remaining: 0, percent: 100 });
  });

  it("keeps a member's held tier until the downgrade sweep, even below its threshold", () => {
    expect(nextTierProgress(ladder, "gold", 100)).toMatchObject({ current: { key: "gold" }, next: null });
  });
});

import { describe, expect, it } from "vitest";
import { limits } from "@/lib/limits";
import { defaultSettings } from "@/lib/testing/factories";
import { earningRuleSchema, programSettingsSchema } from "./rules";

function problems(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.error?.issues.map((issue) => [issue.path.join("."), issue.message]) ?? [];
}

describe("program settings within the ledger's bounds", () => {
  it("takes the largest earn rate and refuses more points per unit or a larger unit, on their fields", () => {
    const rate = (points: number, perMinor: number) =>
      programSettingsSchema.safeParse({ ...defaultSettings, earnRate: { points, perMinor } });
    expect(rate(limits.maxRatePoints, 1).success).toBe(true);
    expect(rate(limits.maxRatePoints, limits.maxRatePerMinor).success).toBe(true);
    expect(problems(rate(limits.maxRatePoints + 1, 1))).toEqual([["earnRate.points", "tooLarge"]]);
    expect(problems(rate(1, limits.maxRatePerMinor + 1))).toEqual([["earnRate.perMinor", "tooLarge"]]);
  });

  it("refuses referral points past the bonus bound", () => {
    const referral = {
      referrerPoints: limits.maxBonusPoints + 1,
      refereePoints: limits.maxBonusPoints,
      maxPerMember: 1,
    };
    expect(problems(programSettingsSchema.safeParse({ ...defaultSettings, referral }))).toEqual([
      ["referral.referrerPoints", "tooLarge"],
    ]);
  });
});

describe("earning rules within the ledger's bounds", () => {
  const campaign = { key: "big-days", name: "Big days", kind: "campaign" } as const;
  it("takes the largest multiplier and bonus, and refuses more on their fields", () => {
    expect(
      earningRuleSchema.safeParse({
        ...campaign,
        multiplier: limits.maxMultiplierPercent,
        points: limits.maxBonusPoints,
      }).success,
    ).toBe(true);
    expect(problems(earningRuleSchema.safeParse({ ...campaign, multiplier: limits.maxMultiplierPercent + 1 }))).toEqual(
      [["multiplier", "tooLarge"]],
    );
    expect(problems(earningRuleSchema.safeParse({ ...campaign, points: limits.maxBonusPoints + 1 }))).toEqual([
      ["points", "tooLarge"],
    ]);
  });
});

describe("mechanics the templates use", () => {
  const rewardId = "00000000-0000-4000-8000-0000000000c1";
  it("takes a gift rule with its reward and nothing it does not use", () => {
    const gift = { key: "shoe-gift", name: "Tote with shoes", kind: "gift" } as const;
    expect(earningRuleSchema.safeParse({ ...gift, giftRewardId: rewardId }).success).toBe(true);
    expect(problems(earningRuleSchema.safeParse(gift))).toEqual([["giftRewardId", "required"]]);
    expect(problems(earningRuleSchema.safeParse({ ...gift, giftRewardId: rewardId, points: 5 }))).toEqual([
      ["points", "invalid"],
    ]);
    expect(
      problems(
        earningRuleSchema.safeParse({ key: "c", name: "C", kind: "campaign", points: 1, giftRewardId: rewardId }),
      ),
    ).toEqual([["giftRewardId", "invalid"]]);
  });

  it("takes a lifetime tier window, certificates, and an earn rate of zero (a stamp card)", () => {
    const settings = {
      ...defaultSettings,
      earnRate: { points: 0, perMinor: 100 },
      tierQualification: { basis: "spend", window: "lifetime", months: 12 },
      certificates: { everyPoints: 500, rewardId },
    };
    expect(programSettingsSchema.safeParse(settings).success).toBe(true);
    expect(
      problems(programSettingsSchema.safeParse({ ...settings, certificates: { everyPoints: 0, rewardId } })),
    ).toEqual([["certificates.everyPoints", "invalid"]]);
    expect(programSettingsSchema.safeParse({ ...settings, certificates: null }).success).toBe(true);
  });
});

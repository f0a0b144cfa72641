import type { EntryExplanation, ProgramSettings, RoundingMode, tiers } from "@/db/schema";

type TierRow = typeof tiers.$inferSelect;

/** numerator / denominator as an integer, rounded the way the program declares. */
export function roundRatio(numerator: number, denominator: number, mode: RoundingMode): number {
  switch (mode) {
    case "down":
      return Math.floor(numerator / denominator);
    case "up":
      return Math.ceil(numerator / denominator);
    case "nearest":
      // Half away from zero, in integers so 0.5 never turns into 0.4999...
      return Math.floor((2 * numerator + denominator) / (2 * denominator));
  }
}

export type PurchasePoints = { points: number; explanation: EntryExplanation };

/**
 * Points a purchase earns: the base rate on the amount paid in money, then the member's tier
 * multiplier on that base. Every line of the explanation is a whole number of points and
 * the lines add up to the total.
 */
export function computePurchasePoints(input: {
  settings: ProgramSettings;
  tier: TierRow | null;
  earningAmountMinor: number;
}): PurchasePoints {
  const { settings, tier, earningAmountMinor } = input;
  if (earningAmountMinor < settings.minimumSpendMinor) {
    return { points: 0, explanation: [{ ruleKey: "minimum_spend", label: "below minimum spend", points: 0 }] };
  }
  const { points: ratePoints, perMinor } = settings.earnRate;
  const base = roundRatio(earningAmountMinor * ratePoints, perMinor, settings.rounding);
  const explanation: EntryExplanation = [{ ruleKey: "base_rate", label: "base rate", points: base }];
  let points = base;
  if (tier && tier.earnMultiplierPercent !== 100) {
    const tierBonus = roundRatio(base * (tier.earnMultiplierPercent - 100), 100, settings.rounding);
    explanation.push({ ruleKey: `tier:${tier.key}`, label: tier.name, points: tierBonus });
    points += tierBonus;
  }
  return { points: Math.max(0, points), explanation };
}

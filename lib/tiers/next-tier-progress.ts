import type { tiers } from "@/db/schema";

type TierRow = typeof tiers.$inferSelect;
export type TierProgress = {
  current: TierRow | null;
  next: TierRow | null;
  /** Qualifying points, spend (minor units) or visits still needed for the next tier. */
  remaining: number;
  /** 0-100, share of the way from the current tier's threshold to the next one's. */
  percent: number;
};

/** The tier a qualifying total earns, given tiers sorted by rank, lowest first. */
export function tierForQualifyingValue(sortedTiers: TierRow[], value: number): TierRow | null {
  let reached: TierRow | null = null;
  for (const tier of sortedTiers) if (value >= tier.threshold && !tier.priceMinor) reached = tier;
  return reached;
}

/** Where a member stands between the tier they hold and the next earned tier above it. */
export function nextTierProgress(sortedTiers: TierRow[], currentKey: string | null, value: number): TierProgress {
  const earnable = sortedTiers.filter((tier) => !tier.priceMinor);
  const current = earnable.find((tier) => tier.key === currentKey) ?? tierForQualifyingValue(earnable, value);
  const next = earnable.find((tier) => tier.rank > (current?.rank ?? -Infinity)) ?? null;
  if (!next) return { current, next, remaining: 0, percent: 100 };
  const floor = current?.threshold ?? 0;
  const span = next.threshold - floor;
  const percent = span <= 0 ? 100 : Math.min(100, Math.max(0, Math.floor(((value - floor) / span) * 100)));
  return { current, next, remaining: Math.max(0, next.threshold - value), percent };
}

import type { rewards, tiers } from "@/db/schema";

type Reward = typeof rewards.$inferSelect;
type Tier = typeof tiers.$inferSelect;

export type RewardLock = "inactive" | "not_yet_available" | "no_longer_available" | "out_of_stock" | "tier_too_low" | "limit_reached" | "insufficient_points";

/**
 * Why a member cannot redeem a reward right now, or null if they can. The same answer drives
 * the catalog's "locked because" and the refusal of a redemption.
 */
export function rewardLock(input: {
  reward: Reward;
  tiers: Tier[];
  memberTierKey: string | null;
  balance: number;
  redeemedCount: number;
  now: Date;
}): RewardLock | null {
  const { reward, now } = input;
  if (reward.status !== "active") return "inactive";
  if (reward.availableFrom && now < reward.availableFrom) return "not_yet_available";
  if (reward.availableUntil && now >= reward.availableUntil) return "no_longer_available";
  if (reward.stock !== null && reward.stock <= 0) return "out_of_stock";
  if (reward.minTierKey) {
    const rankOf = (key: string | null) => input.tiers.find((tier) => tier.key === key)?.rank ?? -Infinity;
    if (rankOf(input.memberTierKey) < rankOf(reward.minTierKey)) return "tier_too_low";
  }
  if (reward.perMemberLimit !== null && input.redeemedCount >= reward.perMemberLimit) return "limit_reached";
  if (input.balance < reward.costPoints) return "insufficient_points";
  return null;
}

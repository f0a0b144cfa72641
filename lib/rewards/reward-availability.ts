import type { rewards, tiers } from "@/db/schema";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { rewardReaches } from "@/lib/rollout/rollout";

type Reward = typeof rewards.$inferSelect;
type Tier = typeof tiers.$inferSelect;

export type RewardLock =
  | "inactive"
  | "not_yet_available"
  | "no_longer_available"
  | "out_of_stock"
  | "tier_missing"
  | "tier_too_low"
  | "limit_reached"
  | "insufficient_points";

/** Who a reward's staged rollout is decided for: the member and their home store. */
export type RewardViewer = { id: string; enrolledAtStoreId: string | null };

/**
 * Whether the reward exists at all for this member (its pilot's stores and share reach them,
 * lib/rollout). Outside it, a reward is not listed and redeeming it is refused as not found,
 * rather than locked: members outside a pilot see nothing of it. A visitor (null) sees only
 * the rewards offered to everyone.
 */
export function rewardOffered(
  reward: Pick<Reward, "id" | "rolloutPercent" | "rolloutStoreIds">,
  viewer: RewardViewer | null,
): boolean {
  if (!viewer) return reward.rolloutPercent >= 100 && reward.rolloutStoreIds.length === 0;
  return rewardReaches(reward, viewer);
}

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
    const minimum = input.tiers.find((tier) => tier.key === reward.minTierKey);
    // A tier the version in force no longer has admits no one, rather than everyone.
    if (!minimum) return "tier_missing";
    const memberRank = input.tiers.find((tier) => tier.key === input.memberTierKey)?.rank ?? -Infinity;
    if (memberRank < minimum.rank) return "tier_too_low";
  }
  if (reward.perMemberLimit !== null && input.redeemedCount >= reward.perMemberLimit) return "limit_reached";
  if (input.balance < reward.costPoints) return "insufficient_points";
  return null;
}

const lockErrors: Record<RewardLock, AppErrorCode> = {
  inactive: "reward_unavailable",
  not_yet_available: "reward_unavailable",
  no_longer_available: "reward_unavailable",
  out_of_stock: "out_of_stock",
  tier_missing: "reward_unavailable",
  tier_too_low: "tier_too_low",
  limit_reached: "reward_limit_reached",
  insufficient_points: "insufficient_points",
};

/** The refusal for a locked reward, with the error code the API and the UI know. */
export function rewardLockError(lock: RewardLock): AppError {
  return new AppError(lockErrors[lock], `Reward cannot be redeemed: ${lock}`);
}

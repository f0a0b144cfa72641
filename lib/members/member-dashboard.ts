import { and, count, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { pointEntries, redemptions, rewards, vouchers } from "@/db/schema";
import { lastLocalDateBefore } from "@/lib/time-zone";
import { localizeContent, localizeContext } from "@/lib/programs/localize-content";
import { loadProgramContext } from "@/lib/programs/program-context";
import { listMemberRewards } from "@/lib/rewards/list-rewards";
import { rewardLock, type RewardLock } from "@/lib/rewards/reward-availability";
import { nextTierProgress } from "@/lib/tiers/next-tier-progress";
import { qualifyingValue } from "@/lib/tiers/record-qualification";
import type { Member } from "./join-program";
import { assertMembershipOpen } from "@/lib/members/assert-membership-open";

export type DashboardTier = {
  key: string;
  name: string;
  color: string;
  threshold: number;
  earnMultiplierPercent: number;
  perks: string[];
};

/** Everything the member's dashboard shows, as plain data safe to send to the browser. */
export type MemberDashboard = {
  member: { id: string; name: string | null; memberNumber: string; balance: number; lifetimePoints: number };
  program: { slug: string; name: string; currency: string; brandColor: string; basis: "points" | "spend" | "visits" };
  tier: {
    current: DashboardTier | null;
    next: DashboardTier | null;
    qualifyingValue: number;
    remaining: number;
    percent: number;
  };
  tiers: DashboardTier[];
  rewards: {
    id: string;
    name: string;
    description: string;
    kind: string;
    costPoints: number;
    stock: number | null;
    lock: RewardLock | null;
  }[];
  /** `lastValidDate`: the last local date (YYYY-MM-DD) a voucher can be used on. */
  vouchers: { code: string; rewardName: string; status: string; expiresAt: string; lastValidDate: string }[];
  activity: {
    id: number;
    kind: string;
    points: number;
    balanceAfter: number;
    createdAt: string;
    explanation: { label: string; points: number }[];
  }[];
};

export async function getMemberDashboard(
  db: Db,
  member: Member,
  options: { now?: Date; locale?: string } = {},
): Promise<MemberDashboard> {
  const now = options.now ?? new Date();
  assertMembershipOpen(member);
  const loaded = await loadProgramContext(db, { programId: member.programId });
  // Names and descriptions in the member's language, the program's default where missing.
  const locale = options.locale ?? loaded.program.defaultLocale;
  const context = localizeContext(loaded, locale);
  const [value, rewardRows, redeemedCounts, voucherRows, entryRows] = await Promise.all([
    qualifyingValue(db, member.id, context, now),
    listMemberRewards(db, member.programId, member),
    db
      .select({ rewardId: redemptions.rewardId, n: count() })
      .from(redemptions)
      .where(and(eq(redemptions.memberId, member.id), eq(redemptions.status, "completed")))
      .groupBy(redemptions.rewardId),
    db
      .select({ code: vouchers.code, status: vouchers.status, expiresAt: vouchers.expiresAt, rewardName: rewards.name })
      .from(vouchers)
      .innerJoin(redemptions, eq(redemptions.id, vouchers.redemptionId))
      .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
      .where(and(eq(vouchers.memberId, member.id), inArray(vouchers.status, ["issued"])))
      .orderBy(desc(vouchers.createdAt))
      .limit(10),
    db.select().from(pointEntries).where(eq(pointEntries.memberId, member.id)).orderBy(desc(pointEntries.id)).limit(10),
  ]);
  const progress = nextTierProgress(context.tiers, member.tierKey, value);
  const toTier = (tier: (typeof context.tiers)[number] | null): DashboardTier | null =>
    tier && {
      key: tier.key,
      name: tier.name,
      color: tier.color,
      threshold: tier.threshold,
      earnMultiplierPercent: tier.earnMultiplierPercent,
      perks: tier.perks,
    };
  const redeemed = new Map(redeemedCounts.map((row) => [row.rewardId, row.n]));

  return {
    member: {
      id: member.id,
      name: member.name,
      memberNumber: member.memberNumber,
      balance: member.pointsBalance,
      lifetimePoints: member.lifetimePoints,
    },
    program: {
      slug: context.program.slug,
      name: context.program.name,
      currency: context.program.currency,
      brandColor: context.program.brandColor,
      basis: context.version.settings.tierQualification.basis,
    },
    tier: {
      current: toTier(progress.current),
      next: toTier(progress.next),
      qualifyingValue: value,
      remaining: progress.remaining,
      percent: progress.percent,
    },
    tiers: context.tiers.filter((tier) => !tier.priceMinor).map((tier) => toTier(tier)!),
    rewards: rewardRows
      .map((row) => localizeContent(row, locale, context.program.defaultLocale))
      .map((reward) => ({
        id: reward.id,
        name: reward.name,
        description: reward.description,
        kind: reward.kind,
        costPoints: reward.costPoints,
        stock: reward.stock,
        lock: rewardLock({
          reward,
          tiers: context.tiers,
          memberTierKey: member.tierKey,
          balance: member.pointsBalance,
          redeemedCount: redeemed.get(reward.id) ?? 0,
          now,
        }),
      })),
    vouchers: voucherRows.map((voucher) => ({
      ...voucher,
      expiresAt: voucher.expiresAt.toISOString(),
      lastValidDate: lastLocalDateBefore(voucher.expiresAt, context.program.timeZone),
    })),
    activity: entryRows.map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      points: entry.points,
      balanceAfter: entry.balanceAfter,
      createdAt: entry.createdAt.toISOString(),
      explanation: entry.explanation.map(({ label, points }) => ({ label, points })),
    })),
  };
}

import { and, eq, gte, inArray, lt, ne } from "drizzle-orm";
import type { Db } from "@/db";
import { members, purchases, rewards, segments, type PurchaseLine } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { computePurchasePoints, purchaseFacts, type EarningRule } from "@/lib/rules/compute-purchase-points";
import { programReaches } from "@/lib/rollout/rollout";
import { segmentCondition } from "@/lib/segments/segment-condition";
import { loadProgramContext, type ProgramContext } from "./program-context";

export const backtestDays = { min: 7, max: 365, default: 90 } as const;
const topMembersShown = 20;
const tierMovesListed = 100;

/** One version's side of a back-test: what it would have issued over the period. */
export type VersionOutcome = {
  versionNumber: number;
  pointsIssued: number;
  /** pointsIssued at the version's point value, in minor units of the program's currency. */
  costMinor: number;
};

export type TierMove = {
  memberId: string;
  memberNumber: string;
  name: string | null;
  fromTier: string | null;
  toTier: string | null;
  /** The tiers' names under their versions, for display. */
  fromTierName: string | null;
  toTierName: string | null;
};

export type BacktestReport = {
  days: number;
  from: Date;
  until: Date;
  purchases: number;
  members: number;
  currency: string;
  published: VersionOutcome;
  draft: VersionOutcome;
  /** Draft minus published: the change in points members would hold, valued at the draft's rate. */
  liabilityChangeMinor: number;
  tierMoves: { up: number; down: number; members: TierMove[] };
  /** Rewards members could not afford but would under the draft, with how many members. */
  newlyAffordable: { rewardId: string; name: string; costPoints: number; members: number }[];
  /** The members whose balance would change most (by size), biggest first. */
  biggestChanges: { memberId: string; memberNumber: string; name: string | null; published: number; draft: number }[];
};

/** What the back-test needs of a sale. */
export type HistoricSale = {
  memberId: string;
  amountMinor: number;
  paidWithPointsMinor: number;
  lines: PurchaseLine[];
  storeId: string | null;
  occurredAt: Date;
};

export type HistoricMember = {
  id: string;
  memberNumber: string;
  name: string | null;
  email: string | null;
  enrolledAtStoreId: string | null;
  tierKey: string | null;
  pointsBalance: number;
};

/**
 * The program's draft run over the real purchases of the last `days` days beside the published
 * version: the same earning code that writes the ledger (computePurchasePoints), fed each sale
 * as it was recorded, writing nothing. Each sale is priced with the member's tier of today in
 * both versions (a tier's multiplier by key); tier moves compare the tier each version would
 * give for the period's qualifying activity.
 */
export async function backtestDraft(
  db: Db,
  input: { merchantId: string; programId: string; days: number; now: Date },
): Promise<BacktestReport> {
  if (!Number.isInteger(input.days) || input.days < backtestDays.min || input.days > backtestDays.max) {
    throw new AppError("invalid_input", `Back-test between ${backtestDays.min} and ${backtestDays.max} days`, {
      field: "days",
      validation: "invalid",
    });
  }
  const where = { merchantId: input.merchantId, programId: input.programId };
  const [published, draft] = await Promise.all([
    loadProgramContext(db, { ...where, status: "published" }),
    loadProgramContext(db, { ...where, status: "draft" }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") {
        throw new AppError("no_draft", "Open a draft to back-test it against the published version");
      }
      throw error;
    }),
  ]);
  const from = new Date(input.now.getTime() - input.days * 86_400_000);
  const sales = await db
    .select({
      memberId: purchases.memberId,
      amountMinor: purchases.amountMinor,
      paidWithPointsMinor: purchases.paidWithPointsMinor,
      lines: purchases.lines,
      storeId: purchases.storeId,
      occurredAt: purchases.occurredAt,
    })
    .from(purchases)
    .where(
      and(
        eq(purchases.merchantId, input.merchantId),
        eq(purchases.programId, input.programId),
        ne(purchases.status, "refunded"),
        gte(purchases.occurredAt, from),
        lt(purchases.occurredAt, input.now),
      ),
    );
  const buyers = await db
    .select({
      id: members.id,
      memberNumber: members.memberNumber,
      name: members.name,
      email: members.email,
      enrolledAtStoreId: members.enrolledAtStoreId,
      tierKey: members.tierKey,
      pointsBalance: members.pointsBalance,
    })
    .from(members)
    .where(
      and(
        eq(members.merchantId, input.merchantId),
        eq(members.programId, input.programId),
        inArray(
          members.id,
          db
            .selectDistinct({ id: purchases.memberId })
            .from(purchases)
            .where(
              and(
                eq(purchases.merchantId, input.merchantId),
                eq(purchases.programId, input.programId),
                gte(purchases.occurredAt, from),
              ),
            ),
        ),
      ),
    );
  const segmentMembers = await loadSegmentMembers(db, {
    merchantId: input.merchantId,
    timeZone: published.program.timeZone,
    now: input.now,
    rules: [...published.rules, ...draft.rules],
  });
  const activeRewards = await db
    .select({ id: rewards.id, name: rewards.name, costPoints: rewards.costPoints })
    .from(rewards)
    .where(
      and(
        eq(rewards.merchantId, input.merchantId),
        eq(rewards.programId, input.programId),
        eq(rewards.status, "active"),
      ),
    );
  return {
    days: input.days,
    from,
    until: input.now,
    ...compareVersions({ published, draft, sales, members: buyers, segmentMembers, rewards: activeRewards }),
  };
}

/**
 * The pure comparison: every sale priced by both versions, totals per member, tier under each,
 * rewards newly in reach. Kept apart from the loading so the bench and the tests can time and
 * check it alone.
 */
export function compareVersions(input: {
  published: ProgramContext;
  draft: ProgramContext;
  sales: HistoricSale[];
  members: HistoricMember[];
  /** Segment id -> ids of its members today, for the segments the rules name. */
  segmentMembers: Map<string, Set<string>>;
  rewards: { id: string; name: string; costPoints: number }[];
}): Omit<BacktestReport, "days" | "from" | "until"> {
  const { published, draft } = input;
  const membersById = new Map(input.members.map((member) => [member.id, member]));
  const perMember = new Map<string, { published: number; draft: number; spend: number; visits: number }>();
  const segmentsOf = (memberId: string) =>
    [...input.segmentMembers].filter(([, ids]) => ids.has(memberId)).map(([segmentId]) => segmentId);
  const memberSegmentIds = new Map<string, string[]>();
  const timeZone = published.program.timeZone;

  // As recordPurchase prices a sale: nothing for a member outside the program's pilot, and
  // each rule only for the members its own pilot reaches.
  const pointsUnder = (context: ProgramContext, sale: HistoricSale, member: HistoricMember, segmentIds: string[]) =>
    programReaches(context.program, member)
      ? computePurchasePoints({
          settings: context.version.settings,
          rules: context.rules,
          tier: context.tiers.find((tier) => tier.key === member.tierKey) ?? null,
          purchase: purchaseFacts(sale, timeZone),
          memberSegmentIds: segmentIds,
          memberId: member.id,
        }).points
      : 0;

  for (const sale of input.sales) {
    const member = membersById.get(sale.memberId);
    if (!member) continue;
    let segmentIds = memberSegmentIds.get(member.id);
    if (!segmentIds) memberSegmentIds.set(member.id, (segmentIds = segmentsOf(member.id)));
    const totals = perMember.get(member.id) ?? { published: 0, draft: 0, spend: 0, visits: 0 };
    totals.published += pointsUnder(published, sale, member, segmentIds);
    totals.draft += pointsUnder(draft, sale, member, segmentIds);
    totals.spend += sale.amountMinor;
    totals.visits += 1;
    perMember.set(member.id, totals);
  }

  let publishedPoints = 0;
  let draftPoints = 0;
  const moves: TierMove[] = [];
  let up = 0;
  let down = 0;
  const affordable = new Map<string, number>();
  const changes: BacktestReport["biggestChanges"] = [];
  for (const [memberId, totals] of perMember) {
    const member = membersById.get(memberId)!;
    publishedPoints += totals.published;
    draftPoints += totals.draft;
    const fromTier = tierFor(published, totals, "published");
    const toTier = tierFor(draft, totals, "draft");
    const fromRank = rankOf(published, fromTier);
    const toRank = rankOf(draft, toTier);
    if (fromRank !== toRank) {
      if (toRank > fromRank) up++;
      else down++;
      moves.push({
        memberId,
        memberNumber: member.memberNumber,
        name: member.name,
        fromTier,
        toTier,
        fromTierName: nameOf(published, fromTier),
        toTierName: nameOf(draft, toTier),
      });
    }
    const balanceNow = member.pointsBalance;
    const balanceUnderDraft = balanceNow - totals.published + totals.draft;
    for (const reward of input.rewards) {
      if (reward.costPoints > balanceNow && reward.costPoints <= balanceUnderDraft) {
        affordable.set(reward.id, (affordable.get(reward.id) ?? 0) + 1);
      }
    }
    if (totals.draft !== totals.published) {
      changes.push({
        memberId,
        memberNumber: member.memberNumber,
        name: member.name,
        published: totals.published,
        draft: totals.draft,
      });
    }
  }
  const size = (change: { published: number; draft: number }) => Math.abs(change.draft - change.published);
  changes.sort((a, b) => size(b) - size(a) || a.memberNumber.localeCompare(b.memberNumber));
  moves.sort((a, b) => a.memberNumber.localeCompare(b.memberNumber));

  const draftValue = draft.version.settings.pointValueMinor;
  return {
    purchases: input.sales.length,
    members: perMember.size,
    currency: published.program.currency,
    published: outcome(published, publishedPoints),
    draft: outcome(draft, draftPoints),
    liabilityChangeMinor: (draftPoints - publishedPoints) * draftValue,
    tierMoves: { up, down, members: moves.slice(0, tierMovesListed) },
    newlyAffordable: input.rewards
      .filter((reward) => affordable.has(reward.id))
      .map((reward) => ({
        rewardId: reward.id,
        name: reward.name,
        costPoints: reward.costPoints,
        members: affordable.get(reward.id)!,
      }))
      .sort((a, b) => a.costPoints - b.costPoints),
    biggestChanges: changes.slice(0, topMembersShown),
  };
}

function outcome(context: ProgramContext, points: number): VersionOutcome {
  return {
    versionNumber: context.version.number,
    pointsIssued: points,
    costMinor: points * context.version.settings.pointValueMinor,
  };
}

/** The highest earned tier the period's qualifying activity reaches under a version. */
function tierFor(
  context: ProgramContext,
  totals: { published: number; draft: number; spend: number; visits: number },
  side: "published" | "draft",
): string | null {
  const basis = context.version.settings.tierQualification.basis;
  const value = basis === "points" ? totals[side] : basis === "spend" ? totals.spend : totals.visits;
  let reached: string | null = null;
  for (const tier of context.tiers) {
    if (tier.priceMinor === null && tier.threshold <= value) reached = tier.key;
  }
  return reached;
}

function nameOf(context: ProgramContext, tierKey: string | null): string | null {
  return context.tiers.find((tier) => tier.key === tierKey)?.name ?? null;
}

function rankOf(context: ProgramContext, tierKey: string | null): number {
  return tierKey === null ? -1 : (context.tiers.find((tier) => tier.key === tierKey)?.rank ?? -1);
}

/** Today's members of each segment an earning rule names, one query per segment. */
async function loadSegmentMembers(
  db: Db,
  input: { merchantId: string; timeZone: string; now: Date; rules: EarningRule[] },
): Promise<Map<string, Set<string>>> {
  const segmentIds = [...new Set(input.rules.flatMap((rule) => rule.conditions.segmentId ?? []))];
  const result = new Map<string, Set<string>>();
  if (segmentIds.length === 0) return result;
  const named = await db
    .select({ id: segments.id, programId: segments.programId, rules: segments.rules })
    .from(segments)
    .where(and(eq(segments.merchantId, input.merchantId), inArray(segments.id, segmentIds)));
  for (const segment of named) {
    const rows = await db
      .select({ id: members.id })
      .from(members)
      .where(
        and(
          eq(members.programId, segment.programId),
          eq(members.status, "active"),
          segmentCondition(segment.rules, { merchantId: input.merchantId, now: input.now, timeZone: input.timeZone }),
        ),
      );
    result.set(segment.id, new Set(rows.map((row) => row.id)));
  }
  return result;
}

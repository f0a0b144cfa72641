import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import type { ProgramContext } from "@/lib/programs/program-context";
import { listPublishedVersions } from "@/lib/programs/published-versions";
import { memberQualifications, members, tiers, type ProgramSettings } from "@/db/schema";
import { localMonthStart, monthsBefore } from "@/lib/time-zone";
import { tierForQualifyingValue } from "./next-tier-progress";
import { paidTierKeysCovering } from "./paid-tier-coverage";
import { lifetimeWindowStart, qualificationWindowStart } from "./record-qualification";

type TierRow = typeof tiers.$inferSelect;
type ReviewPeriod = ReturnType<typeof reviewPeriod>;
/** A member's qualifying totals: in the window the review before last judged, the one that ended, the one running. */
type WindowTotals = { previous: number; ended: number; current: number };

export type TierReviewResult = {
  /** Members whose tier was checked against the period that just ended. */
  reviewed: number;
  downgraded: number;
};

/**
 * The qualification period that ended most recently before `now`, the one running now, and
 * the one the review before the last one judged (a year, or for a rolling window one month,
 * further back). A `lifetime` window never ends: every one of its windows is the whole history.
 */
export function reviewPeriod(settings: ProgramSettings, now: Date, timeZone: string) {
  const thisMonth = localMonthStart(now, timeZone);
  const { window, months } = settings.tierQualification;
  if (window === "lifetime") {
    const always = { start: lifetimeWindowStart, end: "9999-12-01" };
    return {
      previousStart: always.start,
      previousEnd: always.end,
      endedStart: always.start,
      endedEnd: always.end,
      currentStart: always.start,
    };
  }
  const currentStart = qualificationWindowStart(settings, now, timeZone);
  const endedStart =
    window === "calendar_year" ? `${Number(thisMonth.slice(0, 4)) - 1}-01-01` : monthsBefore(thisMonth, months);
  const endedEnd = window === "calendar_year" ? currentStart : thisMonth;
  const reviewStep = window === "calendar_year" ? 12 : 1;
  return {
    previousStart: monthsBefore(endedStart, reviewStep),
    previousEnd: monthsBefore(endedEnd, reviewStep),
    endedStart,
    endedEnd,
    currentStart,
  };
}

/**
 * The period-end tier review, the downgrade half of the tier policy (upgrades happen the moment
 * a threshold is crossed, never here). A calendar-year window ends at local midnight on
 * January 1; a rolling window of N months moves on at every local month start. A member whose
 * earned tier is above what both the window that just ended and the window running now
 * support moves down one tier per review (Platinum with a Silver year is Gold next year and
 * Silver the year after, unless they qualify again), but never below a paid tier a running
 * subscription covers. Paid tiers and tiers the published version no longer has are left alone.
 *
 * Each member is reviewed once per period: `members.tier_reviewed_period` records the start
 * of the last period applied, and batches lock members `FOR UPDATE SKIP LOCKED`, so several
 * instances can run it at once. A missed period is not replayed: the next run reviews the
 * period that ended last. `merchantId` narrows the review to one merchant. A program whose
 * window is `lifetime` is never reviewed: a cumulative total never falls, so neither does its tier.
 */
export async function reviewTiers(
  db: Db,
  input: { now: Date; batchSize?: number; merchantId?: string },
): Promise<TierReviewResult> {
  const batchSize = input.batchSize ?? 100;
  const result: TierReviewResult = { reviewed: 0, downgraded: 0 };
  for (const program of await programsWithTiers(db, input.merchantId)) {
    if (program.settings.tierQualification.window === "lifetime") continue;
    const period = reviewPeriod(program.settings, input.now, program.timeZone);
    const earnable = program.tiers.filter((tier) => tier.priceMinor === null);
    if (earnable.length === 0) continue;
    for (;;) {
      const batch = await db.transaction((tx) =>
        reviewBatch(tx, { program, earnable, period, now: input.now, batchSize }),
      );
      result.reviewed += batch.reviewed;
      result.downgraded += batch.downgraded;
      // SKIP LOCKED applies before LIMIT, so a short batch means nothing unlocked is left.
      if (batch.reviewed < batchSize) break;
    }
  }
  return result;
}

/**
 * The review's rule: a member keeps the tier they hold while the window that ended or the one
 * running supports it, and otherwise moves one earned tier down. `earnable` is sorted by rank.
 */
function tierAfterReview(
  earnable: TierRow[],
  held: TierRow | null,
  totals: Omit<WindowTotals, "previous">,
): TierRow | null {
  if (!held || rankOf(supportedTier(earnable, totals)) >= held.rank) return held;
  return earnable.findLast((tier) => tier.rank < held.rank) ?? null;
}

/**
 * The earned tier of a member coming off a paid one, with the period whose review it includes.
 * The earned tier underneath a paid one is not stored, so it is rebuilt from the windows by the
 * review's rule: what the window the review before last judged earned, put through the last
 * review, or what the windows support now if that is higher. (A member still stepping down
 * from an older period can land a step lower than the review would have left them.)
 */
export async function earnedTierAfterPaidTier(
  tx: Tx,
  input: { merchantId: string; memberId: string; context: ProgramContext; now: Date },
): Promise<{ tier: TierRow | null; reviewedPeriod: string }> {
  const { settings } = input.context.version;
  const period = reviewPeriod(settings, input.now, input.context.program.timeZone);
  const earnable = input.context.tiers.filter((tier) => tier.priceMinor === null);
  const totals = await windowTotals(tx, {
    merchantId: input.merchantId,
    basis: settings.tierQualification.basis,
    period,
    memberIds: [input.memberId],
  });
  const memberTotals = totals.get(input.memberId) ?? noTotals;
  const heldBeforeLastReview = tierForQualifyingValue(earnable, memberTotals.previous);
  const tier = higherTier(
    tierAfterReview(earnable, heldBeforeLastReview, memberTotals),
    supportedTier(earnable, memberTotals),
  );
  return { tier, reviewedPeriod: period.endedStart };
}

async function reviewBatch(
  tx: Tx,
  input: {
    program: Awaited<ReturnType<typeof programsWithTiers>>[number];
    earnable: TierRow[];
    period: ReviewPeriod;
    now: Date;
    batchSize: number;
  },
): Promise<TierReviewResult> {
  const { program, earnable, period } = input;
  const scope = and(eq(members.merchantId, program.merchantId), eq(members.programId, program.id));
  const due = await tx
    .select({ id: members.id, tierKey: members.tierKey })
    .from(members)
    .where(
      and(
        scope,
        inArray(
          members.tierKey,
          earnable.map((tier) => tier.key),
        ),
        or(isNull(members.tierReviewedPeriod), lt(members.tierReviewedPeriod, period.endedStart)),
      ),
    )
    .orderBy(asc(members.id))
    .limit(input.batchSize)
    .for("update", { skipLocked: true });
  if (due.length === 0) return { reviewed: 0, downgraded: 0 };

  const memberIds = due.map((member) => member.id);
  const totals = await windowTotals(tx, {
    merchantId: program.merchantId,
    basis: program.settings.tierQualification.basis,
    period,
    memberIds,
  });
  const paidTierKeys = await paidTierKeysCovering(tx, {
    merchantId: program.merchantId,
    memberIds,
    tiers: program.tiers,
    now: input.now,
  });

  let downgraded = 0;
  for (const member of due) {
    const held = earnable.find((tier) => tier.key === member.tierKey)!;
    const earned = tierAfterReview(earnable, held, totals.get(member.id) ?? noTotals);
    // A paid tier is a floor while its subscription runs; the sweep for lapsed periods rebuilds
    // the earned tier from the windows when it ends.
    const paid = program.tiers.find((tier) => tier.key === paidTierKeys.get(member.id)) ?? null;
    const target = higherTier(earned, paid);
    if (rankOf(target) >= held.rank) continue;
    await tx
      .update(members)
      .set({ tierKey: target?.key ?? null, tierSince: input.now })
      .where(and(scope, eq(members.id, member.id)));
    downgraded += 1;
  }
  await tx
    .update(members)
    .set({ tierReviewedPeriod: period.endedStart })
    .where(and(scope, inArray(members.id, memberIds)));
  return { reviewed: due.length, downgraded };
}

const noTotals: WindowTotals = { previous: 0, ended: 0, current: 0 };

/** Each member's qualifying points, spend or visits in the review's windows. */
async function windowTotals(
  tx: Tx,
  input: {
    merchantId: string;
    basis: ProgramSettings["tierQualification"]["basis"];
    period: ReviewPeriod;
    memberIds: string[];
  },
): Promise<Map<string, WindowTotals>> {
  const { period } = input;
  const column = {
    points: memberQualifications.points,
    spend: memberQualifications.spendMinor,
    visits: memberQualifications.visits,
  }[input.basis];
  const { periodStart } = memberQualifications;
  const rows = await tx
    .select({
      memberId: memberQualifications.memberId,
      previous: sql<number>`coalesce(sum(${column}) filter (where ${periodStart} >= ${period.previousStart} and ${periodStart} < ${period.previousEnd}), 0)::int8`,
      ended: sql<number>`coalesce(sum(${column}) filter (where ${periodStart} >= ${period.endedStart} and ${periodStart} < ${period.endedEnd}), 0)::int8`,
      current: sql<number>`coalesce(sum(${column}) filter (where ${periodStart} >= ${period.currentStart}), 0)::int8`,
    })
    .from(memberQualifications)
    .where(
      and(
        eq(memberQualifications.merchantId, input.merchantId),
        inArray(memberQualifications.memberId, input.memberIds),
      ),
    )
    .groupBy(memberQualifications.memberId);
  return new Map(rows.map(({ memberId, ...totals }) => [memberId, totals]));
}

/** The higher of the tiers the window that ended and the one running earn. */
function supportedTier(earnable: TierRow[], totals: Omit<WindowTotals, "previous">): TierRow | null {
  return higherTier(tierForQualifyingValue(earnable, totals.ended), tierForQualifyingValue(earnable, totals.current));
}

function higherTier(a: TierRow | null, b: TierRow | null): TierRow | null {
  return rankOf(b) > rankOf(a) ? b : a;
}

function rankOf(tier: TierRow | null): number {
  return tier?.rank ?? -Infinity;
}

async function programsWithTiers(db: Db, merchantId: string | undefined) {
  const rows = await listPublishedVersions(db, { merchantId });
  if (rows.length === 0) return [];
  const tierRows = await db
    .select()
    .from(tiers)
    .where(
      inArray(
        tiers.programVersionId,
        rows.map((row) => row.versionId),
      ),
    )
    .orderBy(asc(tiers.rank));
  return rows
    .map((row) => ({ ...row, tiers: tierRows.filter((tier) => tier.programVersionId === row.versionId) }))
    .filter((row) => row.tiers.length > 0);
}

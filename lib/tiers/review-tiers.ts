import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { listPublishedVersions } from "@/lib/programs/published-versions";
import { memberQualifications, members, tiers, type ProgramSettings } from "@/db/schema";
import { localMonthStart, monthsBefore } from "@/lib/time-zone";
import { tierForQualifyingValue } from "./next-tier-progress";
import { qualificationWindowStart } from "./record-qualification";

type TierRow = typeof tiers.$inferSelect;

export type TierReviewResult = {
  /** Members whose tier was checked against the period that just ended. */
  reviewed: number;
  downgraded: number;
};

/** The qualification period that ended most recently before `now`, and the one running now. */
export function reviewPeriod(settings: ProgramSettings, now: Date, timeZone: string) {
  const thisMonth = localMonthStart(now, timeZone);
  const { window, months } = settings.tierQualification;
  const currentStart = qualificationWindowStart(settings, now, timeZone);
  if (window === "calendar_year") {
    const year = Number(thisMonth.slice(0, 4));
    return { endedStart: `${year - 1}-01-01`, endedEnd: currentStart, currentStart };
  }
  return { endedStart: monthsBefore(thisMonth, months), endedEnd: thisMonth, currentStart };
}

/**
 * The period-end tier review, the downgrade half of the tier policy (upgrades happen the moment
 * a threshold is crossed, never here). A calendar-year window ends at local midnight on
 * January 1; a rolling window of N months moves on at every local month start. A member whose
 * earned tier is above what both the window that just ended and the window running now
 * support moves down one tier per review (Platinum with a Silver year is Gold next year and
 * Silver the year after, unless they qualify again). Paid tiers and tiers the published
 * version no longer has are left alone.
 *
 * Each member is reviewed once per period: `members.tier_reviewed_period` records the start
 * of the last period applied, and batches lock members `FOR UPDATE SKIP LOCKED`, so several
 * instances can run it at once. A missed period is not replayed: the next run reviews the
 * period that ended last. `merchantId` narrows the review to one merchant.
 */
export async function reviewTiers(
  db: Db,
  input: { now: Date; batchSize?: number; merchantId?: string },
): Promise<TierReviewResult> {
  const batchSize = input.batchSize ?? 100;
  const result: TierReviewResult = { reviewed: 0, downgraded: 0 };
  for (const program of await programsWithTiers(db, input.merchantId)) {
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

async function reviewBatch(
  tx: Db,
  input: {
    program: Awaited<ReturnType<typeof programsWithTiers>>[number];
    earnable: TierRow[];
    period: ReturnType<typeof reviewPeriod>;
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

  const column = {
    points: memberQualifications.points,
    spend: memberQualifications.spendMinor,
    visits: memberQualifications.visits,
  }[program.settings.tierQualification.basis];
  const { periodStart } = memberQualifications;
  const values = await tx
    .select({
      memberId: memberQualifications.memberId,
      ended: sql<number>`coalesce(sum(${column}) filter (where ${periodStart} >= ${period.endedStart} and ${periodStart} < ${period.endedEnd}), 0)::int`,
      current: sql<number>`coalesce(sum(${column}) filter (where ${periodStart} >= ${period.currentStart}), 0)::int`,
    })
    .from(memberQualifications)
    .where(
      and(
        eq(memberQualifications.merchantId, program.merchantId),
        inArray(
          memberQualifications.memberId,
          due.map((member) => member.id),
        ),
      ),
    )
    .groupBy(memberQualifications.memberId);
  const valueOf = new Map(values.map((row) => [row.memberId, row]));

  let downgraded = 0;
  for (const member of due) {
    const held = earnable.find((tier) => tier.key === member.tierKey)!;
    const value = valueOf.get(member.id) ?? { ended: 0, current: 0 };
    const supported = Math.max(
      tierForQualifyingValue(earnable, value.ended)?.rank ?? -Infinity,
      tierForQualifyingValue(earnable, value.current)?.rank ?? -Infinity,
    );
    if (supported >= held.rank) continue;
    const oneDown = earnable.findLast((tier) => tier.rank < held.rank) ?? null;
    await tx
      .update(members)
      .set({ tierKey: oneDown?.key ?? null, tierSince: input.now })
      .where(and(scope, eq(members.id, member.id)));
    downgraded += 1;
  }
  await tx
    .update(members)
    .set({ tierReviewedPeriod: period.endedStart })
    .where(
      and(
        scope,
        inArray(
          members.id,
          due.map((member) => member.id),
        ),
      ),
    );
  return { reviewed: due.length, downgraded };
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

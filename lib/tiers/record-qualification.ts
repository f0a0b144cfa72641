import { and, eq, gte, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { namedRows } from "@/db/rows";
import { memberQualifications, members, type ProgramSettings } from "@/db/schema";
import { localMonthStart, monthsBefore } from "@/lib/time-zone";
import type { ProgramContext } from "@/lib/programs/program-context";
import { tierForQualifyingValue } from "./next-tier-progress";

type Contribution = { points: number; spendMinor: number; visits: number };
type QualificationInput = { merchantId: string; memberId: string; at: Date; timeZone: string } & Contribution;

/** Adds to the member's qualifying totals for the month the activity happened in. */
export async function recordQualification(tx: Tx, input: QualificationInput) {
  await addToMonth(tx, input);
}

/**
 * `recordQualification` for a caller about to check for an upgrade: the same statement also
 * adds up the member's qualifying value in the window that contains `now`, this activity
 * included, so the hot paths pay one round trip for both.
 */
export async function recordQualificationInWindow(
  tx: Tx,
  input: QualificationInput & { context: ProgramContext; now: Date },
): Promise<number> {
  const windowStart = qualificationWindowStart(
    input.context.version.settings,
    input.now,
    input.context.program.timeZone,
  );
  const periodStart = localMonthStart(input.at, input.timeZone);
  // Plain SQL: an upsert in a CTE with the sum beside it, one round trip (the builder has no CTE upsert).
  const [totals] = await namedRows<{ total: number }>(
    tx,
    sql`
    WITH added AS (
      INSERT INTO member_qualifications (merchant_id, member_id, period_start, points, spend_minor, visits)
      VALUES (${input.merchantId}, ${input.memberId}, ${periodStart}, ${input.points}, ${input.spendMinor}, ${input.visits})
      ON CONFLICT (member_id, period_start) DO UPDATE SET
        points = member_qualifications.points + excluded.points,
        spend_minor = member_qualifications.spend_minor + excluded.spend_minor,
        visits = member_qualifications.visits + excluded.visits
    )
    SELECT coalesce(sum(${sql.raw(basisColumnName[input.context.version.settings.tierQualification.basis])}), 0)::int8 AS total
    FROM member_qualifications
    WHERE member_id = ${input.memberId} AND period_start >= ${windowStart}`,
  );
  // Every statement of a WITH sees one snapshot, so the sum is of the totals before the insert;
  // the activity is added here when its month falls inside the window.
  const before = totals?.total ?? 0;
  return before + (periodStart >= windowStart ? contributionTo(input.context, input) : 0);
}

const basisColumnName = { points: "points", spend: "spend_minor", visits: "visits" } as const;

function addToMonth(tx: Tx, input: QualificationInput) {
  return tx
    .insert(memberQualifications)
    .values({
      merchantId: input.merchantId,
      memberId: input.memberId,
      periodStart: localMonthStart(input.at, input.timeZone),
      points: input.points,
      spendMinor: input.spendMinor,
      visits: input.visits,
    })
    .onConflictDoUpdate({
      target: [memberQualifications.memberId, memberQualifications.periodStart],
      set: {
        points: sql`${memberQualifications.points} + ${input.points}`,
        spendMinor: sql`${memberQualifications.spendMinor} + ${input.spendMinor}`,
        visits: sql`${memberQualifications.visits} + ${input.visits}`,
      },
    });
}

function basisColumn(context: ProgramContext) {
  return {
    points: memberQualifications.points,
    spend: memberQualifications.spendMinor,
    visits: memberQualifications.visits,
  }[context.version.settings.tierQualification.basis];
}

function contributionTo(context: ProgramContext, contribution: Contribution): number {
  return {
    points: contribution.points,
    spend: contribution.spendMinor,
    visits: contribution.visits,
  }[context.version.settings.tierQualification.basis];
}

/** Where a `lifetime` window starts: before any month a member can have activity in. */
export const lifetimeWindowStart = "1900-01-01";

/**
 * First month (YYYY-MM-01) of the qualification window that contains `now`; a `lifetime`
 * window holds every month, so its qualifying value is the member's cumulative total.
 */
export function qualificationWindowStart(settings: ProgramSettings, now: Date, timeZone: string): string {
  const { window, months } = settings.tierQualification;
  if (window === "lifetime") return lifetimeWindowStart;
  const thisMonth = localMonthStart(now, timeZone);
  return window === "calendar_year" ? `${thisMonth.slice(0, 4)}-01-01` : monthsBefore(thisMonth, months - 1);
}

/** The member's qualifying points, spend or visits within the program's window. */
export async function qualifyingValue(db: Db, memberId: string, context: ProgramContext, now: Date): Promise<number> {
  const settings = context.version.settings;
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${basisColumn(context)}), 0)::int8` })
    .from(memberQualifications)
    .where(
      and(
        eq(memberQualifications.memberId, memberId),
        gte(memberQualifications.periodStart, qualificationWindowStart(settings, now, context.program.timeZone)),
      ),
    );
  return row?.total ?? 0;
}

/**
 * Moves the member up the moment their qualifying total crosses a higher tier's threshold.
 * Downgrades wait for the end of the period (the tier sweep), never mid-period.
 */
export async function upgradeTierIfQualified(
  tx: Tx,
  input: {
    memberId: string;
    currentTierKey: string | null;
    context: ProgramContext;
    now: Date;
    /** The qualifying value in the window, when the caller has it (`recordQualificationInWindow`). */
    qualifyingValue?: number;
  },
): Promise<string | null> {
  const earnable = input.context.tiers.filter((tier) => !tier.priceMinor);
  const held = earnable.find((tier) => tier.key === input.currentTierKey);
  // Already at the top of the ladder: nothing to move up to, so no need to add up the window.
  if (held && held.rank === Math.max(...earnable.map((tier) => tier.rank))) return input.currentTierKey;
  const value = input.qualifyingValue ?? (await qualifyingValue(tx, input.memberId, input.context, input.now));
  const reached = tierForQualifyingValue(input.context.tiers, value);
  const currentRank = input.context.tiers.find((tier) => tier.key === input.currentTierKey)?.rank ?? -Infinity;
  if (!reached || reached.rank <= currentRank) return input.currentTierKey;
  await tx.update(members).set({ tierKey: reached.key, tierSince: input.now }).where(eq(members.id, input.memberId));
  return reached.key;
}

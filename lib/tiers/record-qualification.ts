import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { memberQualifications, members, type ProgramSettings } from "@/db/schema";
import { localMonthStart, monthsBefore } from "@/lib/time-zone";
import type { ProgramContext } from "@/lib/programs/program-context";
import { tierForQualifyingValue } from "./next-tier-progress";

type Contribution = { points: number; spendMinor: number; visits: number };

/** Adds to the member's qualifying totals for the month the activity happened in. */
export async function recordQualification(
  tx: Db,
  input: { merchantId: string; memberId: string; at: Date; timeZone: string } & Contribution,
) {
  await tx
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

/** First month (YYYY-MM-01) of the qualification window that contains `now`. */
export function qualificationWindowStart(settings: ProgramSettings, now: Date, timeZone: string): string {
  const thisMonth = localMonthStart(now, timeZone);
  const { window, months } = settings.tierQualification;
  return window === "calendar_year" ? `${thisMonth.slice(0, 4)}-01-01` : monthsBefore(thisMonth, months - 1);
}

/** The member's qualifying points, spend or visits within the program's window. */
export async function qualifyingValue(db: Db, memberId: string, context: ProgramContext, now: Date): Promise<number> {
  const settings = context.version.settings;
  const column = {
    points: memberQualifications.points,
    spend: memberQualifications.spendMinor,
    visits: memberQualifications.visits,
  }[settings.tierQualification.basis];
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${column}), 0)::int` })
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
  tx: Db,
  input: { memberId: string; currentTierKey: string | null; context: ProgramContext; now: Date },
): Promise<string | null> {
  const earnable = input.context.tiers.filter((tier) => !tier.priceMinor);
  const held = earnable.find((tier) => tier.key === input.currentTierKey);
  // Already at the top of the ladder: nothing to move up to, so no need to add up the window.
  if (held && held.rank === Math.max(...earnable.map((tier) => tier.rank))) return input.currentTierKey;
  const value = await qualifyingValue(tx, input.memberId, input.context, input.now);
  const reached = tierForQualifyingValue(input.context.tiers, value);
  const currentRank = input.context.tiers.find((tier) => tier.key === input.currentTierKey)?.rank ?? -Infinity;
  if (!reached || reached.rank <= currentRank) return input.currentTierKey;
  await tx.update(members).set({ tierKey: reached.key, tierSince: input.now }).where(eq(members.id, input.memberId));
  return reached.key;
}

import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { members, pointLots, programVersions, programs } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { addCalendarDays, addDays, localDate } from "@/lib/time-zone";
import { expiryAfterMonths } from "./expiry";

export type ExpiringPoints = {
  /** The instant the points lapse: the local midnight after `lastValidDate`. */
  expiresAt: Date;
  /** The last day the points can be spent, in the program's time zone (YYYY-MM-DD). */
  lastValidDate: string;
  points: number;
};

export type ExpiringSoon = { total: number; dates: ExpiringPoints[] };

/**
 * The member's points that lapse within `withinDays` of `now`, grouped by date, soonest first.
 * Under "N months without activity" the whole balance lapses at the inactivity deadline
 * (lots stamped with an earlier date from an earlier policy keep that date). Points already
 * due that the sweep has not reached yet are included: they are still in the balance.
 */
export async function expiringSoon(
  db: Db,
  input: { memberId: string; merchantId: string; now: Date; withinDays?: number },
): Promise<ExpiringSoon> {
  const [member] = await db
    .select({
      lastActivityAt: members.lastActivityAt,
      joinedAt: members.joinedAt,
      timeZone: programs.timeZone,
      settings: programVersions.settings,
    })
    .from(members)
    .innerJoin(programs, eq(programs.id, members.programId))
    .leftJoin(programVersions, and(eq(programVersions.programId, programs.id), eq(programVersions.status, "published")))
    .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)))
    .limit(1);
  if (!member) throw new AppError("not_found", "Member not found");

  const lots = await db
    .select({ expiresAt: pointLots.expiresAt, points: sql<number>`sum(${pointLots.remaining})::int8` })
    .from(pointLots)
    .where(
      and(
        eq(pointLots.memberId, input.memberId),
        eq(pointLots.merchantId, input.merchantId),
        gt(pointLots.remaining, 0),
      ),
    )
    .groupBy(pointLots.expiresAt)
    .orderBy(asc(pointLots.expiresAt));

  const expiry = member.settings?.expiry;
  const inactivityDeadline =
    expiry?.policy === "after_inactivity"
      ? expiryAfterMonths(member.lastActivityAt ?? member.joinedAt, expiry.months, member.timeZone)
      : null;
  const horizon = addDays(input.now, input.withinDays ?? 30).getTime();

  const byInstant = new Map<number, number>();
  for (const lot of lots) {
    const candidates = [lot.expiresAt, inactivityDeadline].filter((date): date is Date => date !== null);
    if (candidates.length === 0) continue;
    const lapses = Math.min(...candidates.map((date) => date.getTime()));
    if (lapses > horizon) continue;
    byInstant.set(lapses, (byInstant.get(lapses) ?? 0) + lot.points);
  }
  const dates = [...byInstant.entries()]
    .sort(([a], [b]) => a - b)
    .map(([instant, points]) => ({
      expiresAt: new Date(instant),
      lastValidDate: addCalendarDays(localDate(new Date(instant), member.timeZone), -1),
      points,
    }));
  return { total: dates.reduce((sum, date) => sum + date.points, 0), dates };
}

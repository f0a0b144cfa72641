import type { ProgramSettings } from "@/db/schema";
import { addCalendarDays, addCalendarMonths, localDate, startOfLocalDay } from "@/lib/time-zone";

/**
 * When something that happened at `from` lapses `months` later, counted in whole calendar
 * days of the program's time zone: it stays valid through the end of the local date
 * `months` after the local date of `from`, and lapses at the local midnight that ends it.
 * A day missing from the shorter month is held to its last day (Jan 31 + 1 month is valid
 * through Feb 28, or 29 in a leap year; Feb 29 + 12 months through Feb 28).
 */
export function expiryAfterMonths(from: Date, months: number, timeZone: string): Date {
  const lastValidDay = addCalendarMonths(localDate(from, timeZone), months);
  return startOfLocalDay(addCalendarDays(lastValidDay, 1), timeZone);
}

/**
 * When points earned at `earnedAt` expire under the program's policy; null when the policy is
 * not "after earning". Pass the program's time zone: UTC is only the fallback for old callers.
 */
export function pointsExpiryDate(settings: ProgramSettings, earnedAt: Date, timeZone = "UTC"): Date | null {
  if (settings.expiry.policy !== "after_earning") return null;
  return expiryAfterMonths(earnedAt, settings.expiry.months, timeZone);
}

/**
 * For "after N months without activity": a member whose last activity is before the returned
 * instant has lapsed at `now`, exactly when `expiryAfterMonths(lastActivity, months) <= now`.
 * One boundary per program and sweep, so the sweep can select lapsed members in SQL.
 */
export function inactivityCutoff(now: Date, months: number, timeZone: string): Date {
  // The last day whose activity has lapsed is the latest L with L + months <= yesterday.
  const yesterday = addCalendarDays(localDate(now, timeZone), -1);
  let latestLapsed = addCalendarMonths(yesterday, -months);
  // Clamping at month ends maps several days onto one (Jan 29-31 + 1 month all end on Feb 28).
  while (addCalendarMonths(addCalendarDays(latestLapsed, 1), months) <= yesterday) {
    latestLapsed = addCalendarDays(latestLapsed, 1);
  }
  return startOfLocalDay(addCalendarDays(latestLapsed, 1), timeZone);
}

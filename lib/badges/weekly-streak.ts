import { localDate } from "@/lib/time-zone";

/**
 * The ISO week (Monday to Sunday) an instant falls in, in a time zone, as a running number:
 * consecutive weeks differ by one across year ends and 53-week years alike, and DST never
 * moves an instant into the wrong week because the count is taken on the local calendar date.
 */
export function localWeekNumber(instant: Date, timeZone: string): number {
  const [year, month, day] = localDate(instant, timeZone).split("-").map(Number) as [number, number, number];
  const daysSinceEpoch = Date.UTC(year, month - 1, day) / 86_400_000;
  // 1970-01-01 was a Thursday, so its Monday is three days earlier.
  return Math.floor((daysSinceEpoch + 3) / 7);
}

export type WeeklyStreak = { longest: number; current: number };

/**
 * The longest run of consecutive weeks with activity, and the run still alive at `currentWeek`:
 * one ending this week, or last week (this week is not over yet), else none.
 */
export function weeklyStreak(activeWeeks: Iterable<number>, currentWeek: number): WeeklyStreak {
  const weeks = [...new Set(activeWeeks)].filter((week) => week <= currentWeek).sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  let previous = Number.NaN;
  for (const week of weeks) {
    run = week === previous + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = week;
  }
  const last = weeks.at(-1);
  const current = last !== undefined && last >= currentWeek - 1 ? run : 0;
  return { longest, current };
}

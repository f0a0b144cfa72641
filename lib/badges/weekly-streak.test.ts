import { describe, expect, it } from "vitest";
import { localWeekNumber, weeklyStreak } from "./weekly-streak";

const week = (iso: string, timeZone = "Europe/Riga") => localWeekNumber(new Date(iso), timeZone);

describe("localWeekNumber", () => {
  it("runs Monday to Sunday in the time zone, not in UTC", () => {
    // Sunday 23:30 and Monday 00:30 in Riga, on the night DST ended (UTC+3 -> UTC+2).
    expect(week("2025-10-26T21:30:00Z")).toBe(week("2025-10-20T12:00:00Z"));
    expect(week("2025-10-26T22:30:00Z")).toBe(week("2025-10-20T12:00:00Z") + 1);
    expect(week("2025-10-26T22:30:00Z", "UTC")).toBe(week("2025-10-20T12:00:00Z", "UTC"));
  });

  it("counts on across a year end and a 53-week ISO year", () => {
    const w52 = week("2026-12-27T12:00:00Z"); // Sunday of 2026-W52
    expect(week("2026-12-28T00:30:00+02:00")).toBe(w52 + 1); // Monday of 2026-W53
    expect(week("2027-01-03T23:59:00+02:00")).toBe(w52 + 1); // Sunday of 2026-W53
    expect(week("2027-01-04T00:00:00+02:00")).toBe(w52 + 2); // Monday of 2027-W01
  });
});

describe("weeklyStreak", () => {
  it("finds the longest run and the run still alive this week or last", () => {
    expect(weeklyStreak([1, 2, 3, 7, 8], 8)).toEqual({ longest: 3, current: 2 });
    expect(weeklyStreak([1, 2, 3, 7, 8], 9)).toEqual({ longest: 3, current: 2 });
    expect(weeklyStreak([1, 2, 3, 7, 8], 10)).toEqual({ longest: 3, current: 0 });
    expect(weeklyStreak([5, 5, 6, 6], 6)).toEqual({ longest: 2, current: 2 });
    expect(weeklyStreak([], 6)).toEqual({ longest: 0, current: 0 });
  });

  it("ignores weeks after the current one", () => {
    expect(weeklyStreak([4, 5, 6, 7], 5)).toEqual({ longest: 2, current: 2 });
  });
});

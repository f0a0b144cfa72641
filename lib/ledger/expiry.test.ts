import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultSettings } from "@/lib/testing/factories";
import { addCalendarMonths, startOfLocalDay } from "@/lib/time-zone";
import { expiryAfterMonths, inactivityCutoff, pointsExpiryDate } from "./expiry";

const afterMonths = (months: number) => ({ ...defaultSettings, expiry: { policy: "after_earning" as const, months } });
const expiry = (earnedAt: string, months: number, timeZone: string) =>
  pointsExpiryDate(afterMonths(months), new Date(earnedAt), timeZone)?.toISOString();

describe("pointsExpiryDate", () => {
  it("keeps points through the same local date N months later and lapses at the local midnight after it", () => {
    // 14:00 in Riga (UTC+2) on 10 Jan: valid through 10 Feb, gone at 00:00 on 11 Feb Riga time.
    expect(expiry("2026-01-10T12:00:00Z", 1, "Europe/Riga")).toBe("2026-02-10T22:00:00.000Z");
    expect(expiry("2026-01-10T12:00:00Z", 1, "UTC")).toBe("2026-02-11T00:00:00.000Z");
  });

  it("counts from the local date, not the UTC one, just after local midnight", () => {
    // 00:30 on 29 Jan in Riga is still 28 Jan in UTC.
    expect(expiry("2026-01-28T22:30:00Z", 2, "Europe/Riga")).toBe("2026-03-29T21:00:00.000Z");
    expect(expiry("2026-01-28T21:59:59Z", 2, "Europe/Riga")).toBe("2026-03-28T22:00:00.000Z");
  });

  it("lapses at the real local midnight across the spring DST change in Riga (29 March 2026 has 23 hours)", () => {
    // Valid through 28 March: lapses at 00:00 EET (UTC+2) on the change day.
    expect(expiry("2026-01-28T10:00:00Z", 2, "Europe/Riga")).toBe("2026-03-28T22:00:00.000Z");
    // Valid through the change day: lapses at 00:00 EEST (UTC+3) on 30 March.
    expect(expiry("2026-01-29T10:00:00Z", 2, "Europe/Riga")).toBe("2026-03-29T21:00:00.000Z");
  });

  it("lapses at the real local midnight across the autumn DST change in Riga (25 October 2026 has 25 hours)", () => {
    expect(expiry("2026-08-24T10:00:00Z", 2, "Europe/Riga")).toBe("2026-10-24T21:00:00.000Z");
    expect(expiry("2026-08-25T10:00:00Z", 2, "Europe/Riga")).toBe("2026-10-25T22:00:00.000Z");
  });

  it("follows New York's DST changes in March and November", () => {
    // Valid through 7 March (EST) or through 8 March, the day the clocks go forward to EDT.
    expect(expiry("2026-02-07T17:00:00Z", 1, "America/New_York")).toBe("2026-03-08T05:00:00.000Z");
    expect(expiry("2025-12-08T17:00:00Z", 3, "America/New_York")).toBe("2026-03-09T04:00:00.000Z");
    expect(expiry("2026-09-30T17:00:00Z", 1, "America/New_York")).toBe("2026-10-31T04:00:00.000Z");
    // Valid through 31 October (EDT) or through 1 November, the day the clocks go back to EST.
    expect(expiry("2026-08-31T17:00:00Z", 2, "America/New_York")).toBe("2026-11-01T04:00:00.000Z");
    expect(expiry("2026-10-01T17:00:00Z", 1, "America/New_York")).toBe("2026-11-02T05:00:00.000Z");
    expect(expiry("2026-09-01T17:00:00Z", 2, "America/New_York")).toBe("2026-11-02T05:00:00.000Z");
  });

  it("crosses the year end in the program's time zone", () => {
    // 23:30 on 31 Dec in New York is already 1 Jan in UTC.
    expect(expiry("2027-01-01T04:30:00Z", 12, "America/New_York")).toBe("2028-01-01T05:00:00.000Z");
    // 00:30 on 1 Jan in Riga is still 31 Dec in UTC.
    expect(expiry("2026-12-31T22:30:00Z", 1, "Europe/Riga")).toBe("2027-02-01T22:00:00.000Z");
    expect(expiry("2026-12-15T10:00:00Z", 1, "Europe/Riga")).toBe("2027-01-15T22:00:00.000Z");
  });

  it("holds 31 January + 1 month to the end of February, 28 or 29 days", () => {
    expect(expiry("2026-01-31T10:00:00Z", 1, "Europe/Riga")).toBe("2026-02-28T22:00:00.000Z");
    expect(expiry("2028-01-31T10:00:00Z", 1, "Europe/Riga")).toBe("2028-02-29T22:00:00.000Z");
    expect(expiry("2026-03-31T10:00:00Z", 1, "Europe/Riga")).toBe("2026-04-30T21:00:00.000Z");
  });

  it("keeps points earned on 29 February through 28 February a year later, and 29 February four years later", () => {
    expect(expiry("2028-02-29T10:00:00Z", 12, "Europe/Riga")).toBe("2029-02-28T22:00:00.000Z");
    expect(expiry("2028-02-28T10:00:00Z", 12, "Europe/Riga")).toBe("2029-02-28T22:00:00.000Z");
    expect(expiry("2028-02-29T10:00:00Z", 48, "Europe/Riga")).toBe("2032-02-29T22:00:00.000Z");
  });

  it("gives no date unless the policy is after earning, and falls back to UTC for old callers", () => {
    const earnedAt = new Date("2026-05-05T12:00:00Z");
    expect(pointsExpiryDate(defaultSettings, earnedAt, "Europe/Riga")).toBeNull();
    expect(
      pointsExpiryDate(
        { ...defaultSettings, expiry: { policy: "after_inactivity", months: 6 } },
        earnedAt,
        "Europe/Riga",
      ),
    ).toBeNull();
    expect(pointsExpiryDate(afterMonths(6), earnedAt)?.toISOString()).toBe("2026-11-06T00:00:00.000Z");
  });
});

describe("startOfLocalDay", () => {
  it("is the first instant that exists when a DST change skips midnight", () => {
    // Chile moves 00:00 to 01:00 on 6 September 2026; Beirut on 29 March 2026.
    expect(startOfLocalDay("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
    expect(startOfLocalDay("2026-09-05", "America/Santiago").toISOString()).toBe("2026-09-05T04:00:00.000Z");
    expect(startOfLocalDay("2026-03-29", "Asia/Beirut").toISOString()).toBe("2026-03-28T22:00:00.000Z");
  });

  it("is the first midnight when a DST change repeats the last hour of the day before", () => {
    // Beirut moves 00:00 back to 23:00 on 25 October 2026: the day begins once, at 00:00 UTC+2.
    expect(startOfLocalDay("2026-10-25", "Asia/Beirut").toISOString()).toBe("2026-10-24T22:00:00.000Z");
  });
});

describe("addCalendarMonths", () => {
  it("moves back and forth by calendar months, held to the last day of shorter months", () => {
    expect(addCalendarMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addCalendarMonths("2026-01-15", -13)).toBe("2024-12-15");
    expect(addCalendarMonths("2026-12-31", 2)).toBe("2027-02-28");
    expect(addCalendarMonths("2026-06-30", 0)).toBe("2026-06-30");
  });
});

describe("inactivityCutoff", () => {
  it("puts the boundary at the start of the first day whose activity has not lapsed yet", () => {
    // On 30 March the last lapsed day is 28 February (valid through 28 March); 1 March is valid through 1 April.
    expect(inactivityCutoff(new Date("2026-03-30T12:00:00Z"), 1, "Europe/Riga").toISOString()).toBe(
      "2026-02-28T22:00:00.000Z",
    );
    // On 1 March 2026 everything through 31 January has lapsed (31 Jan + 1 month = 28 Feb).
    expect(inactivityCutoff(new Date("2026-03-01T12:00:00Z"), 1, "Europe/Riga").toISOString()).toBe(
      "2026-01-31T22:00:00.000Z",
    );
  });

  it("agrees with expiryAfterMonths for any activity and sweep time", () => {
    const zones = ["Europe/Riga", "America/New_York", "America/Santiago", "UTC", "Asia/Kathmandu"];
    const instant = fc.date({
      min: new Date("2023-01-01T00:00:00Z"),
      max: new Date("2030-12-31T00:00:00Z"),
      noInvalidDate: true,
    });
    // Half the sweep times fall within two days of the expiry, where month ends and DST bite.
    const nearExpiry = fc.integer({ min: -2 * 86_400, max: 2 * 86_400 });
    fc.assert(
      fc.property(
        instant,
        fc.option(nearExpiry),
        instant,
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom(...zones),
        (activity, offset, anyTime, months, zone) => {
          const expires = expiryAfterMonths(activity, months, zone);
          const now = offset === null ? anyTime : new Date(expires.getTime() + offset * 1000);
          expect(activity < inactivityCutoff(now, months, zone)).toBe(expires <= now);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

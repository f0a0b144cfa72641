/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    instant,
  );
}

/** The first day of the instant's month in the time zone, as YYYY-MM-01. */
export function localMonthStart(instant: Date, timeZone: string): string {
  return `${localDate(instant, timeZone).slice(0, 7)}-01`;
}

/** The first day of the month `months` before the given YYYY-MM-01 (0 = the same month). */
export function monthsBefore(monthStart: string, months: number): string {
  const [year, month] = monthStart.split("-").map(Number) as [number, number];
  const index = year * 12 + (month - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * 86_400_000);
}

const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The day of the week of an instant in a time zone: 0 = Sunday ... 6 = Saturday. */
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

export function localDayOfWeek(instant: Date, timeZone: string): number {
  let format = weekdayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short" });
    weekdayFormats.set(timeZone, format);
  }
  const weekday = format.format(instant);
  const day = weekdayIndex[weekday];
  if (day === undefined) throw new Error(`Unexpected weekday "${weekday}"`);
  return day;
}

/** Whether a year of the Gregorian calendar has a 29 February. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

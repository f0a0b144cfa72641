// Building an Intl.DateTimeFormat costs ~60 times more than using one: keep one per time zone.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
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

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    dateTimeFormats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock reading of an instant in a time zone. */
export function wallClock(instantMs: number, timeZone: string) {
  const part: Record<string, number> = {};
  for (const { type, value } of dateTimeFormat(timeZone).formatToParts(new Date(instantMs))) part[type] = Number(value);
  return {
    year: part.year!,
    month: part.month!,
    day: part.day!,
    hour: part.hour!,
    minute: part.minute!,
    second: part.second!,
    millisecond: ((instantMs % 1000) + 1000) % 1000,
  };
}

/** How far the time zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export function utcOffsetMs(instantMs: number, timeZone: string): number {
  const wall = wallClock(instantMs, timeZone);
  return (
    Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond) - instantMs
  );
}

/**
 * The first instant of a calendar date (YYYY-MM-DD) in a time zone: its local midnight, or,
 * where a DST change skips midnight, the first local time that exists that day.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const wallMidnight = Date.UTC(year, month - 1, day);
  // Two rounds settle the offset even when it changes between the first guess and midnight.
  let guess = wallMidnight - utcOffsetMs(wallMidnight, timeZone);
  guess = wallMidnight - utcOffsetMs(guess, timeZone);
  if (localDate(new Date(guess), timeZone) === date && localDate(new Date(guess - 1000), timeZone) < date) {
    return new Date(guess);
  }
  // Midnight fell into a DST gap (or overlap): the day starts at the first second whose local
  // date is `date`; offsets never move by more than a day, so search that span.
  let low = wallMidnight - 86_400_000 * 1.5;
  let high = wallMidnight + 86_400_000 * 1.5;
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (localDate(new Date(middle), timeZone) < date) low = middle;
    else high = middle;
  }
  return new Date(high);
}

/** A calendar date `days` later (or earlier, when negative), YYYY-MM-DD in and out. */
export function addCalendarDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The same day of the month `months` later (or earlier), held to the last day of a shorter
 * month: Jan 31 + 1 month is Feb 28 (29 in a leap year), Feb 29 + 12 months is Feb 28.
 */
export function addCalendarMonths(date: string, months: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/**
 * The first instant of the local date `days` after (before, when negative) the instant's own
 * local date in a time zone. Counting whole local dates, not 24-hour spans, keeps a boundary
 * at local midnight across a DST change, where a day lasts 23 or 25 hours.
 */
export function startOfLocalDayAfter(instant: Date, days: number, timeZone: string): Date {
  return startOfLocalDay(addCalendarDays(localDate(instant, timeZone), days), timeZone);
}

/** The last local date before an instant that ends a period (a voucher's or a lot's expiry). */
export function lastLocalDateBefore(instant: Date, timeZone: string): string {
  return localDate(new Date(instant.getTime() - 1), timeZone);
}

/**
 * A local date (YYYY-MM-DD) as the UTC midnight that starts it, for formatting a date that has no
 * time of day with `timeZone: "UTC"`, so no viewer's zone shifts it to the day before or after.
 */
export function calendarDateAsUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** The day of the week of an instant in a time zone: 0 = Sunday ... 6 = Saturday. */
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

/**
 * `months` calendar months after an instant, at the same local time of day in the time zone
 * (so a period bought at 10:00 ends at 10:00 across a DST change), held to the last day of a
 * shorter month: Jan 31 + 1 month is Feb 28 (29 in a leap year).
 */
export function addMonthsInZone(instant: Date, months: number, timeZone: string): Date {
  const wall = wallClock(instant.getTime(), timeZone);
  const index = wall.year * 12 + (wall.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const target = Date.UTC(
    year,
    month,
    Math.min(wall.day, lastDay),
    wall.hour,
    wall.minute,
    wall.second,
    wall.millisecond,
  );
  // Two rounds settle the offset when it differs between the first guess and the answer.
  let guess = target - utcOffsetMs(target, timeZone);
  guess = target - utcOffsetMs(guess, timeZone);
  return new Date(guess);
}

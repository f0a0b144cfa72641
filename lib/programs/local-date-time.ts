import { utcOffsetMs, wallClock } from "@/lib/time-zone";

// The builder's date-time fields are wall-clock times in the program's time zone
// ("2026-12-24T18:00", as <input type="datetime-local"> reads and writes them), whatever the
// zone of the browser or the server.

/** The instant a wall-clock time (YYYY-MM-DDTHH:mm) names in a time zone. */
export function instantFromLocal(local: string, timeZone: string): Date {
  const [date, time = "00:00"] = local.split("T") as [string, string?];
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute, second = 0] = time.split(":").map(Number) as [number, number, number?];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two rounds settle the offset even when it changes between the first guess and the time.
  let guess = wall - utcOffsetMs(wall, timeZone);
  guess = wall - utcOffsetMs(guess, timeZone);
  return new Date(guess);
}

/** An instant as the wall-clock time (YYYY-MM-DDTHH:mm) of a time zone, for a form's field. */
export function localFromInstant(instant: Date, timeZone: string): string {
  const wall = wallClock(instant.getTime(), timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${wall.year}-${two(wall.month)}-${two(wall.day)}T${two(wall.hour)}:${two(wall.minute)}`;
}

/** A nullable wall-clock time as an instant, for a window's optional end. */
export function optionalInstant(local: string | null, timeZone: string): Date | null {
  return local === null ? null : instantFromLocal(local, timeZone);
}

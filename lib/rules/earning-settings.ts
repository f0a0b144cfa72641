import type { ProgramSettings } from "@/db/schema";

/**
 * When birthday points are due: any day of the member's birthday month (the default, so a
 * member who visits late still gets them), or only on the day itself.
 */
export const birthdayModes = ["month", "day"] as const;
export type BirthdayMode = (typeof birthdayModes)[number];

/** How far back and ahead of now a sale's time may lie, within lib/limits.ts `saleTimeWindow`. */
export type SaleTimeWindow = { daysBack: number; minutesAhead: number };

/** Settings a version may carry beyond ProgramSettings; older versions simply lack them. */
export type EarningSettings = ProgramSettings & { birthdayMode?: BirthdayMode; saleTimeWindow?: SaleTimeWindow };

export function birthdayModeOf(settings: ProgramSettings): BirthdayMode {
  const mode = (settings as EarningSettings).birthdayMode;
  return mode === "day" ? "day" : "month";
}

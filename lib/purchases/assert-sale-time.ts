import type { ProgramSettings } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { saleTimeWindow } from "@/lib/limits";
import type { EarningSettings, SaleTimeWindow } from "@/lib/rules/earning-settings";

/** The version's own window when it states one, otherwise the defaults. */
export function saleTimeWindowOf(settings: ProgramSettings): SaleTimeWindow {
  return (
    (settings as EarningSettings).saleTimeWindow ?? {
      daysBack: saleTimeWindow.defaultDaysBack,
      minutesAhead: saleTimeWindow.defaultMinutesAhead,
    }
  );
}

/**
 * Refuses a sale time (a valid Date) outside the window around `now`: a sale dated far ahead would never
 * expire and would lift its member's tier in every period to come; one far back would rewrite
 * closed periods.
 */
export function assertSaleTime(input: { occurredAt: Date; now: Date; settings: ProgramSettings }) {
  const at = input.occurredAt.getTime();
  const window = saleTimeWindowOf(input.settings);
  const earliest = input.now.getTime() - window.daysBack * 86_400_000;
  const latest = input.now.getTime() + window.minutesAhead * 60_000;
  if (at < earliest) {
    throw new AppError("invalid_input", `A sale may be recorded up to ${window.daysBack} days after it happened`, {
      field: "occurredAt",
      validation: "saleTooOld",
    });
  }
  if (at > latest) {
    throw new AppError("invalid_input", `A sale's time may lie at most ${window.minutesAhead} minutes ahead of now`, {
      field: "occurredAt",
      validation: "saleInFuture",
    });
  }
}

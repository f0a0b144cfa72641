import "server-only";
import { getLocale } from "next-intl/server";
import type { earningRules } from "@/db/schema";
import { minorUnitDigits } from "@/lib/money";
import { localDate } from "@/lib/time-zone";
import { ruleDescriber } from "./describe";
import type { RuleRow } from "./rule-editor";

/** Minor units as a person would type them in a field, in the page's language, without grouping. */
export async function amountWriter(currency: string) {
  const locale = await getLocale();
  const digits = minorUnitDigits(currency);
  const format = new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  });
  return (minor: number | null | undefined) =>
    minor === null || minor === undefined ? "" : format.format(minor / 10 ** digits);
}

/** Rules as the builder's list and forms show them. */
export async function ruleRows(
  rules: (typeof earningRules.$inferSelect)[],
  program: { currency: string; timeZone: string; pointsLabel: string },
  stores: { id: string; name: string }[],
): Promise<RuleRow[]> {
  const describe = await ruleDescriber(program);
  const amount = await amountWriter(program.currency);
  const storeNames = new Map(stores.map((store) => [store.id, store.name]));
  return rules
    .filter((rule) => rule.kind !== "gift")
    .map((rule) => ({
      gives: describe.gives(rule),
      where: describe.where(rule, storeNames),
      values: {
        key: rule.key,
        name: rule.name,
        kind: rule.kind as RuleRow["values"]["kind"],
        action: rule.action ?? "",
        points: rule.points === null ? "" : String(rule.points),
        multiplier: rule.multiplier === null ? "" : String(rule.multiplier / 100),
        storeIds: rule.conditions.storeIds ?? [],
        categories: (rule.conditions.categories ?? []).join(", "),
        excludedCategories: (rule.conditions.excludedCategories ?? []).join(", "),
        minimumSpend: amount(rule.conditions.minimumSpendMinor),
        days: rule.conditions.daysOfWeek ?? [],
        segmentId: rule.conditions.segmentId ?? "",
        startsOn: rule.startsAt ? localDate(rule.startsAt, program.timeZone) : "",
        endsOn: rule.endsAt ? localDate(new Date(rule.endsAt.getTime() - 1), program.timeZone) : "",
        rolloutPercent: String(rule.rolloutPercent),
        position: String(rule.position),
      },
    }));
}

export async function weekdayNames() {
  const locale = await getLocale();
  const format = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  // 2023-01-01 was a Sunday: day 0, as the rules count them.
  return Array.from({ length: 7 }, (_, day) => format.format(new Date(Date.UTC(2023, 0, 1 + day))));
}

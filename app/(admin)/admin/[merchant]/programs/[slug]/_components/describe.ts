import "server-only";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { earningRules } from "@/db/schema";
import { formatMoney } from "@/lib/money";
import { localDate } from "@/lib/time-zone";

type Rule = typeof earningRules.$inferSelect;

/** Words for what a rule gives and where it applies, as the builder and its preview show them. */
export async function ruleDescriber(program: { currency: string; timeZone: string; pointsLabel: string }) {
  const t = await getTranslations("adminPrograms.describe");
  const locale = await getLocale();
  const format = await getFormatter();
  const money = (minor: number) => formatMoney(minor, program.currency, locale);
  const weekday = (day: number) =>
    // 2023-01-01 was a Sunday (day 0).
    new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2023, 0, 1 + day)));
  const day = (instant: Date) => localDate(instant, program.timeZone);
  /** "1 point", "20 points"; a label of the merchant's own ("stars") is shown as written. */
  const points = (count: number) =>
    program.pointsLabel === "points" ? t("points", { count }) : `${format.number(count)} ${program.pointsLabel}`;

  function gives(rule: Rule): string {
    switch (rule.kind) {
      case "action":
        return t("givesAction", { points: points(rule.points ?? 0), action: t(`actions.${rule.action ?? "custom"}`) });
      case "multiplier":
        return t("givesMultiplier", { multiplier: format.number((rule.multiplier ?? 100) / 100) });
      case "campaign": {
        const parts = [];
        if (rule.multiplier !== null)
          parts.push(t("givesMultiplier", { multiplier: format.number(rule.multiplier / 100) }));
        if (rule.points !== null) parts.push(t("givesPoints", { points: points(rule.points) }));
        return parts.join(" + ");
      }
      case "spend":
        return t("givesBase");
      default:
        return "";
    }
  }

  function where(rule: Rule, storeNames: Map<string, string>): string[] {
    const c = rule.conditions;
    const lines: string[] = [];
    if (c.daysOfWeek?.length) lines.push(t("onDays", { days: c.daysOfWeek.map(weekday).join(", ") }));
    if (c.categories?.length) lines.push(t("inCategories", { categories: c.categories.join(", ") }));
    if (c.excludedCategories?.length) lines.push(t("excluding", { categories: c.excludedCategories.join(", ") }));
    if (c.minimumSpendMinor) lines.push(t("minimumSpend", { amount: money(c.minimumSpendMinor) }));
    if (c.storeIds?.length)
      lines.push(t("atStores", { stores: c.storeIds.map((id) => storeNames.get(id) ?? "?").join(", ") }));
    if (c.segmentId) lines.push(t("segment"));
    if (rule.startsAt && rule.endsAt)
      lines.push(t("between", { from: day(rule.startsAt), until: day(new Date(rule.endsAt.getTime() - 1)) }));
    else if (rule.startsAt) lines.push(t("from", { from: day(rule.startsAt) }));
    else if (rule.endsAt) lines.push(t("until", { until: day(new Date(rule.endsAt.getTime() - 1)) }));
    if (rule.rolloutPercent < 100) lines.push(t("rollout", { percent: rule.rolloutPercent }));
    return lines;
  }

  return { gives, where, money, day, points };
}

import type { ReactNode } from "react";
import type { VersionChange, DiffValue } from "@/lib/programs/diff-versions";
import type { VersionHistory } from "@/lib/programs/load-version-history";
import { minorUnitDigits } from "@/lib/money";

// Turns one structured change of lib/programs/diff-versions into a sentence of the catalog
// (adminPrograms.versions): "Earning rule “Weekend double”: multiplier 150% → 200%".

type Translate = {
  (key: string, values?: Record<string, string | number | Date>): string;
  rich: (key: string, values: Record<string, ReactNode | ((chunks: ReactNode) => ReactNode)>) => ReactNode;
  has: (key: string) => boolean;
};
type Format = {
  number: (value: number, options?: Intl.NumberFormatOptions) => string;
  dateTime: (value: Date, options?: Intl.DateTimeFormatOptions) => string;
  list: (value: Iterable<string>, options?: Intl.ListFormatOptions) => string;
};

export type DescribeContext = {
  t: Translate;
  format: Format;
  program: VersionHistory["program"];
  names: VersionHistory["names"];
  thresholdBasis: { from: "points" | "spend" | "visits"; to: "points" | "spend" | "visits" };
  /** The page's language, for language names. */
  locale: string;
};

type Side = "from" | "to";

// The value before struck through in red, the value after in green, as a diff view shows them.
const marks = {
  old: (chunks: ReactNode) => (
    <del className="rounded bg-destructive/10 [box-decoration-break:clone] px-1 text-destructive decoration-destructive/40">
      {chunks}
    </del>
  ),
  new: (chunks: ReactNode) => (
    <ins className="rounded bg-success/10 [box-decoration-break:clone] px-1 text-success no-underline">{chunks}</ins>
  ),
};

/** One changed field of an item, under the item's name: "multiplier 150% → 200%". */
export function describeFieldChange(change: Extract<VersionChange, { type: "changed" }>, ctx: DescribeContext) {
  return ctx.t.rich("sentence.setting", {
    field: itemLabel(change.field, ctx),
    before: formatValue(change.subject, change.field, change.before, "from", ctx),
    after: formatValue(change.subject, change.field, change.after, "to", ctx),
    ...marks,
  });
}

/** The sentence for one change, with the value before and after marked up for the diff view. */
export function describeChange(change: VersionChange, ctx: DescribeContext): ReactNode {
  const { t } = ctx;
  if (change.type === "added" || change.type === "removed") {
    const subject = t(`subject.${change.subject}`, { name: change.name });
    if (change.type === "removed") return t("sentence.removed", { subject });
    const details = Object.entries(change.details)
      .map(([field, value]) => detail(change.subject, field, value, ctx))
      .filter((text) => text !== "");
    return details.length > 0
      ? t("sentence.addedWith", { subject, details: details.join(", ") })
      : t("sentence.added", { subject });
  }
  const before = formatValue(change.subject, change.field, change.before, "from", ctx);
  const after = formatValue(change.subject, change.field, change.after, "to", ctx);
  if (change.subject === "settings") {
    return t.rich("sentence.setting", { field: settingLabel(change.field, ctx), before, after, ...marks });
  }
  return t.rich("sentence.item", {
    subject: t(`subject.${change.subject}`, { name: change.name }),
    field: itemLabel(change.field, ctx),
    before,
    after,
    ...marks,
  });
}

function settingLabel(field: string, { t }: DescribeContext): string {
  const key = `fields.settings.${field.replaceAll(".", "_")}`;
  return t.has(key) ? t(key) : t("fields.settings.other", { field });
}

function itemLabel(field: string, { t }: DescribeContext): string {
  const key = `fields.item.${field.replaceAll(".", "_")}`;
  return t.has(key) ? t(key) : t("fields.item.other", { field });
}

/** One fact of an added item: its kind alone, or "threshold 500 points". */
function detail(subject: VersionChange["subject"], field: string, value: DiffValue, ctx: DescribeContext): string {
  const text = formatValue(subject, field, value, "to", ctx);
  // Values that say what they are ("campaign", "25 points") need no label.
  if (["kind", "criterion", "action", "points", "prizePoints"].includes(field)) return text;
  return `${itemLabel(field, ctx)} ${text}`;
}

function money(minor: number, { format, program }: DescribeContext): string {
  return format.number(minor / 10 ** minorUnitDigits(program.currency), {
    style: "currency",
    currency: program.currency,
  });
}

function list(values: readonly string[], ctx: DescribeContext): string {
  return ctx.format.list(values, { type: "conjunction" });
}

const weekdays = (days: readonly number[], { format }: DescribeContext) =>
  // 4 January 2026 is a Sunday (day 0), so 4 + d is weekday d.
  days.map((day) => format.dateTime(new Date(Date.UTC(2026, 0, 4 + day, 12)), { weekday: "short", timeZone: "UTC" }));

/** A value of a field as the page writes it. */
export function formatValue(
  subject: VersionChange["subject"],
  field: string,
  value: DiffValue,
  side: Side,
  ctx: DescribeContext,
): string {
  const { t, format, names } = ctx;
  const v = t; // (short: most lines below are one call)
  const points = (count: number) => v("values.points", { count });
  if (subject === "settings") {
    switch (field) {
      case "earnRate": {
        const rate = value as { points: number; perMinor: number };
        return v("values.earnRate", { points: rate.points, amount: money(rate.perMinor, ctx) });
      }
      case "rounding":
        return v(`values.rounding.${String(value)}`);
      case "minimumSpendMinor":
      case "pointValueMinor":
        return money(Number(value), ctx);
      case "expiry": {
        const expiry = value as { policy: string; months?: number };
        return v(`values.expiry.${expiry.policy}`, { months: expiry.months ?? 0 });
      }
      case "referral.referrerPoints":
      case "referral.refereePoints":
        return points(Number(value));
      case "referral.maxPerMember":
        return Number(value) === 0 ? v("values.none") : format.number(Number(value));
      case "tierQualification": {
        const q = value as { basis: string; window: string; months?: number };
        return v(`values.window.${q.window}`, { basis: v(`values.basis.${q.basis}`), months: q.months ?? 0 });
      }
      case "birthdayMode":
        return v(`values.birthdayMode.${String(value)}`);
      case "saleTimeWindow": {
        if (value === null) return v("values.defaultWindow");
        const w = value as { daysBack: number; minutesAhead: number };
        return v("values.saleTimeWindow", { daysBack: w.daysBack, minutesAhead: w.minutesAhead });
      }
      case "certificates": {
        if (value === null) return v("values.off");
        const c = value as { everyPoints: number; rewardId: string };
        return v("values.certificates", {
          count: c.everyPoints,
          reward: names.rewards[c.rewardId] ?? v("values.unknown"),
        });
      }
      default:
        return value === null ? v("values.none") : typeof value === "object" ? JSON.stringify(value) : String(value);
    }
  }
  if (value === null) {
    const empty: Record<string, string> = {
      "conditions.storeIds": "values.everyStore",
      "conditions.categories": "values.allCategories",
      "conditions.daysOfWeek": "values.everyDay",
      "conditions.segmentId": "values.everyMember",
      startsAt: "values.noStart",
      endsAt: "values.noEnd",
      priceMinor: "values.notForSale",
    };
    return v(empty[field] ?? "values.none");
  }
  switch (field) {
    case "name":
    case "description":
      return `“${String(value)}”`;
    case "kind":
      return v(`values.kind.${String(value)}`);
    case "action":
      return v(`values.action.${String(value)}`);
    case "criterion":
      return v(`values.criterion.${String(value)}`);
    case "points":
    case "prizePoints":
      return points(Number(value));
    case "multiplier":
    case "earnMultiplierPercent":
    case "discountPercent":
      return v("values.percent", { value: format.number(Number(value)) });
    case "rolloutPercent":
      return v("values.share", { value: format.number(Number(value)) });
    case "giftRewardId":
      return names.rewards[String(value)] ?? v("values.unknown");
    case "conditions.storeIds":
      return list(
        (value as string[]).map((id) => names.stores[id] ?? v("values.unknown")),
        ctx,
      );
    case "conditions.segmentId":
      return names.segments[String(value)] ?? v("values.unknown");
    case "conditions.daysOfWeek":
      return list(weekdays(value as number[], ctx), ctx);
    case "conditions.minimumSpendMinor":
    case "priceMinor":
      return money(Number(value), ctx);
    case "startsAt":
    case "endsAt":
      return format.dateTime(new Date(String(value)), {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: ctx.program.timeZone,
      });
    case "threshold": {
      const basis = ctx.thresholdBasis[side];
      const amount = Number(value);
      if (basis === "spend") return money(amount, ctx);
      if (basis === "visits") return v("values.visits", { count: amount });
      return points(amount);
    }
    case "periodMonths":
      return v("values.months", { count: Number(value) });
    case "requiresOptIn":
      return v(value ? "values.yes" : "values.no");
    case "perks":
    case "conditions.categories":
    case "conditions.excludedCategories":
      return (value as string[]).length === 0 ? v("values.none") : list(value as string[], ctx);
    case "translations":
      return list(
        (value as string[]).map(
          (locale) => new Intl.DisplayNames([ctx.locale], { type: "language" }).of(locale) ?? locale,
        ),
        ctx,
      );
    default:
      return Array.isArray(value)
        ? list(value.map(String), ctx)
        : typeof value === "object"
          ? JSON.stringify(value)
          : typeof value === "number"
            ? format.number(value)
            : String(value);
  }
}

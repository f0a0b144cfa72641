import type { Translations } from "@/db/schema/columns";
import type { EarningSettings } from "@/lib/rules/earning-settings";
import type { VersionDefinitions } from "./version-definitions";

/**
 * What changed between two versions of a program, as data the version history renders as
 * sentences ("Earning rule "Weekend double": multiplier 150% → 200%"). Pure: it compares two
 * loaded versions (`loadVersionDefinitions`); `loadVersionDiff` in load-version-diff.ts loads them.
 *
 * Settings are compared field by field; earning rules, tiers, badges and challenges are matched
 * by their stable `key`, so a renamed rule is one rule with a new name, not one removed and one
 * added. Every value is plain JSON (dates as ISO strings, lists that are sets sorted, an empty
 * list or an absent condition as null), so the diff can go to the browser as it is.
 */
export type DiffSubject = "settings" | "rule" | "tier" | "badge" | "challenge";

export type DiffValue =
  string | number | boolean | null | readonly string[] | readonly number[] | { readonly [field: string]: DiffValue };

export type VersionChange =
  | {
      type: "added";
      subject: Exclude<DiffSubject, "settings">;
      key: string;
      name: string;
      /** The facts that say what was added: a tier's threshold, a rule's kind and amount... */
      details: Record<string, DiffValue>;
    }
  | { type: "removed"; subject: Exclude<DiffSubject, "settings">; key: string; name: string }
  | {
      type: "changed";
      subject: DiffSubject;
      /** The item's key; for settings, the field. */
      key: string;
      /** The item's name in the later version (for settings, the field). */
      name: string;
      /** A settings field, or an item's field (`conditions.storeIds` for a rule's condition). */
      field: string;
      before: DiffValue;
      after: DiffValue;
    };

type Side = Pick<VersionDefinitions, "rules" | "tiers" | "badges" | "challenges"> & {
  version: { settings: VersionDefinitions["version"]["settings"] };
};

/** Every change from `from` to `to`: settings first, then rules, tiers, badges and challenges. */
export function diffVersions(from: Side, to: Side): VersionChange[] {
  return [
    ...diffSettings(from.version.settings as EarningSettings, to.version.settings as EarningSettings),
    ...diffItems("rule", from.rules, to.rules, ruleFields, ruleDetails),
    ...diffItems("tier", from.tiers, to.tiers, tierFields, tierDetails),
    ...diffItems("badge", from.badges, to.badges, badgeFields, badgeDetails),
    ...diffItems("challenge", from.challenges, to.challenges, challengeFields, challengeDetails),
  ];
}

// ---- settings ----

/** The settings fields in the order the history lists them; any other key is compared as it is. */
export const settingsFields = [
  "earnRate",
  "rounding",
  "minimumSpendMinor",
  "pointValueMinor",
  "expiry",
  "referral.referrerPoints",
  "referral.refereePoints",
  "referral.maxPerMember",
  "tierQualification",
  "birthdayMode",
  "saleTimeWindow",
  "certificates",
] as const;

function settingValue(settings: EarningSettings, field: string): DiffValue {
  switch (field) {
    case "earnRate":
      return { points: settings.earnRate.points, perMinor: settings.earnRate.perMinor };
    case "expiry":
      // Months mean nothing when points never expire.
      return settings.expiry.policy === "never"
        ? { policy: "never" }
        : { policy: settings.expiry.policy, months: settings.expiry.months };
    case "tierQualification": {
      const { basis, window, months } = settings.tierQualification;
      return window === "rolling_months" ? { basis, window, months } : { basis, window };
    }
    case "birthdayMode":
      // Absent means the default, the whole birthday month.
      return settings.birthdayMode ?? "month";
    default: {
      const value = field
        .split(".")
        .reduce<unknown>((object, part) => (object as Record<string, unknown> | undefined)?.[part], settings);
      return toDiffValue(value);
    }
  }
}

function diffSettings(before: EarningSettings, after: EarningSettings): VersionChange[] {
  const known = new Set<string>(settingsFields.map((field) => field.split(".")[0]!));
  const extra = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !known.has(key)).sort();
  const changes: VersionChange[] = [];
  for (const field of [...settingsFields, ...extra]) {
    const [was, is] = [settingValue(before, field), settingValue(after, field)];
    if (!sameValue(was, is)) {
      changes.push({ type: "changed", subject: "settings", key: field, name: field, field, before: was, after: is });
    }
  }
  return changes;
}

// ---- rules, tiers, badges, challenges ----

type Item = { key: string; name: string };
type FieldReader<T> = readonly [field: string, read: (item: T) => DiffValue];

function diffItems<T extends Item>(
  subject: Exclude<DiffSubject, "settings">,
  before: readonly T[],
  after: readonly T[],
  fields: readonly FieldReader<T>[],
  details: (item: T) => Record<string, DiffValue>,
): VersionChange[] {
  const earlier = new Map(before.map((item) => [item.key, item]));
  const later = new Map(after.map((item) => [item.key, item]));
  const changes: VersionChange[] = [];
  // In the later version's order (then the removed ones, in the earlier order).
  for (const item of after) {
    const was = earlier.get(item.key);
    if (!was) {
      changes.push({ type: "added", subject, key: item.key, name: item.name, details: details(item) });
      continue;
    }
    for (const [field, read] of fields) {
      const [old, now] = [read(was), read(item)];
      if (!sameValue(old, now)) {
        changes.push({ type: "changed", subject, key: item.key, name: item.name, field, before: old, after: now });
      }
    }
  }
  for (const item of before) {
    if (!later.has(item.key)) changes.push({ type: "removed", subject, key: item.key, name: item.name });
  }
  return changes;
}

type RuleRow = VersionDefinitions["rules"][number];
type TierRow = VersionDefinitions["tiers"][number];
type BadgeRow = VersionDefinitions["badges"][number];
type ChallengeRow = VersionDefinitions["challenges"][number];

const ruleFields: FieldReader<RuleRow>[] = [
  ["name", (rule) => rule.name],
  ["kind", (rule) => rule.kind],
  ["action", (rule) => rule.action],
  ["points", (rule) => rule.points],
  ["multiplier", (rule) => rule.multiplier],
  ["giftRewardId", (rule) => rule.giftRewardId],
  ["conditions.storeIds", (rule) => set(rule.conditions.storeIds)],
  ["conditions.categories", (rule) => set(rule.conditions.categories)],
  ["conditions.excludedCategories", (rule) => set(rule.conditions.excludedCategories)],
  ["conditions.minimumSpendMinor", (rule) => rule.conditions.minimumSpendMinor || null],
  ["conditions.daysOfWeek", (rule) => numberSet(rule.conditions.daysOfWeek)],
  ["conditions.segmentId", (rule) => rule.conditions.segmentId ?? null],
  ["rolloutPercent", (rule) => rule.rolloutPercent],
  ["startsAt", (rule) => iso(rule.startsAt)],
  ["endsAt", (rule) => iso(rule.endsAt)],
  ["translations", (rule) => languages(rule.translations)],
];

const ruleDetails = (rule: RuleRow): Record<string, DiffValue> =>
  compact({
    kind: rule.kind,
    action: rule.action,
    points: rule.points,
    multiplier: rule.multiplier,
    rolloutPercent: rule.rolloutPercent === 100 ? null : rule.rolloutPercent,
  });

const tierFields: FieldReader<TierRow>[] = [
  ["name", (tier) => tier.name],
  ["rank", (tier) => tier.rank],
  ["threshold", (tier) => tier.threshold],
  ["earnMultiplierPercent", (tier) => tier.earnMultiplierPercent],
  ["discountPercent", (tier) => tier.discountPercent],
  ["perks", (tier) => [...tier.perks]],
  ["color", (tier) => tier.color],
  ["priceMinor", (tier) => tier.priceMinor],
  ["periodMonths", (tier) => tier.periodMonths],
  ["translations", (tier) => languages(tier.translations)],
];

const tierDetails = (tier: TierRow): Record<string, DiffValue> =>
  compact({
    threshold: tier.threshold,
    earnMultiplierPercent: tier.earnMultiplierPercent === 100 ? null : tier.earnMultiplierPercent,
    priceMinor: tier.priceMinor,
  });

const badgeFields: FieldReader<BadgeRow>[] = [
  ["name", (badge) => badge.name],
  ["description", (badge) => badge.description],
  ["icon", (badge) => badge.icon],
  ["criterion", (badge) => badge.criterion],
  ["target", (badge) => badge.target],
  ["translations", (badge) => languages(badge.translations)],
];

const badgeDetails = (badge: BadgeRow): Record<string, DiffValue> => ({
  criterion: badge.criterion,
  target: badge.target,
});

const challengeFields: FieldReader<ChallengeRow>[] = [
  ["name", (challenge) => challenge.name],
  ["description", (challenge) => challenge.description],
  ["criterion", (challenge) => challenge.criterion],
  ["target", (challenge) => challenge.target],
  ["startsAt", (challenge) => iso(challenge.startsAt)],
  ["endsAt", (challenge) => iso(challenge.endsAt)],
  ["prizePoints", (challenge) => challenge.prizePoints],
  ["prizeBadgeKey", (challenge) => challenge.prizeBadgeKey],
  ["requiresOptIn", (challenge) => challenge.requiresOptIn],
  ["translations", (challenge) => languages(challenge.translations)],
];

const challengeDetails = (challenge: ChallengeRow): Record<string, DiffValue> =>
  compact({
    criterion: challenge.criterion,
    target: challenge.target,
    startsAt: iso(challenge.startsAt),
    endsAt: iso(challenge.endsAt),
    prizePoints: challenge.prizePoints || null,
  });

// ---- values ----

function set(list: readonly string[] | undefined): DiffValue {
  return list && list.length > 0 ? [...new Set(list)].sort() : null;
}

function numberSet(list: readonly number[] | undefined): DiffValue {
  return list && list.length > 0 ? [...new Set(list)].sort((a, b) => a - b) : null;
}

function iso(date: Date | null): DiffValue {
  return date ? date.toISOString() : null;
}

/** The languages with any content written, e.g. ["lv", "tr"]: the history says which changed, not the texts. */
function languages(translations: Translations): DiffValue {
  const written = Object.entries(translations)
    .filter(([, content]) => content && Object.values(content).some((value) => value !== undefined && value !== ""))
    .map(([locale]) => locale);
  return written.length > 0 ? written.sort() : null;
}

function compact(values: Record<string, DiffValue>): Record<string, DiffValue> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
}

function toDiffValue(value: unknown): DiffValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((item) => toDiffValue(item)) as string[];
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, toDiffValue(item)]),
    );
  }
  return String(value);
}

/** Equal as JSON, whatever the order of an object's keys. */
export function sameValue(a: DiffValue, b: DiffValue): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: DiffValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item: DiffValue) => canonical(item)).join(",")}]`;
  const object = value as { readonly [field: string]: DiffValue };
  return `{${Object.keys(object)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(object[key]!)}`)
    .join(",")}}`;
}

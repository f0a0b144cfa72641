import { localDayOfWeek } from "@/lib/time-zone";
import type { EntryExplanation, ProgramSettings, PurchaseLine, RoundingMode, earningRules, tiers } from "@/db/schema";
import { ruleReaches } from "@/lib/rollout/rollout";

type TierRow = typeof tiers.$inferSelect;
export type EarningRule = typeof earningRules.$inferSelect;

/** numerator / denominator as an integer, rounded the way the program declares. */
export function roundRatio(numerator: number, denominator: number, mode: RoundingMode): number {
  switch (mode) {
    case "down":
      return Math.floor(numerator / denominator);
    case "up":
      return Math.ceil(numerator / denominator);
    case "nearest":
      // Half up (towards +infinity), in integers so 0.5 never turns into 0.4999... A negative
      // share (a tier earning under 100%) then rounds so that the total rounds as declared.
      return Math.floor((2 * numerator + denominator) / (2 * denominator));
  }
}

export type PurchasePoints = { points: number; explanation: EntryExplanation };

/** What the engine needs to know about a sale; the caller resolves the time zone. */
export type PurchaseFacts = {
  amountMinor: number;
  lines: PurchaseLine[];
  storeId: string | null;
  occurredAt: Date;
  /** 0 = Sunday ... 6 = Saturday, in the program's time zone. */
  localDayOfWeek: number;
  /** The part of the bill paid with points, which earns nothing. */
  paidWithPointsMinor?: number;
};

/** A recorded or incoming sale as the engine sees it: its local day in the program's time zone. */
export function purchaseFacts(sale: Omit<PurchaseFacts, "localDayOfWeek">, timeZone: string): PurchaseFacts {
  return { ...sale, localDayOfWeek: localDayOfWeek(sale.occurredAt, timeZone) };
}

export const baseRateLine = { ruleKey: "base_rate", label: "base rate" } as const;
export const belowMinimumLine = { ruleKey: "minimum_spend", label: "below minimum spend" } as const;

/**
 * Points a purchase earns, and why, line by line. Pure: the caller passes the version's rules,
 * the member's tier and segments, and the sale.
 *
 * Stacking order (every line a whole number; the total is the sum of the lines):
 * 1. Eligible amount: the sum of the purchase lines (line totals) that every applicable
 *    `spend` rule lets earn (its `excludedCategories` earn nothing, e.g. gift cards; its
 *    `categories`, when set, are the only ones that earn), capped at the part of the bill
 *    paid in money; that whole part when the sale has no lines. Nothing at all is earned
 *    when it is zero or below the minimum spend (the program's, or an applicable spend
 *    rule's when larger).
 * 2. Base points: the program's rate on the eligible amount, rounded once as declared.
 * 3. Multipliers, all computed on base points, never on each other (additive, no compounding):
 *    the tier's extra = round(base × (tier% − 100) / 100), then each applicable `multiplier` or
 *    `campaign` rule with a multiplier, in rule position order: extra = round(ruleBase ×
 *    (m − 100) / 100), where ruleBase is the base points, or, for a rule limited to some
 *    categories, the rate on just those lines, rounded once.
 * 4. Fixed bonuses last: each applicable `campaign` rule's `points`, once per purchase.
 *
 * A rule applies when the sale is inside its window (starts_at inclusive, ends_at exclusive),
 * on one of its days of the week (local), at one of its stores, by a member of its segment,
 * and when the amount it covers (the eligible amount, or the lines of its categories) is
 * above zero and reaches its own minimum spend. An empty list in a condition counts as
 * absent. `action` rules never apply to purchases. A rule piloted to a share of members
 * (`rolloutPercent` below 100) applies only to the members in it (lib/rollout), so a member
 * outside earns nothing from it and sees no line for it.
 */
export function computePurchasePoints(input: {
  settings: ProgramSettings;
  rules: EarningRule[];
  tier: TierRow | null;
  purchase: PurchaseFacts;
  memberSegmentIds: readonly string[];
  /** The member earning: decides which piloted rules reach them (staged rollout). */
  memberId: string;
}): PurchasePoints {
  const { settings, tier, purchase } = input;
  const applicable = [...input.rules]
    .filter(
      (rule) =>
        rule.kind !== "action" &&
        ruleReaches(rule, input.memberId) &&
        ruleApplies(rule, purchase, input.memberSegmentIds),
    )
    .sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
  const spendRules = applicable.filter((rule) => rule.kind === "spend");

  const eligibleLines = purchase.lines.filter((line) => spendRules.every((rule) => lineMatches(rule, line)));
  const paidInMoney = Math.max(0, purchase.amountMinor - (purchase.paidWithPointsMinor ?? 0));
  const eligible =
    purchase.lines.length === 0 && spendRules.every((rule) => !hasItems(rule.conditions.categories))
      ? paidInMoney
      : Math.min(paidInMoney, sumOf(eligibleLines));
  const minimum = Math.max(
    settings.minimumSpendMinor,
    ...spendRules.map((rule) => rule.conditions.minimumSpendMinor ?? 0),
  );
  if (eligible === 0) return { points: 0, explanation: [{ ...baseRateLine, points: 0 }] };
  if (eligible < minimum) return { points: 0, explanation: [{ ...belowMinimumLine, points: 0 }] };

  const rate = (amountMinor: number) =>
    roundRatio(amountMinor * settings.earnRate.points, settings.earnRate.perMinor, settings.rounding);
  const extra = (base: number, percent: number) => roundRatio(base * (percent - 100), 100, settings.rounding);
  const base = rate(eligible);
  const explanation: EntryExplanation = [{ ...baseRateLine, points: base }];

  if (tier && tier.earnMultiplierPercent !== 100) {
    explanation.push({
      ruleKey: `tier:${tier.key}`,
      label: tier.name,
      points: extra(base, tier.earnMultiplierPercent),
    });
  }
  const rulesWithAmount = applicable
    .filter((rule) => rule.kind === "multiplier" || rule.kind === "campaign")
    .map((rule) => ({ rule, amountMinor: ruleAmount(rule, eligible, eligibleLines) }))
    .filter(({ rule, amountMinor }) => amountMinor > 0 && amountMinor >= (rule.conditions.minimumSpendMinor ?? 0));
  for (const { rule, amountMinor } of rulesWithAmount) {
    if (rule.multiplier === null || rule.multiplier === 100) continue;
    const ruleBase = amountMinor === eligible ? base : rate(amountMinor);
    explanation.push({ ruleKey: `rule:${rule.key}`, label: rule.name, points: extra(ruleBase, rule.multiplier) });
  }
  for (const { rule } of rulesWithAmount) {
    if (rule.kind !== "campaign" || !rule.points) continue;
    explanation.push({ ruleKey: `rule:${rule.key}`, label: rule.name, points: rule.points });
  }

  const lines = explanation.filter((line, index) => index === 0 || line.points !== 0);
  const total = lines.reduce((sum, line) => sum + line.points, 0);
  return { points: Math.max(0, total), explanation: lines };
}

/**
 * The segments whose membership decides this sale's points: those named by a rule that applies
 * otherwise. The caller asks the database about these alone (usually none) and passes the
 * answer to computePurchasePoints, which stays pure.
 */
export function segmentsDecidingPoints(rules: EarningRule[], purchase: PurchaseFacts): string[] {
  const segmentIds = new Set<string>();
  for (const rule of rules) {
    const segmentId = rule.conditions.segmentId;
    if (rule.kind !== "action" && segmentId && ruleApplies(rule, purchase, [segmentId])) segmentIds.add(segmentId);
  }
  return [...segmentIds];
}

/** Whether a rule's when/where/who conditions hold for this sale (categories are per line). */
export function ruleApplies(
  rule: Pick<EarningRule, "conditions" | "startsAt" | "endsAt">,
  purchase: { occurredAt: Date; localDayOfWeek: number; storeId: string | null },
  memberSegmentIds: readonly string[],
): boolean {
  const { conditions } = rule;
  if (rule.startsAt && purchase.occurredAt < rule.startsAt) return false;
  if (rule.endsAt && purchase.occurredAt >= rule.endsAt) return false;
  if (hasItems(conditions.daysOfWeek) && !conditions.daysOfWeek.includes(purchase.localDayOfWeek)) return false;
  if (hasItems(conditions.storeIds) && !(purchase.storeId && conditions.storeIds.includes(purchase.storeId)))
    return false;
  if (conditions.segmentId && !memberSegmentIds.includes(conditions.segmentId)) return false;
  return true;
}

function lineMatches(rule: EarningRule, line: PurchaseLine): boolean {
  const { categories, excludedCategories } = rule.conditions;
  if (hasItems(excludedCategories) && line.category !== undefined && excludedCategories.includes(line.category))
    return false;
  if (hasItems(categories)) return line.category !== undefined && categories.includes(line.category);
  return true;
}

/** The part of the eligible amount a multiplier or campaign rule covers. */
function ruleAmount(rule: EarningRule, eligible: number, eligibleLines: PurchaseLine[]): number {
  const { categories, excludedCategories } = rule.conditions;
  if (!hasItems(categories) && !hasItems(excludedCategories)) return eligible;
  return Math.min(eligible, sumOf(eligibleLines.filter((line) => lineMatches(rule, line))));
}

function hasItems<T>(list: T[] | undefined): list is T[] {
  return list !== undefined && list.length > 0;
}

function sumOf(lines: { amountMinor: number }[]): number {
  return lines.reduce((total, line) => total + line.amountMinor, 0);
}

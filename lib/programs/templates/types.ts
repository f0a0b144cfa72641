import type { BadgeCriterion, RewardKind, programGoals } from "@/db/schema";
import type { EarningSettings } from "@/lib/rules/earning-settings";
import type { EarningRuleInput } from "@/lib/validation/rules";
import { minorUnitDigits } from "@/lib/money";

export type ProgramGoal = (typeof programGoals)[number];

/** What a template is built for: amounts scale with the currency's minor unit, windows start at `now`. */
export type TemplateContext = { currency: string; now: Date };

export type TemplateTier = {
  key: string;
  name: string;
  threshold: number;
  earnMultiplierPercent?: number;
  discountPercent?: number;
  perks?: string[];
  color?: string;
  /** A paid tier: bought for `priceMinor` every `periodMonths`, never earned. */
  priceMinor?: number;
  periodMonths?: number;
};

export type TemplateBadge = {
  key: string;
  name: string;
  description: string;
  icon: string;
  criterion: BadgeCriterion;
  target: number;
};

export type TemplateChallenge = {
  key: string;
  name: string;
  description: string;
  criterion: BadgeCriterion;
  target: number;
  startsAt: Date;
  endsAt: Date;
  prizePoints: number;
};

export type TemplateReward = {
  /** How the template's certificates and gift rules name this reward (it has no id yet). */
  key?: string;
  name: string;
  description: string;
  kind: RewardKind;
  costPoints: number;
  /** Minor units for a fixed discount, basis points for a percentage one. */
  value?: number;
  stock?: number;
  minTierKey?: string;
  perMemberLimit?: number;
  voucherValidDays?: number;
};

/** An earning rule; a gift rule names its reward by the reward's template `key`. */
export type TemplateRule = EarningRuleInput & { giftRewardKey?: string };

/** Members-only content (the club template), shown from `minTierKey` up. */
export type TemplateContent = { title: string; body: string; minTierKey?: string; url?: string };

/**
 * A complete program, as version 1 writes it. The content (rule, tier, reward names) is the
 * merchant's own from then on, in English until they translate it in the builder.
 */
export type TemplateProgram = {
  pointsLabel: string;
  description: string;
  settings: EarningSettings;
  /** Automatic certificates: every `everyPoints` points become a voucher for the reward `rewardKey`. */
  certificates?: { everyPoints: number; rewardKey: string };
  rules: TemplateRule[];
  tiers: TemplateTier[];
  badges: TemplateBadge[];
  challenges: TemplateChallenge[];
  rewards: TemplateReward[];
  content?: TemplateContent[];
};

/**
 * A starting point for a program. `key` names it in the catalog: its name, who it suits and
 * what the member gets are `adminOnboarding.templates.<key>.{name,suits,gets}`. To add one:
 * a file in this folder, an entry in `index.ts`, and those three catalog strings.
 */
export type ProgramTemplate = {
  key: string;
  /** The goal the template serves best; preselected at onboarding, the merchant may choose another. */
  goal: ProgramGoal;
  /** A lucide icon name, drawn by the onboarding cards. */
  icon: string;
  build: (context: TemplateContext) => TemplateProgram;
};

/** One major unit of the currency in minor units: 100 for EUR, 1 for JPY, 1000 for KWD. */
export function majorUnit(currency: string): number {
  return 10 ** minorUnitDigits(currency);
}

/** The settings every template starts from, each overriding what it needs. */
export function baseSettings(currency: string, overrides: Partial<EarningSettings> = {}): EarningSettings {
  return {
    earnRate: { points: 1, perMinor: majorUnit(currency) },
    rounding: "down",
    minimumSpendMinor: 0,
    pointValueMinor: 1,
    expiry: { policy: "after_inactivity", months: 12 },
    referral: { referrerPoints: 0, refereePoints: 0, maxPerMember: 0 },
    tierQualification: { basis: "points", window: "calendar_year", months: 12 },
    ...overrides,
  };
}

export const firstPurchaseBadge: TemplateBadge = {
  key: "first_purchase",
  name: "Welcome aboard",
  description: "Made your first purchase",
  icon: "sparkles",
  criterion: "first_purchase",
  target: 1,
};

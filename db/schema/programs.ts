import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAtColumn, rolloutColumns, translationsColumn } from "./columns";
import { merchantIdColumn } from "./merchants";

export const programGoals = [
  "retention",
  "share_of_wallet",
  "visit_frequency",
  "customer_insight",
  "profit_centre",
] as const;
export const programGoalEnum = pgEnum("program_goal", programGoals);

export const programVersionStatuses = ["draft", "published", "superseded"] as const;
export const programVersionStatusEnum = pgEnum("program_version_status", programVersionStatuses);

export const roundingModes = ["down", "nearest", "up"] as const;
export type RoundingMode = (typeof roundingModes)[number];

export const expiryPolicies = ["never", "after_earning", "after_inactivity"] as const;
export type ExpiryPolicy = (typeof expiryPolicies)[number];

/**
 * Everything about earning that is a single value per program version. Lists of things
 * (rules, tiers, badges, challenges) live in their own tables keyed by the version.
 */
export type ProgramSettings = {
  /** `points` per `perMinor` minor units spent (1 per 100 = 1 pt per 1.00); integers, so exact. */
  earnRate: { points: number; perMinor: number };
  rounding: RoundingMode;
  minimumSpendMinor: number;
  /** What a point is worth when a member pays with points, in minor units per point. */
  pointValueMinor: number;
  expiry: { policy: ExpiryPolicy; months: number };
  referral: { referrerPoints: number; refereePoints: number; maxPerMember: number };
  tierQualification: {
    basis: "points" | "spend" | "visits";
    /** `lifetime`: never resets, for discounts that grow with cumulative spend. */
    window: "calendar_year" | "rolling_months" | "lifetime";
    months: number;
  };
  /** Automatic certificates: every `everyPoints` points turn into a voucher for `rewardId`. */
  certificates?: { everyPoints: number; rewardId: string } | null;
};

export const programs = pgTable(
  "programs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    brandColor: text("brand_color").notNull().default("#4f46e5"),
    logoUrl: text("logo_url"),
    currency: text("currency").notNull(),
    timeZone: text("time_zone").notNull(),
    defaultLocale: text("default_locale").notNull().default("en"),
    goal: programGoalEnum("goal").notNull().default("retention"),
    /** A pilot: the stores and the share of members the program reaches (all of them by default). */
    ...rolloutColumns(),
    pointsLabel: text("points_label").notNull().default("points"),
    translations: translationsColumn(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    check("programs_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("programs_currency_format", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("programs_rollout_percent", sql`${t.rolloutPercent} BETWEEN 0 AND 100`),
    check("programs_brand_color_format", sql`${t.brandColor} ~ '^#[0-9a-f]{6}$'`),
  ],
);

export const programIdColumn = () =>
  uuid("program_id")
    .notNull()
    .references(() => programs.id, { onDelete: "cascade" });

/**
 * A program's rules are edited as a draft and frozen on publish; ledger entries point at the
 * version in force when they were written, so any balance can be explained later.
 */
export const programVersions = pgTable(
  "program_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    programId: programIdColumn(),
    number: integer("number").notNull(),
    status: programVersionStatusEnum("status").notNull().default("draft"),
    settings: jsonb("settings").$type<ProgramSettings>().notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique("program_versions_program_number").on(t.programId, t.number),
    check("program_versions_published_at", sql`(${t.status} = 'draft') = (${t.publishedAt} IS NULL)`),
  ],
);

/** `gift`: a purchase that meets the rule's conditions earns a voucher for `giftRewardId`. */
export const earningRuleKinds = ["spend", "action", "multiplier", "campaign", "gift"] as const;
export const earningRuleKindEnum = pgEnum("earning_rule_kind", earningRuleKinds);

export const memberActions = ["sign_up", "birthday", "referral", "review", "profile_completed", "custom"] as const;
export type MemberAction = (typeof memberActions)[number];

/** Where and when a rule applies; every field narrows it, an absent field does not. */
export type RuleConditions = {
  storeIds?: string[];
  categories?: string[];
  excludedCategories?: string[];
  minimumSpendMinor?: number;
  daysOfWeek?: number[];
  segmentId?: string;
};

export const earningRules = pgTable(
  "earning_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    programVersionId: uuid("program_version_id")
      .notNull()
      .references(() => programVersions.id, { onDelete: "cascade" }),
    /** Stable across versions, so "the weekend bonus" is the same rule before and after an edit. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    kind: earningRuleKindEnum("kind").notNull(),
    action: text("action").$type<MemberAction>(),
    points: integer("points"),
    multiplier: integer("multiplier_percent"),
    giftRewardId: uuid("gift_reward_id"),
    conditions: jsonb("conditions").$type<RuleConditions>().notNull().default({}),
    /** A pilot share of members (0-100); the stores a rule reaches are its `conditions.storeIds`. */
    rolloutPercent: integer("rollout_percent").notNull().default(100),
    translations: translationsColumn(),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    unique("earning_rules_version_key").on(t.programVersionId, t.key),
    check("earning_rules_points", sql`${t.points} IS NULL OR ${t.points} >= 0`),
    check("earning_rules_multiplier", sql`${t.multiplier} IS NULL OR ${t.multiplier} >= 0`),
    check("earning_rules_rollout_percent", sql`${t.rolloutPercent} BETWEEN 0 AND 100`),
    check("earning_rules_window", sql`${t.startsAt} IS NULL OR ${t.endsAt} IS NULL OR ${t.startsAt} < ${t.endsAt}`),
  ],
);

export const tiers = pgTable(
  "tiers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    programVersionId: uuid("program_version_id")
      .notNull()
      .references(() => programVersions.id, { onDelete: "cascade" }),
    /** Stable across versions; members hold a tier by key. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    rank: integer("rank").notNull(),
    /** Qualifying points, spend in minor units, or visits, as the version's settings say. */
    threshold: bigint("threshold", { mode: "number" }).notNull(),
    earnMultiplierPercent: integer("earn_multiplier_percent").notNull().default(100),
    discountPercent: integer("discount_percent").notNull().default(0),
    perks: text("perks")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    color: text("color").notNull().default("#64748b"),
    translations: translationsColumn(),
    /** A paid tier is bought rather than earned. */
    priceMinor: bigint("price_minor", { mode: "number" }),
    periodMonths: integer("period_months"),
  },
  (t) => [
    unique("tiers_version_key").on(t.programVersionId, t.key),
    unique("tiers_version_rank").on(t.programVersionId, t.rank),
    check("tiers_threshold", sql`${t.threshold} >= 0`),
    check("tiers_multiplier", sql`${t.earnMultiplierPercent} >= 0`),
    check("tiers_discount", sql`${t.discountPercent} BETWEEN 0 AND 100`),
  ],
);

export const badgeCriteria = [
  "first_purchase",
  "visits",
  "spend",
  "first_redemption",
  "referrals",
  "weekly_streak",
  "joined_challenge",
] as const;
export type BadgeCriterion = (typeof badgeCriteria)[number];
export const badgeCriterionEnum = pgEnum("badge_criterion", badgeCriteria);

export const badges = pgTable(
  "badges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    programVersionId: uuid("program_version_id")
      .notNull()
      .references(() => programVersions.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    icon: text("icon").notNull().default("award"),
    translations: translationsColumn(),
    criterion: badgeCriterionEnum("criterion").notNull(),
    /** The N in "N visits", "spend over X" (minor units), "streak of N weeks". */
    target: bigint("target", { mode: "number" }).notNull().default(1),
  },
  (t) => [unique("badges_version_key").on(t.programVersionId, t.key), check("badges_target", sql`${t.target} >= 1`)],
);

export const challenges = pgTable(
  "challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    programVersionId: uuid("program_version_id")
      .notNull()
      .references(() => programVersions.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    criterion: badgeCriterionEnum("criterion").notNull(),
    target: bigint("target", { mode: "number" }).notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    prizePoints: integer("prize_points").notNull().default(0),
    prizeBadgeKey: text("prize_badge_key"),
    requiresOptIn: boolean("requires_opt_in").notNull().default(false),
    translations: translationsColumn(),
  },
  (t) => [
    unique("challenges_version_key").on(t.programVersionId, t.key),
    check("challenges_window", sql`${t.startsAt} < ${t.endsAt}`),
    check("challenges_target", sql`${t.target} >= 1`),
    check("challenges_prize_points", sql`${t.prizePoints} >= 0`),
  ],
);

/**
 * Members-only content (the club template): an article, an offer or early access, shown to
 * members from `minTierKey` up (every member when null) inside its window.
 */
export const programContent = pgTable(
  "program_content",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    programId: programIdColumn(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    url: text("url"),
    minTierKey: text("min_tier_key"),
    availableFrom: timestamp("available_from", { withTimezone: true }),
    availableUntil: timestamp("available_until", { withTimezone: true }),
    position: integer("position").notNull().default(0),
    translations: translationsColumn(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("program_content_program_idx").on(t.programId, t.position),
    check(
      "program_content_window",
      sql`${t.availableFrom} IS NULL OR ${t.availableUntil} IS NULL OR ${t.availableFrom} < ${t.availableUntil}`,
    ),
  ],
);

import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { merchantIdColumn, stores } from "./merchants";
import { challenges, programIdColumn } from "./programs";

export const memberStatuses = ["active", "closed"] as const;
export const memberStatusEnum = pgEnum("member_status", memberStatuses);

/**
 * A shopper's membership of one program. The balance and running totals are a cache of the
 * ledger, written in the same transaction as each entry so a read never scans history.
 */
export const members = pgTable(
  "members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    programId: programIdColumn(),
    /** Null for a member enrolled at the counter or by API who has not claimed an account yet. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    memberNumber: text("member_number").notNull(),
    email: text("email"),
    name: text("name"),
    phone: text("phone"),
    birthday: date("birthday"),
    status: memberStatusEnum("status").notNull().default("active"),
    pointsBalance: bigint("points_balance", { mode: "number" }).notNull().default(0),
    lifetimePoints: bigint("lifetime_points", { mode: "number" }).notNull().default(0),
    lifetimeSpendMinor: bigint("lifetime_spend_minor", { mode: "number" }).notNull().default(0),
    visitCount: integer("visit_count").notNull().default(0),
    tierKey: text("tier_key"),
    tierSince: timestamp("tier_since", { withTimezone: true }),
    /** First day of the last qualification period whose end the tier sweep has applied. */
    tierReviewedPeriod: date("tier_reviewed_period"),
    referralCode: text("referral_code").notNull(),
    referredByMemberId: uuid("referred_by_member_id"),
    marketingConsent: boolean("marketing_consent").notNull().default(false),
    enrolledAtStoreId: uuid("enrolled_at_store_id").references(() => stores.id, { onDelete: "set null" }),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("members_merchant_number").on(t.merchantId, t.memberNumber),
    unique("members_program_user").on(t.programId, t.userId),
    unique("members_program_email").on(t.programId, t.email),
    unique("members_merchant_referral_code").on(t.merchantId, t.referralCode),
    index("members_merchant_email_idx").on(t.merchantId, t.email),
    check("members_points_balance_non_negative", sql`${t.pointsBalance} >= 0`),
    check("members_lifetime_points_non_negative", sql`${t.lifetimePoints} >= 0`),
    check("members_visit_count_non_negative", sql`${t.visitCount} >= 0`),
  ],
);

/** Points, spend and visits that count towards a tier, per qualification period. */
export const memberQualifications = pgTable(
  "member_qualifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    /** First day of the period (a calendar month in the program's time zone). */
    periodStart: date("period_start").notNull(),
    points: bigint("points", { mode: "number" }).notNull().default(0),
    spendMinor: bigint("spend_minor", { mode: "number" }).notNull().default(0),
    visits: integer("visits").notNull().default(0),
  },
  (t) => [unique("member_qualifications_member_period").on(t.memberId, t.periodStart)],
);

export const memberBadges = pgTable(
  "member_badges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    badgeKey: text("badge_key").notNull(),
    awardedAt: timestamp("awarded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("member_badges_member_badge").on(t.memberId, t.badgeKey)],
);

export const memberChallenges = pgTable(
  "member_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    challengeId: uuid("challenge_id")
      .notNull()
      .references(() => challenges.id, { onDelete: "cascade" }),
    progress: bigint("progress", { mode: "number" }).notNull().default(0),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [unique("member_challenges_member_challenge").on(t.memberId, t.challengeId)],
);

export const subscriptionStatuses = ["active", "cancelled", "expired"] as const;
export const subscriptionStatusEnum = pgEnum("subscription_status", subscriptionStatuses);

/** A paid membership period, paid at the counter or through a payment provider. */
export const memberSubscriptions = pgTable(
  "member_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    tierKey: text("tier_key").notNull(),
    status: subscriptionStatusEnum("status").notNull().default("active"),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    paymentProvider: text("payment_provider").notNull(),
    paymentReference: text("payment_reference"),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    periodEnd: timestamp("period_end", { withTimezone: true }).notNull(),
  },
  (t) => [
    check("member_subscriptions_amount", sql`${t.amountMinor} >= 0`),
    check("member_subscriptions_period", sql`${t.periodStart} < ${t.periodEnd}`),
  ],
);

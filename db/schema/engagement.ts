import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn } from "./columns";
import { programIdColumn } from "./programs";
import { merchantIdColumn } from "./merchants";
import { purchases } from "./ledger";
import { members } from "./members";
import { rewards } from "./rewards";

/** Rules that put a member in a segment; all present fields must hold. */
export type SegmentRules = {
  tierKeys?: string[];
  rfmGroups?: string[];
  minSpendMinor?: number;
  minVisits?: number;
  windowDays?: number;
  categories?: string[];
  storeIds?: string[];
  birthdayMonth?: number;
  joinedFrom?: string;
  joinedUntil?: string;
  marketingConsent?: boolean;
};

export const segments = pgTable("segments", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: merchantIdColumn(),
  programId: programIdColumn(),
  name: text("name").notNull(),
  rules: jsonb("rules").$type<SegmentRules>().notNull().default({}),
  createdAt: createdAtColumn(),
});

export const offerKinds = ["campaign", "reward", "discount"] as const;
export const offerKindEnum = pgEnum("offer_kind", offerKinds);

/**
 * Something shown only to one segment in the member's "for you" section.
 * Only the demo seed writes it so far: targeted offers are built by issue 15.
 */
export const offers = pgTable("offers", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: merchantIdColumn(),
  programId: programIdColumn(),
  segmentId: uuid("segment_id")
    .notNull()
    .references(() => segments.id, { onDelete: "cascade" }),
  kind: offerKindEnum("kind").notNull(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  earningRuleKey: text("earning_rule_key"),
  rewardId: uuid("reward_id").references(() => rewards.id, { onDelete: "cascade" }),
  discountPercent: integer("discount_percent"),
  startsAt: timestamp("starts_at", { withTimezone: true }),
  endsAt: timestamp("ends_at", { withTimezone: true }),
});

export const notificationKinds = [
  "welcome",
  "points_earned",
  "tier_changed",
  "badge_awarded",
  "reward_ready",
  "points_expiring",
  "top_customer_thanks",
  "birthday",
] as const;
export const notificationKindEnum = pgEnum("notification_kind", notificationKinds);

export const notificationChannels = ["email", "in_app"] as const;
export const notificationChannelEnum = pgEnum("notification_channel", notificationChannels);

/** No code uses it yet: notifications are built by issue 15. */
export const notificationTemplates = pgTable(
  "notification_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    programId: programIdColumn(),
    kind: notificationKindEnum("kind").notNull(),
    locale: text("locale").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
  },
  (t) => [unique("notification_templates_program_kind_locale").on(t.programId, t.kind, t.locale)],
);

export const notificationStatuses = ["pending", "sent", "failed", "skipped"] as const;
export const notificationStatusEnum = pgEnum("notification_status", notificationStatuses);

/**
 * The inbox and the send log in one: in-app rows are read in the app, e-mail rows are sent.
 * No code uses it yet: notifications are built by issue 15.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    kind: notificationKindEnum("kind").notNull(),
    channel: notificationChannelEnum("channel").notNull(),
    locale: text("locale").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    status: notificationStatusEnum("status").notNull().default("pending"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [index("notifications_member_idx").on(t.memberId, t.createdAt)],
);

/** No code uses it yet: the feedback prompt and its admin page come with issues 11 and 12. */
export const feedback = pgTable(
  "feedback",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    purchaseId: uuid("purchase_id").references(() => purchases.id, { onDelete: "set null" }),
    score: integer("score").notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique("feedback_purchase").on(t.purchaseId),
    check("feedback_score_range", sql`${t.score} BETWEEN 0 AND 10`),
  ],
);

import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAtColumn } from "./columns";
import { members } from "./members";
import { merchantIdColumn, stores } from "./merchants";
import { programIdColumn, programVersions } from "./programs";

export const actorTypes = ["member", "staff", "api_key", "system"] as const;
export type ActorType = (typeof actorTypes)[number];
export const actorTypeEnum = pgEnum("actor_type", actorTypes);

export type PurchaseLine = {
  sku?: string;
  name?: string;
  category?: string;
  amountMinor: number;
  quantity?: number;
};

export const purchaseStatuses = ["completed", "partially_refunded", "refunded"] as const;
export const purchaseStatusEnum = pgEnum("purchase_status", purchaseStatuses);

export const purchases = pgTable(
  "purchases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    programId: programIdColumn(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    storeId: uuid("store_id").references(() => stores.id, { onDelete: "set null" }),
    /** The shop's or POS's own id for the sale; one sale is recorded once. */
    externalId: text("external_id"),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    /** The part of the bill paid with points; it earns nothing. */
    paidWithPointsMinor: bigint("paid_with_points_minor", { mode: "number" }).notNull().default(0),
    refundedMinor: bigint("refunded_minor", { mode: "number" }).notNull().default(0),
    currency: text("currency").notNull(),
    lines: jsonb("lines").$type<PurchaseLine[]>().notNull().default([]),
    status: purchaseStatusEnum("status").notNull().default("completed"),
    actorType: actorTypeEnum("actor_type").notNull(),
    actorId: text("actor_id"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique("purchases_merchant_external_id").on(t.merchantId, t.externalId),
    index("purchases_member_idx").on(t.memberId, t.occurredAt),
    index("purchases_merchant_occurred_idx").on(t.merchantId, t.occurredAt),
    check("purchases_amount_positive", sql`${t.amountMinor} > 0`),
    check("purchases_paid_with_points", sql`${t.paidWithPointsMinor} BETWEEN 0 AND ${t.amountMinor}`),
    check("purchases_refunded", sql`${t.refundedMinor} BETWEEN 0 AND ${t.amountMinor}`),
  ],
);

export const pointEntryKinds = ["earn", "bonus", "redeem", "expire", "adjust", "reverse"] as const;
export type PointEntryKind = (typeof pointEntryKinds)[number];
export const pointEntryKindEnum = pgEnum("point_entry_kind", pointEntryKinds);

/** One line of "why": "12 pts: 1 pt per 1.00", "x1.5 Gold", "+20 Weekend bonus". */
export type EntryExplanation = { ruleKey: string; label: string; points: number }[];

/**
 * The ledger. Append-only: a trigger in the migrations rejects UPDATE and DELETE, so a
 * mistake can only be corrected by a reversing entry. `balance_after` is the member's
 * balance once this entry is applied; entries are totally ordered by `id`.
 */
export const pointEntries = pgTable(
  "point_entries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    merchantId: merchantIdColumn(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    kind: pointEntryKindEnum("kind").notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
    balanceAfter: bigint("balance_after", { mode: "number" }).notNull(),
    programVersionId: uuid("program_version_id").references(() => programVersions.id),
    purchaseId: uuid("purchase_id").references(() => purchases.id),
    redemptionId: uuid("redemption_id"),
    /** The entry this one reverses, for refunds and cancelled vouchers. */
    reversesEntryId: bigint("reverses_entry_id", { mode: "number" }),
    reason: text("reason"),
    explanation: jsonb("explanation").$type<EntryExplanation>().notNull().default([]),
    /**
     * Set on entries that may happen only once per member ("sign_up", "birthday:2026",
     * "badge:regular", "challenge:<id>"): a unique index makes a second award impossible.
     */
    awardKey: text("award_key"),
    /** Points a refund could not take back because they were already spent. */
    shortfall: bigint("shortfall", { mode: "number" }).notNull().default(0),
    actorType: actorTypeEnum("actor_type").notNull(),
    actorId: text("actor_id"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("point_entries_member_idx").on(t.memberId, t.id),
    index("point_entries_merchant_created_idx").on(t.merchantId, t.createdAt),
    index("point_entries_purchase_idx").on(t.purchaseId),
    uniqueIndex("point_entries_member_award_key")
      .on(t.memberId, t.awardKey)
      .where(sql`${t.awardKey} IS NOT NULL`),
    check("point_entries_balance_after_non_negative", sql`${t.balanceAfter} >= 0`),
    check("point_entries_points_nonzero", sql`${t.points} <> 0`),
    check("point_entries_shortfall_non_negative", sql`${t.shortfall} >= 0`),
  ],
);

/**
 * What is left of each positive entry, spent oldest first. Kept apart from the ledger so the
 * ledger itself never changes; the sum of `remaining` over a member equals their balance.
 */
export const pointLots = pgTable(
  "point_lots",
  {
    entryId: bigint("entry_id", { mode: "number" })
      .primaryKey()
      .references(() => pointEntries.id),
    merchantId: merchantIdColumn(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    remaining: bigint("remaining", { mode: "number" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [
    index("point_lots_member_open_idx")
      .on(t.memberId, t.entryId)
      .where(sql`${t.remaining} > 0`),
    index("point_lots_expiring_idx")
      .on(t.expiresAt)
      .where(sql`${t.remaining} > 0`),
    check("point_lots_remaining_non_negative", sql`${t.remaining} >= 0`),
  ],
);

/** A retried request with the same key gets the first answer; a different body is refused. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    key: text("key").notNull(),
    /** What the key was used for, e.g. "purchase.record". */
    scope: text("scope").notNull(),
    requestHash: text("request_hash").notNull(),
    response: jsonb("response").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [unique("idempotency_keys_merchant_key").on(t.merchantId, t.key)],
);

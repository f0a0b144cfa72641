import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, rolloutColumns, translationsColumn } from "./columns";
import { programIdColumn } from "./programs";
import { pointEntries } from "./ledger";
import { members } from "./members";
import { merchantIdColumn, staffMembers } from "./merchants";

export const rewardKinds = [
  "fixed_discount",
  "percent_discount",
  "free_product",
  "gift",
  "experience",
  "early_access",
  "donation",
  "sweepstake_entry",
] as const;
export type RewardKind = (typeof rewardKinds)[number];
export const rewardKindEnum = pgEnum("reward_kind", rewardKinds);

export const rewardStatuses = ["draft", "active", "archived"] as const;
export const rewardStatusEnum = pgEnum("reward_status", rewardStatuses);

export const rewards = pgTable(
  "rewards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    programId: programIdColumn(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    kind: rewardKindEnum("kind").notNull(),
    status: rewardStatusEnum("status").notNull().default("active"),
    costPoints: bigint("cost_points", { mode: "number" }).notNull(),
    /** Minor units for a fixed discount, basis points (1/100 %) for a percentage one. */
    value: bigint("value", { mode: "number" }),
    imageUrl: text("image_url"),
    /** Null means unlimited; decremented in the same transaction as the redemption. */
    stock: integer("stock"),
    minTierKey: text("min_tier_key"),
    perMemberLimit: integer("per_member_limit"),
    availableFrom: timestamp("available_from", { withTimezone: true }),
    availableUntil: timestamp("available_until", { withTimezone: true }),
    voucherValidDays: integer("voucher_valid_days").notNull().default(30),
    sweepstakeId: uuid("sweepstake_id"),
    position: integer("position").notNull().default(0),
    /** A pilot: the stores (by the member's home store) and the share of members it reaches. */
    ...rolloutColumns(),
    translations: translationsColumn(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("rewards_program_idx").on(t.programId, t.position),
    check("rewards_rollout_percent", sql`${t.rolloutPercent} BETWEEN 0 AND 100`),
    check("rewards_cost_positive", sql`${t.costPoints} > 0`),
    check("rewards_stock_non_negative", sql`${t.stock} IS NULL OR ${t.stock} >= 0`),
    check("rewards_per_member_limit", sql`${t.perMemberLimit} IS NULL OR ${t.perMemberLimit} >= 1`),
    check("rewards_voucher_valid_days", sql`${t.voucherValidDays} >= 1`),
    check(
      "rewards_window",
      sql`${t.availableFrom} IS NULL OR ${t.availableUntil} IS NULL OR ${t.availableFrom} < ${t.availableUntil}`,
    ),
  ],
);

export const redemptionStatuses = ["completed", "cancelled"] as const;
export const redemptionStatusEnum = pgEnum("redemption_status", redemptionStatuses);

export const redemptions = pgTable(
  "redemptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    rewardId: uuid("reward_id")
      .notNull()
      .references(() => rewards.id),
    pointsSpent: bigint("points_spent", { mode: "number" }).notNull(),
    entryId: bigint("entry_id", { mode: "number" }).references(() => pointEntries.id),
    status: redemptionStatusEnum("status").notNull().default("completed"),
    /**
     * The earliest expiry among the lots this redemption spent (null: none of them expires).
     * Points given back on cancellation keep it, so cancelling never makes points last longer.
     */
    spentPointsExpireAt: timestamp("spent_points_expire_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("redemptions_member_reward_idx").on(t.memberId, t.rewardId),
    check("redemptions_points_spent_positive", sql`${t.pointsSpent} > 0`),
  ],
);

export const voucherStatuses = ["issued", "used", "cancelled", "expired"] as const;
export type VoucherStatus = (typeof voucherStatuses)[number];
export const voucherStatusEnum = pgEnum("voucher_status", voucherStatuses);

export const vouchers = pgTable(
  "vouchers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    redemptionId: uuid("redemption_id")
      .notNull()
      .unique()
      .references(() => redemptions.id),
    /** Unguessable: 80 random bits in Crockford base32. */
    code: text("code").notNull(),
    status: voucherStatusEnum("status").notNull().default("issued"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedByStaffId: uuid("used_by_staff_id").references(() => staffMembers.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    unique("vouchers_merchant_code").on(t.merchantId, t.code),
    index("vouchers_member_idx").on(t.memberId, t.createdAt),
    index("vouchers_expiring_idx")
      .on(t.expiresAt)
      .where(sql`${t.status} = 'issued'`),
    check("vouchers_used_at", sql`(${t.status} = 'used') = (${t.usedAt} IS NOT NULL)`),
  ],
);

export const sweepstakeStatuses = ["open", "drawn", "cancelled"] as const;
export const sweepstakeStatusEnum = pgEnum("sweepstake_status", sweepstakeStatuses);

export const sweepstakes = pgTable(
  "sweepstakes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    programId: programIdColumn(),
    name: text("name").notNull(),
    prize: text("prize").notNull(),
    winnersCount: integer("winners_count").notNull().default(1),
    drawAt: timestamp("draw_at", { withTimezone: true }).notNull(),
    status: sweepstakeStatusEnum("status").notNull().default("open"),
    /** The random seed the draw used, recorded so anyone can replay it. */
    drawSeed: text("draw_seed"),
    drawnAt: timestamp("drawn_at", { withTimezone: true }),
  },
  (t) => [check("sweepstakes_winners_count", sql`${t.winnersCount} >= 1`)],
);

export const sweepstakeEntries = pgTable(
  "sweepstake_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    sweepstakeId: uuid("sweepstake_id")
      .notNull()
      .references(() => sweepstakes.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    redemptionId: uuid("redemption_id").references(() => redemptions.id),
    source: text("source").notNull(),
    /** 1-based position among winners, set by the draw. */
    winningPlace: integer("winning_place"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("sweepstake_entries_sweepstake_idx").on(t.sweepstakeId),
    unique("sweepstake_entries_place").on(t.sweepstakeId, t.winningPlace),
  ],
);

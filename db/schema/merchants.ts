import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn } from "./columns";
import { users } from "./auth";

export const staffRoles = ["owner", "manager", "cashier"] as const;
export type StaffRole = (typeof staffRoles)[number];
export const staffRoleEnum = pgEnum("staff_role", staffRoles);

/** A tenant. Every table below it carries `merchant_id` so a query can always be scoped to one. */
export const merchants = pgTable(
  "merchants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    slug: text("slug").notNull().unique(),
    /** Defaults for the merchant's new programs; each program keeps its own copy. */
    currency: text("currency").notNull().default("EUR"),
    timeZone: text("time_zone").notNull().default("UTC"),
    defaultLocale: text("default_locale").notNull().default("en"),
    brandColor: text("brand_color").notNull().default("#4f46e5"),
    logoUrl: text("logo_url"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    check("merchants_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("merchants_currency_format", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("merchants_brand_color_format", sql`${t.brandColor} ~ '^#[0-9a-f]{6}$'`),
  ],
);

/** The merchant a row belongs to: every tenant table has one, and every query filters by it. */
export const merchantIdColumn = () =>
  uuid("merchant_id")
    .notNull()
    .references(() => merchants.id, { onDelete: "cascade" });

export const staffMembers = pgTable(
  "staff_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: staffRoleEnum("role").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [unique("staff_members_merchant_user").on(t.merchantId, t.userId), index().on(t.userId)],
);

export const stores = pgTable(
  "stores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    merchantId: merchantIdColumn(),
    name: text("name").notNull(),
    code: text("code").notNull(),
    address: text("address"),
    createdAt: createdAtColumn(),
  },
  (t) => [unique("stores_merchant_code").on(t.merchantId, t.code)],
);

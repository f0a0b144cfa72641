import { sql } from "drizzle-orm";
import { integer, jsonb, timestamp, uuid } from "drizzle-orm/pg-core";

// Columns many tables repeat. Functions, because each table needs its own builder; the two
// tenant keys live beside the tables they reference (merchantIdColumn in merchants.ts,
// programIdColumn in programs.ts), so no schema file imports in a circle.

export const createdAtColumn = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Merchant content in one language; an absent field falls back to the default language's. */
export type ContentTranslation = { name?: string; description?: string; perks?: string[] };
/** Per language code (en, az, af, lv, tr, fa): what the merchant wrote in that language. */
export type Translations = Partial<Record<string, ContentTranslation>>;

export const translationsColumn = () => jsonb("translations").$type<Translations>().notNull().default({});

/**
 * A staged rollout: who a program, rule or reward reaches. Empty stores = every store; a share
 * below 100 reaches the members whose stable bucket (0-99, from their id and the subject) is
 * under it, so the same members stay in as the share grows.
 */
export const rolloutColumns = () => ({
  rolloutPercent: integer("rollout_percent").notNull().default(100),
  rolloutStoreIds: uuid("rollout_store_ids")
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`),
});

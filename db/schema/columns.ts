import { timestamp } from "drizzle-orm/pg-core";

// Columns many tables repeat. Functions, because each table needs its own builder; the two
// tenant keys live beside the tables they reference (merchantIdColumn in merchants.ts,
// programIdColumn in programs.ts), so no schema file imports in a circle.

export const createdAtColumn = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

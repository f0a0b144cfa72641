import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg, { Pool } from "pg";
import { lockDataDirectory } from "./lock";
import { redactQueryErrors } from "./redact-query-errors";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Either driver's database; a transaction is one too, so domain code takes `Db` for both. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Driver = "pglite" | "postgres";
export type Database = { db: Db; driver: Driver; close: () => Promise<void> };

// int8 columns (balances, totals, amounts) read as JS numbers on both drivers, as PGlite does:
// every input has an upper bound (lib/limits.ts) that keeps sums far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`int8 value ${value} is outside JavaScript's safe range`);
  return parsed;
});

// A failed query must not carry its parameters into a log line: see QueryError.
redactQueryErrors();

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export function isPostgresUrl(url: string | undefined): boolean {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export function defaultPgliteDir() {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

/**
 * Opens PostgreSQL when `url` is a postgres URL, otherwise PGlite: in memory for
 * `memory://`, else file-backed in a directory this process locks for itself.
 */
export async function openDatabase(options: { url?: string; poolSize?: number } = {}): Promise<Database> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url && isPostgresUrl(url)) {
    const pool = new Pool({ connectionString: url, max: options.poolSize ?? 10 });
    let closing = false;
    // An idle connection can be dropped by the server (restart, failover); without a listener
    // Node would crash the process. The pool replaces it on the next query.
    pool.on("error", (error) => {
      if (!closing) console.error("An idle PostgreSQL connection failed:", error.message);
    });
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    return {
      db,
      driver: "postgres",
      close: () => {
        closing = true;
        return pool.end();
      },
    };
  }
  const inMemory = url === "memory://";
  const dataDir = inMemory ? undefined : (url?.replace(/^file:\/\//, "") ?? defaultPgliteDir());
  const release = dataDir ? lockDataDirectory(dataDir) : () => {};
  try {
    const client = await PGlite.create(dataDir ? { dataDir } : {});
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      driver: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export async function migrateDatabase(database: Database) {
  if (database.driver === "postgres") {
    await migratePg(database.db as never, { migrationsFolder });
  } else {
    await migratePglite(database.db as never, { migrationsFolder });
  }
}

type Cached = { database: Promise<Database> | undefined };
// One database per process, shared by Next's separately bundled server entries.
const cache = globalThis as unknown as { __loyaltyDatabase?: Cached };

/** The process's database, opened and migrated on first use. */
export function getDatabase(): Promise<Database> {
  cache.__loyaltyDatabase ??= { database: undefined };
  cache.__loyaltyDatabase.database ??= (async () => {
    const database = await openDatabase();
    await migrateDatabase(database);
    return database;
  })();
  return cache.__loyaltyDatabase.database;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export async function closeDatabase() {
  const pending = cache.__loyaltyDatabase?.database;
  if (!pending) return;
  cache.__loyaltyDatabase = { database: undefined };
  await (await pending).close();
}

export { schema };

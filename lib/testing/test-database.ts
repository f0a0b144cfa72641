import { randomUUID } from "node:crypto";
import pg from "pg";
import { migrateDatabase, openDatabase, type Database } from "@/db";

export const onPostgres = Boolean(process.env.DATABASE_TEST_URL);

/**
 * A fresh, migrated database for one test file: PGlite in memory, or, when DATABASE_TEST_URL
 * names a PostgreSQL server, a new database on it (dropped on close) with a pool big enough
 * for the race tests.
 */
export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.DATABASE_TEST_URL;
  if (!serverUrl) {
    const database = await openDatabase({ url: "memory://" });
    await migrateDatabase(database);
    return database;
  }
  const name = `test_${randomUUID().replaceAll("-", "")}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 60 });
  await migrateDatabase(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE ${name} WITH (FORCE)`));
    },
  };
}

async function withAdminClient(url: string, fn: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { createTestDatabase } from "@/lib/testing/test-database";
import { namedRows, statementName } from "./rows";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("named statements", () => {
  it("names a text the same way every time, and two texts differently", () => {
    expect(statementName("SELECT 1")).toBe(statementName("SELECT 1"));
    expect(statementName("SELECT 1")).not.toBe(statementName("SELECT 2"));
  });

  it("runs the shapes of one statement, each many times on one connection, with their parameters", async () => {
    const { db } = database;
    await db.transaction(async (tx) => {
      for (let i = 0; i < 8; i++) {
        const column = i % 2 === 0 ? sql.raw("a") : sql.raw("b");
        const [row] = await namedRows<{ value: number }>(
          tx,
          sql`SELECT ${column} AS value FROM (SELECT ${i}::int AS a, ${-i}::int AS b) AS t`,
        );
        expect(row!.value).toBe(i % 2 === 0 ? i : -i);
      }
    });
  });
});

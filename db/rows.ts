import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import type { PgDialect, PgSession } from "drizzle-orm/pg-core";
import type { Db } from "./index";

/**
 * Runs raw SQL and returns its rows typed as `T` (both drivers answer `{ rows }`). For the few
 * statements the query builder cannot write, or writes too slowly for a hot path: each caller
 * says which in a comment. Column names are the SQL ones, as the statement returns them.
 */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Named statements are parsed and planned once per connection instead of once per call: on the
 * ledger's hot paths planning is a fifth of the server's work. A transaction pooler that does
 * not keep them per client (PgBouncer before 1.21 in transaction mode) is told by
 * `DATABASE_POOLER=transaction`, and every statement is then sent unnamed.
 */
export const namedStatementsEnabled = process.env.DATABASE_POOLER !== "transaction";

/**
 * A statement's name for the server, derived from its text so two texts never share one (a
 * builder query passes a label of its own instead, unique in the code base).
 */
export function statementName(text: string): string | undefined {
  if (!namedStatementsEnabled) return undefined;
  let name = statementNames.get(text);
  if (!name) {
    name = `s_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}
const statementNames = new Map<string, string>();

/**
 * `rows`, sent as a named statement: for the raw statements of a hot path, whose text is one
 * of a few fixed shapes (a statement built from data of unbounded variety belongs in `rows`).
 */
export async function namedRows<T>(db: Db, query: SQL): Promise<T[]> {
  // Drizzle's raw `execute` has no statement name; its session's prepareQuery (what `execute`
  // calls) takes one.
  const { session, dialect } = db as unknown as { session: PgSession; dialect: PgDialect };
  const built = dialect.sqlToQuery(query);
  const prepared = session.prepareQuery(built, undefined, statementName(built.sql), false);
  const result = (await prepared.execute()) as { rows: T[] };
  return result.rows;
}

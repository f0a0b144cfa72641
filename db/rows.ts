import type { SQL } from "drizzle-orm";
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

import { DrizzleQueryError } from "drizzle-orm";
import { PgPreparedQuery } from "drizzle-orm/pg-core";

type DriverError = { code?: unknown; constraint?: unknown; table?: unknown; column?: unknown; message?: unknown };

const sqlState = /^[0-9A-Z]{5}$/;

/**
 * A failed query as the rest of the app sees it: the SQLSTATE code, the constraint, table and
 * column it names, and the server's message, but never the values the query was sent. Drizzle's
 * own error prints every parameter (a password hash, an e-mail), PGlite's keeps them as a
 * property, and PostgreSQL's `detail` quotes the row ("Failing row contains ..."); none of them
 * is kept, so whatever logs this error later cannot leak them.
 */
export class QueryError extends Error {
  readonly code?: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;

  constructor(cause: unknown) {
    const driver = (typeof cause === "object" && cause !== null ? cause : {}) as DriverError;
    const code = typeof driver.code === "string" && sqlState.test(driver.code) ? driver.code : undefined;
    super(
      code
        ? `Query failed with SQLSTATE ${code}: ${serverMessage(code, driver.message)}`
        : `Query failed: ${localMessage(cause)}`,
    );
    this.name = "QueryError";
    this.code = code;
    this.constraint = typeof driver.constraint === "string" ? driver.constraint : undefined;
    this.table = typeof driver.table === "string" ? driver.table : undefined;
    this.column = typeof driver.column === "string" ? driver.column : undefined;
  }
}

// Data exceptions (class 22) quote the offending value: `invalid input syntax for type uuid: "..."`.
function serverMessage(code: string, message: unknown): string {
  const text = typeof message === "string" ? message : "";
  return code.startsWith("22") ? text.replace(/"[^"]*"/g, '"…"') : text;
}

// Failures before the server answered (a lost connection, a value the driver cannot encode).
function localMessage(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : "unknown error";
}

type QueryWithCache = (
  this: unknown,
  queryString: string,
  params: unknown[],
  query: () => Promise<unknown>,
) => Promise<unknown>;
const prepared = PgPreparedQuery.prototype as unknown as { queryWithCache: QueryWithCache };
const redacted = Symbol.for("loyalty.redactQueryErrors");

/**
 * Makes every failed query of both drivers throw a QueryError. Drizzle has no hook for it:
 * `queryWithCache` is the one place every prepared query of either driver runs through, and the
 * only place that builds the DrizzleQueryError. Idempotent.
 */
export function redactQueryErrors() {
  if (redacted in prepared) return;
  const original = prepared.queryWithCache;
  Object.defineProperty(prepared, redacted, { value: true });
  prepared.queryWithCache = async function (queryString, params, query) {
    try {
      return await original.call(this, queryString, params, query);
    } catch (error) {
      throw error instanceof DrizzleQueryError ? new QueryError(error.cause) : error;
    }
  };
}

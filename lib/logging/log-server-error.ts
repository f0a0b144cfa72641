import { QueryError } from "@/db/redact-query-errors";

/**
 * How server code reports an error it did not expect: one JSON line with the request's id, so
 * the id a person quotes finds it. A failed query contributes its code and constraint; its
 * parameters never reach this far (db/ drops them when the query fails).
 */
export function logServerError(error: unknown, context: { requestId: string }) {
  const failure = error instanceof Error ? error : new Error(String(error));
  const query =
    failure instanceof QueryError
      ? { code: failure.code, constraint: failure.constraint, table: failure.table, column: failure.column }
      : {};
  console.error(
    JSON.stringify({
      level: "error",
      time: new Date().toISOString(),
      requestId: context.requestId,
      error: failure.name,
      message: failure.message,
      ...query,
      stack: failure.stack,
    }),
  );
}

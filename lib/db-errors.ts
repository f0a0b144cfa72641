type PgErrorLike = { code?: string; constraint?: string; cause?: unknown };

/** Whether a driver error (possibly wrapped by Drizzle) is a unique violation of `constraint`. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e = error as PgErrorLike | undefined; e; e = e.cause as PgErrorLike | undefined) {
    if (e.code === "23505") return constraint === undefined || e.constraint === constraint;
  }
  return false;
}

import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { namedRows, statementName } from "@/db/rows";
import { idempotencyKeys } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** A stable fingerprint of a request body: the same fields in any key order hash the same. */
export function requestFingerprint(body: Record<string, unknown>): string {
  const canonical = JSON.stringify(body, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash("sha256").update(canonical).digest("hex");
}

type Claim<T> = { replay: false; keyId: string } | { replay: true; response: T };

/**
 * Claims an idempotency key inside the caller's transaction. A concurrent claim of the same
 * key waits on the unique index until the first transaction ends, then sees its answer.
 */
export async function claimIdempotencyKey<T>(
  tx: Tx,
  input: { merchantId: string; key: string; scope: string; requestHash: string },
): Promise<Claim<T>> {
  // Plain SQL: this runs on every keyed write, so it skips the query builder's cost.
  const [claimed] = await namedRows<{ id: string }>(
    tx,
    sql`
    INSERT INTO idempotency_keys (merchant_id, key, scope, request_hash, response)
    VALUES (${input.merchantId}, ${input.key}, ${input.scope}, ${input.requestHash}, '{}')
    ON CONFLICT (merchant_id, key) DO NOTHING
    RETURNING id`,
  );
  if (claimed) return { replay: false, keyId: claimed.id };

  const [existing] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.merchantId, input.merchantId), eq(idempotencyKeys.key, input.key)));
  if (!existing || existing.scope !== input.scope || existing.requestHash !== input.requestHash) {
    throw new AppError("idempotency_conflict", "This Idempotency-Key was already used with a different request");
  }
  return { replay: true, response: existing.response as T };
}

export async function storeIdempotentResponse(tx: Tx, keyId: string, response: unknown) {
  await tx
    .update(idempotencyKeys)
    .set({ response })
    .where(eq(idempotencyKeys.id, keyId))
    .prepare(statementName("storeIdempotentResponse") as string)
    .execute();
}

import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db";
import { vouchers } from "@/db/schema";

const defaultBatchSize = 500;

/**
 * The voucher sweep: marks issued vouchers past their expiry date as expired and returns how
 * many it marked. The points are not refunded: they bought the voucher, and a voucher that
 * lapses is spent like a gift card that was never used (staff can adjust by hand). Safe to run
 * on several instances at once: each batch takes its rows `FOR UPDATE SKIP LOCKED`, so two
 * sweeps never mark the same voucher. With `limit`, one batch of at most that many; without,
 * batches until nothing is due. `merchantId` narrows the sweep to one merchant.
 */
export async function expireVouchers(
  db: Db,
  input: { now: Date; limit?: number; merchantId?: string },
): Promise<number> {
  const batchSize = input.limit ?? defaultBatchSize;
  let total = 0;
  for (;;) {
    const expired = await expireBatch(db, { ...input, batchSize });
    total += expired;
    if (input.limit !== undefined || expired < batchSize) return total;
  }
}

async function expireBatch(db: Db, input: { now: Date; batchSize: number; merchantId?: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: vouchers.id })
      .from(vouchers)
      .where(
        and(
          eq(vouchers.status, "issued"),
          lte(vouchers.expiresAt, input.now),
          input.merchantId === undefined ? undefined : eq(vouchers.merchantId, input.merchantId),
        ),
      )
      .orderBy(asc(vouchers.expiresAt))
      .limit(input.batchSize)
      .for("update", { skipLocked: true });
    if (due.length === 0) return 0;
    const expired = await tx
      .update(vouchers)
      .set({ status: "expired" })
      .where(
        and(
          inArray(
            vouchers.id,
            due.map((voucher) => voucher.id),
          ),
          eq(vouchers.status, "issued"),
        ),
      )
      .returning({ id: vouchers.id });
    return expired.length;
  });
}

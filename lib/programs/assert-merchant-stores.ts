import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { stores } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** Refuses store ids that are not the merchant's, so a rule never names another tenant's store. */
export async function assertMerchantStores(db: Db, input: { merchantId: string; storeIds: string[] | undefined }) {
  const wanted = new Set(input.storeIds ?? []);
  if (wanted.size === 0) return;
  const found = await db
    .select({ id: stores.id })
    .from(stores)
    .where(and(eq(stores.merchantId, input.merchantId), inArray(stores.id, [...wanted])));
  if (found.length !== wanted.size) {
    throw new AppError("invalid_input", "Unknown store", { field: "storeIds", validation: "invalid" });
  }
}

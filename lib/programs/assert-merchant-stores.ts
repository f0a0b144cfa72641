import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { stores } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** Refuses store ids that are not the merchant's, so a rule or a sale never names another tenant's store. */
export async function assertMerchantStores(
  db: Db,
  input: { merchantId: string; storeIds: string[] | undefined; field?: string },
) {
  const wanted = new Set(input.storeIds ?? []);
  if (wanted.size === 0) return;
  const unknown = () =>
    new AppError("invalid_input", "Unknown store", { field: input.field ?? "storeIds", validation: "invalid" });
  // Not an id at all: the database would refuse to compare it with a uuid column.
  if ([...wanted].some((id) => !z.uuid().safeParse(id).success)) throw unknown();
  const found = await db
    .select({ id: stores.id })
    .from(stores)
    .where(and(eq(stores.merchantId, input.merchantId), inArray(stores.id, [...wanted])));
  if (found.length !== wanted.size) throw unknown();
}

import "server-only";
import { asc, eq } from "drizzle-orm";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { stores } from "@/db/schema";
import { requireStaff } from "@/lib/dal/pages";
import { isAppError } from "@/lib/errors";
import { loadBuilderProgram } from "@/lib/programs/list-merchant-programs";

/**
 * What the builder's layout and sections read, once per request: the caller must hold
 * `manageProgram` at the merchant (owner, manager), and the program must be that merchant's.
 */
export const loadBuilder = cache(async (merchantSlug: string, programSlug: string) => {
  const access = await requireStaff(merchantSlug, "manageProgram");
  const db = await getDb();
  const builder = await loadBuilderProgram(db, { merchantId: access.merchant.id, slug: programSlug }).catch(
    (error: unknown) => {
      if (isAppError(error, "not_found")) notFound();
      throw error;
    },
  );
  const storeList = await db
    .select({ id: stores.id, name: stores.name })
    .from(stores)
    .where(eq(stores.merchantId, access.merchant.id))
    .orderBy(asc(stores.name));
  return { access, builder, stores: storeList };
});

export type BuilderData = Awaited<ReturnType<typeof loadBuilder>>;

export type BuilderParams = { params: Promise<{ merchant: string; slug: string }> };

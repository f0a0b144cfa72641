import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { merchants } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { merchantDetailsSchema, type MerchantDetails } from "@/lib/validation/merchants";
import { parseOrThrow } from "@/lib/validation/rules";

export type MerchantSettings = MerchantDetails & { slug: string; logoUrl: string | null };

/** The merchant's details and the defaults its new programs start from. */
export async function loadMerchantSettings(db: Db, input: { merchantId: string }): Promise<MerchantSettings> {
  const [row] = await db
    .select({
      slug: merchants.slug,
      name: merchants.name,
      currency: merchants.currency,
      timeZone: merchants.timeZone,
      defaultLocale: merchants.defaultLocale,
      brandColor: merchants.brandColor,
      logoUrl: merchants.logoUrl,
    })
    .from(merchants)
    .where(eq(merchants.id, input.merchantId));
  if (!row) throw new AppError("not_found", "Merchant not found");
  return row as MerchantSettings;
}

/**
 * Changes the merchant's name and the defaults its new programs start from. The slug stays
 * (links and the API name it), and existing programs keep their own currency, time zone,
 * language and colours. `logoUrl`: a new logo's URL, null to remove it, absent to keep it.
 */
export async function updateMerchant(
  db: Db,
  input: { merchantId: string; logoUrl?: string | null } & { [K in keyof MerchantDetails]: string },
): Promise<MerchantSettings> {
  const details = parseOrThrow(merchantDetailsSchema, input);
  const [row] = await db
    .update(merchants)
    .set({ ...details, ...(input.logoUrl === undefined ? {} : { logoUrl: input.logoUrl }) })
    .where(eq(merchants.id, input.merchantId))
    .returning({ id: merchants.id });
  if (!row) throw new AppError("not_found", "Merchant not found");
  return loadMerchantSettings(db, input);
}

"use server";

import { z } from "zod";
import { memberAction } from "@/lib/actions/action-client";
import { AppError } from "@/lib/errors";
import { createMerchant, isMerchantSlugFree } from "@/lib/merchants/create-merchant";
import { saveImage } from "@/lib/uploads/save-image";
import { createMerchantFormSchema, merchantSlugField } from "@/lib/validation/merchants";

/**
 * Any signed-in person with a confirmed address may start a merchant and becomes its owner.
 * The logo is stored first (by its content's hash, so a retry after a refused slug stores
 * nothing new); the merchant and its program are then written in one transaction.
 */
export const createMerchantAction = memberAction(createMerchantFormSchema, async ({ logo, ...input }, { db, user }) => {
  if (!user.emailVerified) throw new AppError("forbidden", "Confirm your e-mail address before starting a merchant");
  const logoUrl = logo ? (await saveImage(logo, { field: "logo" })).url : null;
  const created = await createMerchant(db, { ...input, userId: user.id, logoUrl });
  return { merchantSlug: created.merchant.slug, programSlug: created.program.slug };
});

/** Whether a slug is free, for the form to say so while it is typed (the create action checks again). */
export const checkSlugAction = memberAction(z.object({ slug: merchantSlugField }), async ({ slug }, { db }) => ({
  free: await isMerchantSlugFree(db, slug),
}));

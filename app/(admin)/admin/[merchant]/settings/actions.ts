"use server";

import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/action-client";
import { updateMerchant } from "@/lib/merchants/update-merchant";
import { saveImage } from "@/lib/uploads/save-image";
import { updateMerchantFormSchema } from "@/lib/validation/merchants";

/** The merchant's details and defaults; owners and managers (`manageProgram`), as for the programs. */
export const updateMerchantAction = staffAction(
  { schema: updateMerchantFormSchema, permission: "manageProgram" },
  async ({ logo, removeLogo, merchantSlug: _slug, ...details }, { db, merchant }) => {
    const logoUrl = logo ? (await saveImage(logo, { field: "logo" })).url : removeLogo ? null : undefined;
    const saved = await updateMerchant(db, { merchantId: merchant.id, ...details, logoUrl });
    revalidatePath(`/admin/${merchant.slug}`, "layout");
    return saved;
  },
);

"use server";

import { staffAction } from "@/lib/actions/action-client";
import { removeContent, saveContent } from "@/lib/content/save-content";
import { findMerchantProgram } from "@/lib/programs/find-merchant-program";
import { contentFormSchema, removeContentSchema } from "@/lib/validation/catalog";

export const saveContentAction = staffAction(
  { schema: contentFormSchema, permission: "manageProgram" },
  async ({ programSlug, contentId, content }, { db, merchant }) => {
    const program = await findMerchantProgram(db, { merchantId: merchant.id, slug: programSlug });
    const saved = await saveContent(db, { merchantId: merchant.id, programId: program.id, contentId, content });
    return { id: saved.id };
  },
);

export const removeContentAction = staffAction(
  { schema: removeContentSchema, permission: "manageProgram" },
  async ({ contentId }, { db, merchant }) => {
    await removeContent(db, { merchantId: merchant.id, contentId });
    return { id: contentId };
  },
);

"use server";

import { staffAction } from "@/lib/actions/action-client";
import { findMerchantProgram } from "@/lib/programs/find-merchant-program";
import { removeDraftBadge } from "@/lib/programs/remove-draft-badge";
import { saveDraftBadge } from "@/lib/programs/save-draft-badge";
import { badgeFormSchema, removeDraftItemSchema } from "@/lib/validation/catalog";

export const saveBadgeAction = staffAction(
  { schema: badgeFormSchema, permission: "manageProgram" },
  async ({ programSlug, badge }, { db, merchant }) => {
    const program = await findMerchantProgram(db, { merchantId: merchant.id, slug: programSlug });
    const saved = await saveDraftBadge(db, { merchantId: merchant.id, programId: program.id, badge });
    return { key: saved.key };
  },
);

export const removeBadgeAction = staffAction(
  { schema: removeDraftItemSchema, permission: "manageProgram" },
  async ({ programSlug, key }, { db, merchant }) => {
    const program = await findMerchantProgram(db, { merchantId: merchant.id, slug: programSlug });
    await removeDraftBadge(db, { merchantId: merchant.id, programId: program.id, key });
    return { key };
  },
);

"use server";

import { staffAction } from "@/lib/actions/action-client";
import { findMerchantProgram } from "@/lib/programs/find-merchant-program";
import { removeDraftChallenge } from "@/lib/programs/remove-draft-challenge";
import { saveDraftChallenge } from "@/lib/programs/save-draft-challenge";
import { challengeFormSchema, removeDraftItemSchema } from "@/lib/validation/catalog";

export const saveChallengeAction = staffAction(
  { schema: challengeFormSchema, permission: "manageProgram" },
  async ({ programSlug, challenge }, { db, merchant }) => {
    const program = await findMerchantProgram(db, { merchantId: merchant.id, slug: programSlug });
    const saved = await saveDraftChallenge(db, { merchantId: merchant.id, programId: program.id, challenge });
    return { key: saved.key };
  },
);

export const removeChallengeAction = staffAction(
  { schema: removeDraftItemSchema, permission: "manageProgram" },
  async ({ programSlug, key }, { db, merchant }) => {
    const program = await findMerchantProgram(db, { merchantId: merchant.id, slug: programSlug });
    await removeDraftChallenge(db, { merchantId: merchant.id, programId: program.id, key });
    return { key };
  },
);

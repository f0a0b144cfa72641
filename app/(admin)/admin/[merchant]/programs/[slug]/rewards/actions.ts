"use server";

import { staffAction } from "@/lib/actions/action-client";
import { findMerchantProgram } from "@/lib/programs/find-merchant-program";
import { archiveReward } from "@/lib/rewards/archive-reward";
import { saveReward } from "@/lib/rewards/save-reward";
import { saveImage } from "@/lib/uploads/save-image";
import { archiveRewardSchema, rewardFormSchema } from "@/lib/validation/catalog";

export const saveRewardAction = staffAction(
  { schema: rewardFormSchema, permission: "manageProgram" },
  async (form, { db, merchant }) => {
    const program = await findMerchantProgram(db, { merchantId: merchant.id, slug: form.programSlug });
    const imageUrl = form.image
      ? (await saveImage(form.image, { field: "image" })).url
      : form.removeImage
        ? null
        : form.reward.imageUrl;
    const saved = await saveReward(db, {
      merchantId: merchant.id,
      programId: program.id,
      rewardId: form.rewardId,
      stockSeen: form.stockSeen,
      currency: form.currency,
      reward: { ...form.reward, imageUrl },
    });
    return { id: saved.id };
  },
);

export const archiveRewardAction = staffAction(
  { schema: archiveRewardSchema, permission: "manageProgram" },
  async ({ rewardId, archived }, { db, merchant }) => {
    const saved = await archiveReward(db, { merchantId: merchant.id, rewardId, archived });
    return { id: saved.id, status: saved.status };
  },
);

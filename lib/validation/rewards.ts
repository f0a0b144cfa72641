import { z } from "zod";
import { slugField, uuidField } from "./fields";

export const redeemRewardSchema = z.object({
  programSlug: slugField,
  rewardId: uuidField,
});

export const memberProgramSchema = z.object({ programSlug: slugField });

import { z } from "zod";
import { idempotencyKeyField, slugField, uuidField } from "./fields";

export const redeemRewardSchema = z.object({
  programSlug: slugField,
  rewardId: uuidField,
  /** One per confirmation: a double press or a retry spends once. */
  idempotencyKey: idempotencyKeyField,
});

export const memberProgramSchema = z.object({ programSlug: slugField });

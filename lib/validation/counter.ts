import { z } from "zod";
import { idempotencyKeyField, moneyField, slugField, uuidField } from "./fields";

export const findMemberSchema = z.object({
  merchantSlug: slugField,
  query: z.string().trim().min(1, { error: "required" }).max(254, { error: "tooLong" }),
});

export const recordCounterPurchaseSchema = z.object({
  merchantSlug: slugField,
  memberId: uuidField,
  amount: moneyField,
  idempotencyKey: idempotencyKeyField,
});

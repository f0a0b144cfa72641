import { z } from "zod";
import { limits } from "@/lib/limits";

// Bodies of /api/v1 are strict: a field the API does not take (a misspelt `amount_minor`, a
// `paidWithPointsMinor` it does not support yet) is refused by name, never silently dropped.
// Messages are keys of the "validation" catalog, as in fields.ts.
export const apiPurchaseSchema = z.strictObject({
  memberId: z.uuid({ error: "invalid" }),
  amountMinor: z
    .int({ error: "invalid" })
    .positive({ error: "invalid" })
    .max(limits.maxAmountMinor, { error: "tooLarge" }),
  currency: z
    .string({ error: "invalid" })
    .regex(/^[A-Z]{3}$/, { error: "invalid" })
    .optional(),
  storeId: z.uuid({ error: "invalid" }).optional(),
  externalId: z
    .string({ error: "invalid" })
    .trim()
    .min(1, { error: "required" })
    .max(200, { error: "tooLong" })
    .optional(),
  occurredAt: z.iso.datetime({ offset: true, error: "invalid" }).optional(),
  lines: z
    .array(
      z.strictObject({
        sku: z.string({ error: "invalid" }).max(100, { error: "tooLong" }).optional(),
        name: z.string({ error: "invalid" }).max(200, { error: "tooLong" }).optional(),
        category: z.string({ error: "invalid" }).max(100, { error: "tooLong" }).optional(),
        amountMinor: z
          .int({ error: "invalid" })
          .nonnegative({ error: "invalid" })
          .max(limits.maxAmountMinor, { error: "tooLarge" }),
        quantity: z.int({ error: "invalid" }).positive({ error: "invalid" }).optional(),
      }),
    )
    .max(limits.maxPurchaseLines, { error: "tooLong" })
    .optional(),
});

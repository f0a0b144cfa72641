import { z } from "zod";

export const apiPurchaseSchema = z.object({
  memberId: z.uuid(),
  amountMinor: z.int().positive().max(1_000_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  externalId: z.string().trim().min(1).max(200).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  lines: z
    .array(
      z.object({
        sku: z.string().max(100).optional(),
        name: z.string().max(200).optional(),
        category: z.string().max(100).optional(),
        amountMinor: z.int().nonnegative(),
        quantity: z.int().positive().optional(),
      }),
    )
    .max(500)
    .optional(),
});

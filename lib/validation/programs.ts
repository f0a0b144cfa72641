import { z } from "zod";
import { programGoals } from "@/db/schema";
import { limits } from "@/lib/limits";
import { locales } from "@/lib/i18n/locales";

// Messages are keys of the "validation" catalog, as in fields.ts and rules.ts.
const keyField = z
  .string({ error: "required" })
  .trim()
  .regex(/^[a-z0-9]+([_-][a-z0-9]+)*$/, { error: "invalid" })
  .max(64, { error: "tooLong" });
const text = (max: number) => z.string({ error: "required" }).trim().max(max, { error: "tooLong" });
const requiredText = (max: number) => text(max).min(1, { error: "required" });
export const hexColorField = z
  .string({ error: "required" })
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, { error: "invalid" });

const perksField = z.array(requiredText(100)).max(20, { error: "tooLong" });

/** What a merchant wrote in one language; an absent or empty field falls back to the default language. */
export const contentTranslationSchema = z.object({
  name: text(100).optional(),
  description: text(2_000).optional(),
  perks: perksField.optional(),
});

export const translationsSchema = z
  .partialRecord(z.enum(locales, { error: "invalid" }), contentTranslationSchema)
  .default({});

/** A program's identity: program-level, not versioned (a new name shows at once). */
export const programIdentitySchema = z.object({
  name: requiredText(100),
  description: text(2_000).default(""),
  pointsLabel: requiredText(30),
  brandColor: hexColorField,
  goal: z.enum(programGoals, { error: "invalid" }),
  translations: translationsSchema,
});
export type ProgramIdentityInput = z.input<typeof programIdentitySchema>;

/**
 * One tier of a draft. `key` is stable across versions (members hold a tier by key); `rank`
 * orders the tiers, unique in a version. A paid tier has a price and a period, both or neither.
 */
export const tierSchema = z
  .object({
    key: keyField,
    name: requiredText(100),
    rank: z.int({ error: "invalid" }).min(0, { error: "invalid" }).max(100, { error: "tooLarge" }),
    threshold: z
      .int({ error: "invalid" })
      .min(0, { error: "invalid" })
      .max(limits.maxAmountMinor, { error: "tooLarge" }),
    earnMultiplierPercent: z
      .int({ error: "invalid" })
      .min(100, { error: "invalid" })
      .max(limits.maxMultiplierPercent, { error: "tooLarge" })
      .default(100),
    discountPercent: z
      .int({ error: "invalid" })
      .min(0, { error: "invalid" })
      .max(100, { error: "tooLarge" })
      .default(0),
    perks: perksField.default([]),
    color: hexColorField.default("#64748b"),
    translations: translationsSchema,
    priceMinor: z
      .int({ error: "invalid" })
      .min(1, { error: "invalid" })
      .max(limits.maxAmountMinor, { error: "tooLarge" })
      .nullable()
      .default(null),
    periodMonths: z
      .int({ error: "invalid" })
      .min(1, { error: "invalid" })
      .max(120, { error: "tooLarge" })
      .nullable()
      .default(null),
  })
  .superRefine((tier, ctx) => {
    if (tier.priceMinor !== null && tier.periodMonths === null) {
      ctx.addIssue({ code: "custom", message: "required", path: ["periodMonths"] });
    }
    if (tier.priceMinor === null && tier.periodMonths !== null) {
      ctx.addIssue({ code: "custom", message: "required", path: ["priceMinor"] });
    }
  });
export type TierInput = z.input<typeof tierSchema>;

import { z } from "zod";
import { programGoals } from "@/db/schema";
import { templateKeys } from "@/lib/programs/templates";
import { localeField, nameField, slugField } from "./fields";

// Messages are keys of the "validation" catalog, as in fields.ts.

/** ISO 4217 codes the runtime can format; a code Intl does not know would break every amount shown. */
export function isSupportedCurrency(code: string): boolean {
  return Intl.supportedValuesOf("currency").includes(code);
}

/** An IANA time zone the runtime knows ("UTC" included, which some runtimes leave out of the list). */
export function isSupportedTimeZone(zone: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Slugs the admin's own routes use (`/admin/new`), which no merchant may take. */
export const reservedMerchantSlugs = ["new", "admin", "api", "settings"] as const;

export const merchantSlugField = slugField
  .min(2, { error: "invalid" })
  .max(48, { error: "tooLong" })
  .refine((slug) => !(reservedMerchantSlugs as readonly string[]).includes(slug), { error: "slugTaken" });

/** The merchant's own details and the defaults its new programs start from. */
export const merchantDetailsSchema = z.object({
  name: nameField,
  currency: z.string({ error: "required" }).trim().toUpperCase().refine(isSupportedCurrency, { error: "invalid" }),
  timeZone: z.string({ error: "required" }).trim().refine(isSupportedTimeZone, { error: "invalid" }),
  defaultLocale: localeField,
  brandColor: z
    .string({ error: "required" })
    .trim()
    .toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, { error: "invalid" }),
});
export type MerchantDetails = z.output<typeof merchantDetailsSchema>;

export const createMerchantSchema = merchantDetailsSchema.extend({
  slug: merchantSlugField,
  goal: z.enum(programGoals, { error: "required" }),
  template: z.enum(templateKeys as [string, ...string[]], { error: "required" }),
});
export type CreateMerchantInput = z.input<typeof createMerchantSchema>;

/** A logo as a form sends it: an empty file input is no logo. */
export const logoFileField = z
  .instanceof(Blob)
  .optional()
  .transform((file) => (file && file.size > 0 ? file : undefined));

export const createMerchantFormSchema = createMerchantSchema.extend({ logo: logoFileField });

export const updateMerchantFormSchema = merchantDetailsSchema.extend({
  merchantSlug: slugField,
  logo: logoFileField,
  removeLogo: z.stringbool().optional().default(false),
});

import { z } from "zod";
import { locales } from "@/lib/i18n/locales";

// Messages are keys of the "validation" catalog, as in fields.ts.
const optionalDate = z.coerce.date({ error: "invalid" }).nullable().default(null);
const translation = z.object({
  name: z.string().trim().max(200, { error: "tooLong" }).optional(),
  description: z.string().trim().max(10_000, { error: "tooLong" }).optional(),
});

/**
 * One item of members-only content: a title, a body, an optional link (http or https), the
 * lowest tier that sees it (every member when null), a window and a position. Translations
 * per language: `name` is the title, `description` the body.
 */
export const programContentSchema = z
  .object({
    id: z.uuid({ error: "invalid" }).optional(),
    title: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(200, { error: "tooLong" }),
    body: z.string().trim().max(10_000, { error: "tooLong" }).default(""),
    url: z
      .url({ protocol: /^https?$/, error: "invalid" })
      .max(2_000, { error: "tooLong" })
      .nullable()
      .default(null),
    minTierKey: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+([_-][a-z0-9]+)*$/, { error: "invalid" })
      .max(64, { error: "tooLong" })
      .nullable()
      .default(null),
    availableFrom: optionalDate,
    availableUntil: optionalDate,
    position: z.int({ error: "invalid" }).min(0, { error: "invalid" }).max(10_000, { error: "tooLarge" }).default(0),
    translations: z.partialRecord(z.enum(locales, { error: "invalid" }), translation).default({}),
  })
  .superRefine((item, ctx) => {
    if (item.availableFrom && item.availableUntil && item.availableFrom >= item.availableUntil) {
      ctx.addIssue({ code: "custom", message: "invalid", path: ["availableUntil"] });
    }
  });

export type ProgramContentInput = z.input<typeof programContentSchema>;

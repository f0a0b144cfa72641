import { z } from "zod";
import { badgeCriteria, rewardKinds } from "@/db/schema";
import { limits } from "@/lib/limits";
import { locales } from "@/lib/i18n/locales";
import { parseMoney } from "@/lib/money";
import { uploadNamePattern } from "@/lib/uploads/save-image";
import { badgeIcons } from "./catalog-form-fields";
import { currencyField, localeField, slugField, uuidField } from "./fields";

// The program builder's catalog sections: rewards (program-level), badges and challenges (in the
// draft version) and members-only content. Each has a domain schema, which the lib/ functions
// parse again, and a form schema, whose fields are the form's own names (so a field error lands
// beside its field) and which turns strings into the domain's values. Messages are keys of the
// "validation" catalog.

/** A form's empty (or absent) field is "not set"; the domain takes null. */
const blankToNull = (value: unknown) =>
  value === undefined || (typeof value === "string" && value.trim() === "") ? null : value;
const numberText = (value: unknown) => {
  const blank = blankToNull(value);
  return typeof blank === "string" ? Number(blank.trim()) : blank;
};
const whole = (min: number, max: number) =>
  z.int({ error: "invalid" }).min(min, { error: "invalid" }).max(max, { error: "tooLarge" });
const wholeField = (min: number, max: number) => z.preprocess(numberText, whole(min, max));
const optionalWholeField = (min: number, max: number) => z.preprocess(numberText, whole(min, max).nullable());
const text = (max: number) => z.string({ error: "required" }).trim().max(max, { error: "tooLong" });
const requiredText = (max: number) => text(max).min(1, { error: "required" });
const optionalText = (max: number) => z.preprocess(blankToNull, text(max).nullable());

export const catalogKeyField = z
  .string({ error: "required" })
  .trim()
  .regex(/^[a-z0-9]+([_-][a-z0-9]+)*$/, { error: "invalid" })
  .max(64, { error: "tooLong" });
const optionalKeyField = z.preprocess(blankToNull, catalogKeyField.nullable());

const localDateTime = z
  .string({ error: "required" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { error: "invalid" });
/** A wall-clock time in the program's time zone, as `<input type="datetime-local">` sends it. */
export const localDateTimeField = z.preprocess(blankToNull, localDateTime.nullable());
const requiredLocalDateTimeField = z.preprocess(blankToNull, localDateTime);

const translationSchema = z.object({
  name: text(200).min(1).optional(),
  description: text(2000).optional(),
});
export const translationsSchema = z.partialRecord(z.enum(locales, { error: "invalid" }), translationSchema);
export type TranslationsInput = z.input<typeof translationsSchema>;

const translationFormFields = Object.fromEntries(
  locales.flatMap((locale) => [
    [`name_${locale}`, optionalText(200)],
    [`description_${locale}`, optionalText(2000)],
  ]),
) as Record<string, ReturnType<typeof optionalText>>;

/** The per-language fields a form sent, as the `translations` column holds them (blank languages left out). */
function translationsFromForm(form: Record<string, unknown>): TranslationsInput {
  const translations: Record<string, { name?: string; description?: string }> = {};
  for (const locale of locales) {
    const name = form[`name_${locale}`];
    const description = form[`description_${locale}`];
    if (typeof name !== "string" && typeof description !== "string") continue;
    translations[locale] = {
      ...(typeof name === "string" ? { name } : {}),
      ...(typeof description === "string" ? { description } : {}),
    };
  }
  return translations;
}

type Problem = (path: string, error?: string) => void;
const problems = (ctx: z.RefinementCtx): Problem => {
  return (path, error = "invalid") => ctx.addIssue({ code: "custom", message: error, path: [path] });
};

function checkWindow(window: { from: string | null; until: string | null; untilField: string }, problem: Problem) {
  if (window.from && window.until && window.from >= window.until) problem(window.untilField);
}

// ---------------------------------------------------------------- rewards

const imageUrlField = z.preprocess(
  blankToNull,
  z
    .string()
    .regex(new RegExp(`^/uploads/${uploadNamePattern.source.slice(1, -1)}$`), { error: "invalid" })
    .nullable(),
);

const rewardFields = {
  name: requiredText(100),
  description: text(2000).default(""),
  kind: z.enum(rewardKinds, { error: "invalid" }),
  costPoints: wholeField(1, limits.maxEntryPoints),
  imageUrl: imageUrlField.default(null),
  stock: optionalWholeField(0, 10_000_000).default(null),
  minTierKey: optionalKeyField.default(null),
  perMemberLimit: optionalWholeField(1, 1_000_000).default(null),
  availableFrom: localDateTimeField.default(null),
  availableUntil: localDateTimeField.default(null),
  voucherValidDays: wholeField(1, 3_650).default(30),
  rolloutPercent: wholeField(0, 100).default(100),
};

function checkReward(
  reward: { kind: string; value: number | null; availableFrom: string | null; availableUntil: string | null },
  ctx: z.RefinementCtx,
) {
  const problem = problems(ctx);
  checkWindow({ from: reward.availableFrom, until: reward.availableUntil, untilField: "availableUntil" }, problem);
  const discount = reward.kind === "fixed_discount" || reward.kind === "percent_discount";
  if (discount && reward.value === null) problem("value", "required");
  if (reward.kind === "percent_discount" && reward.value !== null && reward.value > 10_000)
    problem("value", "tooLarge");
}

/**
 * A reward as the domain takes it. `value`: minor units for a fixed discount, basis points
 * (1/100 %) for a percentage one, null for other kinds. Windows are wall-clock times in the
 * program's time zone.
 */
export const rewardSchema = z
  .object({
    ...rewardFields,
    value: optionalWholeField(1, limits.maxAmountMinor).default(null),
    rolloutStoreIds: z.array(uuidField).max(200, { error: "tooLong" }).default([]),
    translations: translationsSchema.default({}),
  })
  .superRefine(checkReward);
export type RewardInput = z.input<typeof rewardSchema>;

/** "12.5" or "12,5" percent, in basis points; null when it is not such a number. */
function percentToBasisPoints(input: string): number | null {
  const normal = input.trim().replace(",", ".");
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(normal)) return null;
  return Math.round(Number(normal) * 100);
}

/**
 * The reward form. It sends the currency and locale it showed, so a fixed discount's amount is
 * read as the person typed it; the stock it showed (`stockSeen`), so an edit of the stock is a
 * change relative to it (see saveReward); and its stores as one comma-separated field.
 */
export const rewardFormSchema = z
  .object({
    merchantSlug: slugField,
    programSlug: slugField,
    rewardId: z.preprocess(blankToNull, uuidField.nullable()).default(null),
    ...rewardFields,
    value: optionalText(40).default(null),
    currency: currencyField,
    locale: localeField,
    stockSeen: optionalWholeField(0, 10_000_000).default(null),
    removeImage: z.preprocess((value) => value === "on" || value === "true", z.boolean()).default(false),
    image: z.custom<Blob>((value) => value instanceof Blob, { error: "invalid" }).optional(),
    rolloutStoreIds: z
      .preprocess(
        (value) =>
          typeof value === "string"
            ? value
                .split(",")
                .map((id) => id.trim())
                .filter(Boolean)
            : value,
        z.array(uuidField).max(200, { error: "tooLong" }),
      )
      .default([]),
    ...translationFormFields,
  })
  .transform((form, ctx) => {
    let value: number | null = null;
    if (form.value !== null && form.kind === "fixed_discount") {
      value = parseMoney(form.value, { currency: form.currency, locale: form.locale });
      if (value === null || value <= 0) ctx.addIssue({ code: "custom", path: ["value"], message: "amount" });
    } else if (form.value !== null && form.kind === "percent_discount") {
      value = percentToBasisPoints(form.value);
      if (value === null || value <= 0) ctx.addIssue({ code: "custom", path: ["value"], message: "invalid" });
    }
    checkReward({ ...form, value }, ctx);
    return {
      merchantSlug: form.merchantSlug,
      programSlug: form.programSlug,
      rewardId: form.rewardId,
      currency: form.currency,
      stockSeen: form.stockSeen,
      image: form.image && form.image.size > 0 ? form.image : null,
      removeImage: form.removeImage,
      reward: {
        name: form.name,
        description: form.description,
        kind: form.kind,
        costPoints: form.costPoints,
        value,
        imageUrl: form.imageUrl,
        stock: form.stock,
        minTierKey: form.minTierKey,
        perMemberLimit: form.perMemberLimit,
        availableFrom: form.availableFrom,
        availableUntil: form.availableUntil,
        voucherValidDays: form.voucherValidDays,
        rolloutPercent: form.rolloutPercent,
        rolloutStoreIds: form.rolloutStoreIds,
        translations: translationsFromForm(form),
      } satisfies RewardInput,
    };
  });

export const archiveRewardSchema = z.object({
  merchantSlug: slugField,
  rewardId: uuidField,
  archived: z.preprocess((value) => value === "true" || value === true, z.boolean()),
});

// ---------------------------------------------------------------- badges

const badgeFields = {
  key: optionalKeyField.default(null),
  name: requiredText(100),
  description: text(2000).default(""),
  icon: z.enum(badgeIcons, { error: "invalid" }).default("award"),
  criterion: z.enum(badgeCriteria, { error: "invalid" }),
  target: wholeField(1, limits.maxAmountMinor).default(1),
};

/** A badge of the draft; `key` names the badge to edit, none adds one (its key made from the name). */
export const badgeSchema = z.object({ ...badgeFields, translations: translationsSchema.default({}) });
export type BadgeInput = z.input<typeof badgeSchema>;

export const badgeFormSchema = z
  .object({ merchantSlug: slugField, programSlug: slugField, ...badgeFields, ...translationFormFields })
  .transform((form) => ({
    merchantSlug: form.merchantSlug,
    programSlug: form.programSlug,
    badge: {
      key: form.key,
      name: form.name,
      description: form.description,
      icon: form.icon,
      criterion: form.criterion,
      target: form.target,
      translations: translationsFromForm(form),
    } satisfies BadgeInput,
  }));

export const removeDraftItemSchema = z.object({
  merchantSlug: slugField,
  programSlug: slugField,
  key: catalogKeyField,
});

// ---------------------------------------------------------------- challenges

const challengeFields = {
  key: optionalKeyField.default(null),
  name: requiredText(100),
  description: text(2000).default(""),
  criterion: z.enum(badgeCriteria, { error: "invalid" }),
  target: wholeField(1, limits.maxAmountMinor),
  startsAt: requiredLocalDateTimeField,
  endsAt: requiredLocalDateTimeField,
  prizePoints: wholeField(0, limits.maxBonusPoints).default(0),
  prizeBadgeKey: optionalKeyField.default(null),
  requiresOptIn: z
    .preprocess((value) => value === "on" || value === "true" || value === true, z.boolean())
    .default(false),
};

const checkChallenge = (challenge: { startsAt: string; endsAt: string }, ctx: z.RefinementCtx) =>
  checkWindow({ from: challenge.startsAt, until: challenge.endsAt, untilField: "endsAt" }, problems(ctx));

/** A challenge of the draft; its window is wall-clock time in the program's time zone. */
export const challengeSchema = z
  .object({ ...challengeFields, translations: translationsSchema.default({}) })
  .superRefine(checkChallenge);
export type ChallengeInput = z.input<typeof challengeSchema>;

export const challengeFormSchema = z
  .object({ merchantSlug: slugField, programSlug: slugField, ...challengeFields, ...translationFormFields })
  .superRefine(checkChallenge)
  .transform((form) => ({
    merchantSlug: form.merchantSlug,
    programSlug: form.programSlug,
    challenge: {
      key: form.key,
      name: form.name,
      description: form.description,
      criterion: form.criterion,
      target: form.target,
      startsAt: form.startsAt,
      endsAt: form.endsAt,
      prizePoints: form.prizePoints,
      prizeBadgeKey: form.prizeBadgeKey,
      requiresOptIn: form.requiresOptIn,
      translations: translationsFromForm(form),
    } satisfies ChallengeInput,
  }));

// ---------------------------------------------------------------- members-only content

const contentFields = {
  title: requiredText(200),
  body: text(10_000).default(""),
  url: z
    .preprocess(
      blankToNull,
      z
        .url({ protocol: /^https?$/, error: "invalid" })
        .max(2000, { error: "tooLong" })
        .nullable(),
    )
    .default(null),
  minTierKey: optionalKeyField.default(null),
  availableFrom: localDateTimeField.default(null),
  availableUntil: localDateTimeField.default(null),
  position: wholeField(0, 10_000).default(0),
};

const checkContent = (content: { availableFrom: string | null; availableUntil: string | null }, ctx: z.RefinementCtx) =>
  checkWindow(
    { from: content.availableFrom, until: content.availableUntil, untilField: "availableUntil" },
    problems(ctx),
  );

/**
 * Members-only content. Its translations use `name` for the title and `description` for the
 * body, as every other translated row does.
 */
export const contentSchema = z
  .object({ ...contentFields, translations: translationsSchema.default({}) })
  .superRefine(checkContent);
export type ContentInput = z.input<typeof contentSchema>;

export const contentFormSchema = z
  .object({
    merchantSlug: slugField,
    programSlug: slugField,
    contentId: z.preprocess(blankToNull, uuidField.nullable()).default(null),
    ...contentFields,
    ...translationFormFields,
  })
  .superRefine(checkContent)
  .transform((form) => ({
    merchantSlug: form.merchantSlug,
    programSlug: form.programSlug,
    contentId: form.contentId,
    content: {
      title: form.title,
      body: form.body,
      url: form.url,
      minTierKey: form.minTierKey,
      availableFrom: form.availableFrom,
      availableUntil: form.availableUntil,
      position: form.position,
      translations: translationsFromForm(form),
    } satisfies ContentInput,
  }));

export const removeContentSchema = z.object({ merchantSlug: slugField, contentId: uuidField });

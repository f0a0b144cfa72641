import { z } from "zod";
import { earningRuleKinds, expiryPolicies, memberActions, programGoals, roundingModes } from "@/db/schema";
import { locales } from "@/lib/i18n/locales";
import { parseMoney } from "@/lib/money";
import { birthdayModes } from "@/lib/rules/earning-settings";
import { currencyField, localeField, slugField } from "./fields";

// The builder's forms as they arrive: text fields read into the numbers the domain takes. The
// bounds are the domain's (lib/validation/programs.ts and rules.ts), checked there; these only
// read what was typed, each problem on the form's own field name.

const blank = (value: string | undefined) => value === undefined || value.trim() === "";
type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, path: string, message = "invalid"): never {
  ctx.addIssue({ code: "custom", path: [path], message });
  return z.NEVER as never;
}

/** A whole number as typed (Latin digits; a leading minus is read, for the domain to refuse). */
function readInt(ctx: Ctx, path: string, value: string | undefined): number | null {
  if (blank(value)) return null;
  const text = value!.trim();
  if (!/^-?\d{1,15}$/.test(text)) return fail(ctx, path);
  return Number(text);
}

/** A decimal as typed, e.g. a multiplier "1.5" or "-2". */
function readDecimal(ctx: Ctx, path: string, value: string | undefined): number | null {
  if (blank(value)) return null;
  const text = value!.trim().replace(",", ".");
  if (!/^-?\d{1,9}(\.\d{1,4})?$/.test(text)) return fail(ctx, path);
  return Number(text);
}

function readMoney(ctx: Ctx, path: string, value: string | undefined, money: { currency: string; locale: string }) {
  if (blank(value)) return null;
  const minor = parseMoney(value!, money);
  if (minor === null) return fail(ctx, path, "amount");
  return minor;
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);

const optional = z.string().optional();
const builderRef = { merchantSlug: slugField, programSlug: slugField };
const moneyContext = { currency: currencyField, locale: localeField };

/** Publish, discard, start editing: nothing but the program. */
export const builderProgramSchema = z.object(builderRef);

const translationFields = (names: readonly string[]) =>
  Object.fromEntries(locales.flatMap((locale) => names.map((name) => [`${name}_${locale}`, optional])));

export const identityFormSchema = z
  .object({
    ...builderRef,
    name: z.string().default(""),
    description: z.string().default(""),
    pointsLabel: z.string().default(""),
    brandColor: z.string().default(""),
    goal: z.enum(programGoals, { error: "invalid" }),
    ...translationFields(["name", "description"]),
  })
  .transform((form) => {
    const values = form as Record<string, string | undefined>;
    return {
      merchantSlug: form.merchantSlug,
      programSlug: form.programSlug,
      identity: {
        name: form.name,
        description: form.description,
        pointsLabel: form.pointsLabel,
        brandColor: form.brandColor,
        goal: form.goal,
        translations: Object.fromEntries(
          locales.map((locale) => [
            locale,
            {
              name: values[`name_${locale}`]?.trim() ?? "",
              description: values[`description_${locale}`]?.trim() ?? "",
            },
          ]),
        ),
      },
    };
  });

export const earningSettingsFormSchema = z
  .object({
    ...builderRef,
    ...moneyContext,
    points: z.string().default(""),
    perAmount: z.string().default(""),
    rounding: z.enum(roundingModes, { error: "invalid" }),
    minimumSpend: optional,
    pointValue: optional,
    birthdayMode: z.enum(birthdayModes, { error: "invalid" }),
    daysBack: optional,
    minutesAhead: optional,
  })
  .transform((form, ctx) => {
    const money = { currency: form.currency, locale: form.locale };
    const points = readInt(ctx, "points", form.points);
    const perMinor = readMoney(ctx, "perAmount", form.perAmount, money);
    if (points === null) fail(ctx, "points", "required");
    if (perMinor === null) fail(ctx, "perAmount", "required");
    const daysBack = readInt(ctx, "daysBack", form.daysBack);
    const minutesAhead = readInt(ctx, "minutesAhead", form.minutesAhead);
    return {
      merchantSlug: form.merchantSlug,
      programSlug: form.programSlug,
      settings: {
        earnRate: { points: points!, perMinor: perMinor! },
        rounding: form.rounding,
        minimumSpendMinor: readMoney(ctx, "minimumSpend", form.minimumSpend, money) ?? 0,
        pointValueMinor: readMoney(ctx, "pointValue", form.pointValue, money) ?? 0,
        birthdayMode: form.birthdayMode,
        saleTimeWindow:
          daysBack === null && minutesAhead === null
            ? undefined
            : { daysBack: daysBack ?? 90, minutesAhead: minutesAhead ?? 5 },
      },
    };
  });

/** The rule kinds the builder edits (gift rules wait for their mechanic). */
export const editableRuleKinds = earningRuleKinds.filter((kind) => kind !== "gift");

export const ruleFormSchema = z
  .object({
    ...builderRef,
    ...moneyContext,
    key: optional,
    name: z.string().default(""),
    kind: z.enum(editableRuleKinds as ["spend", "action", "multiplier", "campaign"], { error: "invalid" }),
    action: optional,
    points: optional,
    multiplier: optional,
    storeIds: optional,
    categories: optional,
    excludedCategories: optional,
    minimumSpend: optional,
    days: optional,
    segmentId: optional,
    startsOn: optional,
    endsOn: optional,
    rolloutPercent: optional,
    position: optional,
  })
  .transform((form, ctx) => {
    const money = { currency: form.currency, locale: form.locale };
    const multiplier = readDecimal(ctx, "multiplier", form.multiplier);
    if (multiplier !== null && multiplier < 1) fail(ctx, "multiplier", "multiplierTooSmall");
    const date = (path: string, value: string | undefined) => {
      if (blank(value)) return null;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value!.trim())) return fail(ctx, path);
      return value!.trim();
    };
    const action = blank(form.action) ? null : form.action!.trim();
    if (action !== null && !(memberActions as readonly string[]).includes(action)) fail(ctx, "action");
    const days = list(form.days).map(Number);
    const storeIds = list(form.storeIds);
    const categories = list(form.categories);
    const excludedCategories = list(form.excludedCategories);
    const minimumSpendMinor = readMoney(ctx, "minimumSpend", form.minimumSpend, money);
    return {
      merchantSlug: form.merchantSlug,
      programSlug: form.programSlug,
      startsOn: date("startsOn", form.startsOn),
      endsOn: date("endsOn", form.endsOn),
      rule: {
        key: blank(form.key) ? null : form.key!.trim(),
        name: form.name,
        kind: form.kind,
        action: action as (typeof memberActions)[number] | null,
        points: readInt(ctx, "points", form.points),
        multiplier: multiplier === null ? null : Math.round(multiplier * 100),
        rolloutPercent: readInt(ctx, "rolloutPercent", form.rolloutPercent) ?? 100,
        position: readInt(ctx, "position", form.position) ?? 0,
        conditions: {
          ...(storeIds.length > 0 ? { storeIds } : {}),
          ...(categories.length > 0 ? { categories } : {}),
          ...(excludedCategories.length > 0 ? { excludedCategories } : {}),
          ...(minimumSpendMinor !== null ? { minimumSpendMinor } : {}),
          ...(days.length > 0 ? { daysOfWeek: days } : {}),
          ...(blank(form.segmentId) ? {} : { segmentId: form.segmentId!.trim() }),
        },
      },
    };
  });

export const removeByKeySchema = z.object({ ...builderRef, key: z.string().trim().min(1, { error: "required" }) });

export const tierQualificationFormSchema = z
  .object({
    ...builderRef,
    basis: z.enum(["points", "spend", "visits"], { error: "invalid" }),
    window: z.enum(["calendar_year", "rolling_months"], { error: "invalid" }),
    qualificationMonths: optional,
  })
  .transform((form, ctx) => ({
    merchantSlug: form.merchantSlug,
    programSlug: form.programSlug,
    tierQualification: {
      basis: form.basis,
      window: form.window,
      months: readInt(ctx, "qualificationMonths", form.qualificationMonths) ?? 12,
    },
  }));

export const tierFormSchema = z
  .object({
    ...builderRef,
    ...moneyContext,
    basis: z.enum(["points", "spend", "visits"], { error: "invalid" }),
    key: optional,
    name: z.string().default(""),
    rank: optional,
    threshold: optional,
    earnMultiplier: optional,
    discountPercent: optional,
    perks: optional,
    color: z.string().default("#64748b"),
    paid: optional,
    price: optional,
    periodMonths: optional,
    ...translationFields(["name", "perks"]),
  })
  .transform((form, ctx) => {
    const values = form as Record<string, string | undefined>;
    const money = { currency: form.currency, locale: form.locale };
    const threshold =
      form.basis === "spend"
        ? readMoney(ctx, "threshold", form.threshold, money)
        : readInt(ctx, "threshold", form.threshold);
    const earnMultiplier = readDecimal(ctx, "earnMultiplier", form.earnMultiplier);
    if (earnMultiplier !== null && earnMultiplier < 1) fail(ctx, "earnMultiplier", "multiplierTooSmall");
    const paid = form.paid === "on";
    const rank = readInt(ctx, "rank", form.rank);
    if (rank === null) fail(ctx, "rank", "required");
    if (threshold === null && !paid) fail(ctx, "threshold", "required");
    const perksIn = (value: string | undefined) =>
      (value ?? "")
        .split("\n")
        .map((perk) => perk.trim())
        .filter(Boolean);
    return {
      merchantSlug: form.merchantSlug,
      programSlug: form.programSlug,
      tier: {
        key: blank(form.key) ? null : form.key!.trim(),
        name: form.name,
        rank: rank!,
        threshold: threshold ?? 0,
        earnMultiplierPercent: earnMultiplier === null ? 100 : Math.round(earnMultiplier * 100),
        discountPercent: readInt(ctx, "discountPercent", form.discountPercent) ?? 0,
        perks: perksIn(form.perks),
        color: form.color,
        priceMinor: paid ? readMoney(ctx, "price", form.price, money) : null,
        periodMonths: paid ? readInt(ctx, "periodMonths", form.periodMonths) : null,
        translations: Object.fromEntries(
          locales
            .map((locale) => {
              const name = values[`name_${locale}`]?.trim() ?? "";
              const perks = perksIn(values[`perks_${locale}`]);
              return [locale, { ...(name ? { name } : {}), ...(perks.length > 0 ? { perks } : {}) }] as const;
            })
            .filter(([, content]) => Object.keys(content).length > 0),
        ),
      },
    };
  });

export const expiryFormSchema = z
  .object({
    ...builderRef,
    policy: z.enum(expiryPolicies, { error: "invalid" }),
    expiryMonths: optional,
    referrerPoints: optional,
    refereePoints: optional,
    maxPerMember: optional,
  })
  .transform((form, ctx) => ({
    merchantSlug: form.merchantSlug,
    programSlug: form.programSlug,
    expiry: { policy: form.policy, months: readInt(ctx, "expiryMonths", form.expiryMonths) ?? 0 },
    referral: {
      referrerPoints: readInt(ctx, "referrerPoints", form.referrerPoints) ?? 0,
      refereePoints: readInt(ctx, "refereePoints", form.refereePoints) ?? 0,
      maxPerMember: readInt(ctx, "maxPerMember", form.maxPerMember) ?? 0,
    },
  }));

/** The program's pilot: a share of members (a whole percentage) and the stores it runs at. */
export const programRolloutFormSchema = z
  .object({ ...builderRef, rolloutPercent: optional, rolloutStoreIds: optional })
  .transform((form, ctx) => {
    const percent = readInt(ctx, "rolloutPercent", form.rolloutPercent);
    return {
      merchantSlug: form.merchantSlug,
      programSlug: form.programSlug,
      rollout: { rolloutPercent: percent ?? 100, rolloutStoreIds: list(form.rolloutStoreIds) },
    };
  });

import { z } from "zod";
import { AppError } from "@/lib/errors";
import { earningRuleKinds, expiryPolicies, memberActions, roundingModes } from "@/db/schema";
import { limits, saleTimeWindow } from "@/lib/limits";
import { birthdayModes } from "@/lib/rules/earning-settings";
import { rfmGroups } from "@/lib/segments/rfm-groups";
import { rolloutPercentField } from "./rollout";

// Messages are keys of the "validation" catalog, as in fields.ts. Bounds on what reaches the
// ledger come from lib/limits.ts.
const count = (max: number) => z.int({ error: "invalid" }).min(0, { error: "invalid" }).max(max, { error: "tooLarge" });
const positive = (max: number) =>
  z.int({ error: "invalid" }).min(1, { error: "invalid" }).max(max, { error: "tooLarge" });
const keyField = z
  .string({ error: "required" })
  .trim()
  .regex(/^[a-z0-9]+([_-][a-z0-9]+)*$/, { error: "invalid" })
  .max(64, { error: "tooLong" });
const idList = z
  .array(z.uuid({ error: "invalid" }))
  .min(1, { error: "required" })
  .max(200, { error: "tooLong" });
const categoryList = z
  .array(z.string().trim().min(1, { error: "required" }).max(100, { error: "tooLong" }))
  .min(1, { error: "required" })
  .max(200, { error: "tooLong" });

export const programSettingsSchema = z
  .object({
    earnRate: z.object({ points: count(limits.maxRatePoints), perMinor: positive(limits.maxRatePerMinor) }),
    rounding: z.enum(roundingModes, { error: "invalid" }),
    minimumSpendMinor: count(limits.maxAmountMinor),
    pointValueMinor: count(1_000_000),
    expiry: z.object({ policy: z.enum(expiryPolicies, { error: "invalid" }), months: count(600) }),
    referral: z.object({
      referrerPoints: count(limits.maxBonusPoints),
      refereePoints: count(limits.maxBonusPoints),
      maxPerMember: count(100_000),
    }),
    tierQualification: z.object({
      basis: z.enum(["points", "spend", "visits"], { error: "invalid" }),
      window: z.enum(["calendar_year", "rolling_months"], { error: "invalid" }),
      months: positive(120),
    }),
    birthdayMode: z.enum(birthdayModes, { error: "invalid" }).optional(),
    saleTimeWindow: z
      .object({ daysBack: positive(saleTimeWindow.maxDaysBack), minutesAhead: count(saleTimeWindow.maxMinutesAhead) })
      .optional(),
  })
  .refine((settings) => settings.expiry.policy === "never" || settings.expiry.months >= 1, {
    error: "invalid",
    path: ["expiry", "months"],
  });

export const ruleConditionsSchema = z.object({
  storeIds: idList.optional(),
  categories: categoryList.optional(),
  excludedCategories: categoryList.optional(),
  minimumSpendMinor: count(limits.maxAmountMinor).optional(),
  daysOfWeek: z.array(z.int().min(0).max(6), { error: "invalid" }).min(1, { error: "required" }).max(7).optional(),
  segmentId: z.uuid({ error: "invalid" }).optional(),
});

/**
 * One earning rule of a draft. What each kind uses: `spend` only its conditions (where the base
 * rate earns and what it excludes); `action` an action and points; `multiplier` a multiplier
 * of at least 100 %; `campaign` a multiplier, fixed points per purchase, or both.
 */
export const earningRuleSchema = z
  .object({
    key: keyField,
    name: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(100, { error: "tooLong" }),
    kind: z.enum(earningRuleKinds, { error: "invalid" }),
    action: z.enum(memberActions, { error: "invalid" }).nullable().default(null),
    points: count(limits.maxBonusPoints).nullable().default(null),
    multiplier: z
      .int({ error: "invalid" })
      .min(100, { error: "invalid" })
      .max(limits.maxMultiplierPercent, { error: "tooLarge" })
      .nullable()
      .default(null),
    conditions: ruleConditionsSchema.default({}),
    /** A pilot share of members (lib/rollout); the rule's stores are `conditions.storeIds`. */
    rolloutPercent: rolloutPercentField.default(100),
    startsAt: z.coerce.date({ error: "invalid" }).nullable().default(null),
    endsAt: z.coerce.date({ error: "invalid" }).nullable().default(null),
    position: z.int({ error: "invalid" }).min(0).max(10_000).default(0),
  })
  .superRefine((rule, ctx) => {
    const problem = (path: string, error = "invalid") => ctx.addIssue({ code: "custom", message: error, path: [path] });
    if (rule.startsAt && rule.endsAt && rule.startsAt >= rule.endsAt) problem("endsAt");
    switch (rule.kind) {
      case "spend":
        if (rule.points !== null) problem("points");
        if (rule.multiplier !== null) problem("multiplier");
        if (rule.action !== null) problem("action");
        break;
      case "action":
        if (rule.action === null) problem("action", "required");
        if (rule.action === "referral") problem("action");
        if (rule.points === null) problem("points", "required");
        if (rule.multiplier !== null) problem("multiplier");
        break;
      case "multiplier":
        if (rule.multiplier === null) problem("multiplier", "required");
        if (rule.points !== null) problem("points");
        if (rule.action !== null) problem("action");
        break;
      case "campaign":
        if (rule.multiplier === null && rule.points === null) problem("points", "required");
        if (rule.action !== null) problem("action");
        break;
      case "gift":
        // Gift rules are not paid out by the engine yet: refused until they are.
        problem("kind");
        break;
    }
  });

export type EarningRuleInput = z.input<typeof earningRuleSchema>;

export const segmentRulesSchema = z.object({
  tierKeys: z.array(keyField).min(1, { error: "required" }).max(50).optional(),
  rfmGroups: z
    .array(z.enum(rfmGroups, { error: "invalid" }))
    .min(1, { error: "required" })
    .max(rfmGroups.length)
    .optional(),
  minSpendMinor: count(1_000_000_000_000).optional(),
  minVisits: count(1_000_000).optional(),
  windowDays: positive(3_660).optional(),
  categories: categoryList.optional(),
  storeIds: idList.optional(),
  birthdayMonth: z.int({ error: "invalid" }).min(1, { error: "invalid" }).max(12, { error: "invalid" }).optional(),
  joinedFrom: z.iso.date({ error: "invalid" }).optional(),
  joinedUntil: z.iso.date({ error: "invalid" }).optional(),
  marketingConsent: z.boolean({ error: "invalid" }).optional(),
});

/** Parses input for a domain function; the first problem becomes an `invalid_input` on its field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.at(-1);
  throw new AppError("invalid_input", `Invalid ${issue?.path.join(".") || "input"}: ${issue?.message ?? "invalid"}`, {
    field: typeof field === "string" ? field : "input",
    validation: issue?.message ?? "invalid",
  });
}

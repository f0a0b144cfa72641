"use server";

import { and, desc, eq, inArray } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import type { Db } from "@/db";
import { programVersions, type ProgramSettings } from "@/db/schema";
import { staffAction } from "@/lib/actions/action-client";
import { AppError, isAppError } from "@/lib/errors";
import { createDraftVersion } from "@/lib/programs/create-draft-version";
import { discardDraftVersion } from "@/lib/programs/discard-draft-version";
import { findMerchantProgram } from "@/lib/programs/find-merchant-program";
import { removeDraftEarningRule, saveDraftEarningRule, updateDraftSettings } from "@/lib/programs/edit-draft";
import { removeDraftTier, saveDraftTier } from "@/lib/programs/edit-draft-tiers";
import { publishDraftVersion } from "@/lib/programs/publish-draft-version";
import { updateProgramIdentity } from "@/lib/programs/update-program-identity";
import { setProgramRollout } from "@/lib/rollout/set-rollout";
import { addCalendarDays, startOfLocalDay } from "@/lib/time-zone";
import { tierSchema } from "@/lib/validation/programs";
import { earningRuleSchema, parseOrThrow, programSettingsSchema } from "@/lib/validation/rules";
import {
  builderProgramSchema,
  earningSettingsFormSchema,
  expiryFormSchema,
  identityFormSchema,
  programRolloutFormSchema,
  removeByKeySchema,
  ruleFormSchema,
  tierFormSchema,
  tierQualificationFormSchema,
} from "@/lib/validation/program-forms";

// Every action: the caller's role must allow `manageProgram` at the merchant the input names
// (staffAction reads it from the database), and the program is looked up within that merchant.

type Ref = { merchantSlug: string; programSlug: string };

const programOf = (db: Db, merchantId: string, slug: string) => findMerchantProgram(db, { merchantId, slug });

function refresh(ref: Ref) {
  revalidatePath(`/admin/${ref.merchantSlug}/programs/${ref.programSlug}`, "layout");
  revalidatePath(`/admin/${ref.merchantSlug}/programs`);
}

/** A domain check names the domain's field; the form may call it otherwise. */
function onFormFields(fields: Record<string, string>) {
  return (error: unknown): never => {
    const field = isAppError(error) ? error.details?.field : undefined;
    if (isAppError(error) && typeof field === "string" && fields[field]) {
      throw new AppError(error.code, error.message, { ...error.details, field: fields[field] });
    }
    throw error;
  };
}

/**
 * Opens the draft if none is open (the first edit does it), for the edit to go to. `check`
 * runs first, on the settings the edit starts from, so refused input opens no draft either.
 */
async function draftFor(db: Db, merchantId: string, ref: Ref, check?: (settings: ProgramSettings) => void) {
  const program = await programOf(db, merchantId, ref.programSlug);
  if (check) {
    const [current] = await db
      .select({ settings: programVersions.settings })
      .from(programVersions)
      .where(
        and(
          eq(programVersions.merchantId, merchantId),
          eq(programVersions.programId, program.id),
          inArray(programVersions.status, ["draft", "published"]),
        ),
      )
      .orderBy(desc(programVersions.number))
      .limit(1);
    if (current) check(current.settings);
  }
  const draft = await createDraftVersion(db, { merchantId, programId: program.id });
  return { program, draft, draftRef: { merchantId, programId: program.id } };
}

const manage = { permission: "manageProgram" } as const;

export const startDraftAction = staffAction(
  { ...manage, schema: builderProgramSchema },
  async (ref, { db, merchant }) => {
    const { draft } = await draftFor(db, merchant.id, ref);
    refresh(ref);
    return { number: draft.number };
  },
);

export type PublishResult =
  { published: true; number: number } | { published: false; refusal: string; rewards?: string[]; field?: string };

export const publishDraftAction = staffAction(
  { ...manage, schema: builderProgramSchema },
  async (ref, { db, merchant }): Promise<PublishResult> => {
    const program = await programOf(db, merchant.id, ref.programSlug);
    try {
      const published = await publishDraftVersion(db, { merchantId: merchant.id, programId: program.id });
      refresh(ref);
      return { published: true, number: published.number };
    } catch (error) {
      // A refusal is shown with what it names (the rewards a dropped tier strands).
      if (!isAppError(error) || error.code === "not_found") throw error;
      const rewards = error.details?.rewards as { name: string }[] | undefined;
      const field = error.details?.field;
      return {
        published: false,
        refusal: error.code,
        rewards: rewards?.map((reward) => reward.name),
        field: typeof field === "string" ? field : undefined,
      };
    }
  },
);

export const discardDraftAction = staffAction(
  { ...manage, schema: builderProgramSchema },
  async (ref, { db, merchant }) => {
    const program = await programOf(db, merchant.id, ref.programSlug);
    await discardDraftVersion(db, { merchantId: merchant.id, programId: program.id });
    refresh(ref);
    return null;
  },
);

export const saveIdentityAction = staffAction(
  { ...manage, schema: identityFormSchema },
  async ({ identity, ...ref }, { db, merchant }) => {
    const program = await programOf(db, merchant.id, ref.programSlug);
    await updateProgramIdentity(db, { merchantId: merchant.id, programId: program.id, identity });
    refresh(ref);
    return null;
  },
);

export const saveProgramRolloutAction = staffAction(
  { ...manage, schema: programRolloutFormSchema },
  async ({ rollout, ...ref }, { db, merchant }) => {
    const program = await programOf(db, merchant.id, ref.programSlug);
    await setProgramRollout(db, { merchantId: merchant.id, programId: program.id, rollout });
    refresh(ref);
    return null;
  },
);

export const saveEarningSettingsAction = staffAction(
  { ...manage, schema: earningSettingsFormSchema },
  async ({ settings, ...ref }, { db, merchant }) => {
    const fields = onFormFields({
      perMinor: "perAmount",
      minimumSpendMinor: "minimumSpend",
      pointValueMinor: "pointValue",
    });
    const { draft, draftRef } = await draftFor(db, merchant.id, ref, (current) =>
      attempt(() => parseOrThrow(programSettingsSchema, { ...current, ...settings }), fields),
    );
    await updateDraftSettings(db, { ...draftRef, settings: { ...draft.settings, ...settings } }).catch(fields);
    refresh(ref);
    return null;
  },
);

export const saveRuleAction = staffAction(
  { ...manage, schema: ruleFormSchema },
  async ({ rule, startsOn, endsOn, ...ref }, { db, merchant }) => {
    const fields = onFormFields({
      minimumSpendMinor: "minimumSpend",
      daysOfWeek: "days",
      startsAt: "startsOn",
      endsAt: "endsOn",
    });
    const { timeZone } = await programOf(db, merchant.id, ref.programSlug);
    const full = {
      ...rule,
      key: rule.key ?? newKey(rule.name),
      startsAt: startsOn ? startOfLocalDay(startsOn, timeZone) : null,
      // The end date is the last day the rule applies, so it ends as the next day starts.
      endsAt: endsOn ? startOfLocalDay(addCalendarDays(endsOn, 1), timeZone) : null,
    };
    const { draftRef } = await draftFor(db, merchant.id, ref, () =>
      attempt(() => parseOrThrow(earningRuleSchema, full), fields),
    );
    const saved = await saveDraftEarningRule(db, { ...draftRef, rule: full }).catch(fields);
    refresh(ref);
    return { key: saved.key };
  },
);

export const removeRuleAction = staffAction(
  { ...manage, schema: removeByKeySchema },
  async ({ key, ...ref }, { db, merchant }) => {
    const { draftRef } = await draftFor(db, merchant.id, ref);
    await removeDraftEarningRule(db, { ...draftRef, key });
    refresh(ref);
    return null;
  },
);

export const saveTierQualificationAction = staffAction(
  { ...manage, schema: tierQualificationFormSchema },
  async ({ tierQualification, ...ref }, { db, merchant }) => {
    const fields = onFormFields({ months: "qualificationMonths" });
    const { draft, draftRef } = await draftFor(db, merchant.id, ref, (current) =>
      attempt(() => parseOrThrow(programSettingsSchema, { ...current, tierQualification }), fields),
    );
    await updateDraftSettings(db, { ...draftRef, settings: { ...draft.settings, tierQualification } }).catch(fields);
    refresh(ref);
    return null;
  },
);

export const saveTierAction = staffAction(
  { ...manage, schema: tierFormSchema },
  async ({ tier, ...ref }, { db, merchant }) => {
    const fields = onFormFields({ earnMultiplierPercent: "earnMultiplier", priceMinor: "price" });
    const full = { ...tier, key: tier.key ?? newKey(tier.name) };
    const { draftRef } = await draftFor(db, merchant.id, ref, () =>
      attempt(() => parseOrThrow(tierSchema, full), fields),
    );
    const saved = await saveDraftTier(db, { ...draftRef, tier: full }).catch(fields);
    refresh(ref);
    return { key: saved.key };
  },
);

export const removeTierAction = staffAction(
  { ...manage, schema: removeByKeySchema },
  async ({ key, ...ref }, { db, merchant }) => {
    const { draftRef } = await draftFor(db, merchant.id, ref);
    await removeDraftTier(db, { ...draftRef, key });
    refresh(ref);
    return null;
  },
);

export const saveExpiryAction = staffAction(
  { ...manage, schema: expiryFormSchema },
  async ({ expiry, referral, ...ref }, { db, merchant }) => {
    const fields = onFormFields({ months: "expiryMonths" });
    const { draft, draftRef } = await draftFor(db, merchant.id, ref, (current) =>
      attempt(() => parseOrThrow(programSettingsSchema, { ...current, expiry, referral }), fields),
    );
    await updateDraftSettings(db, { ...draftRef, settings: { ...draft.settings, expiry, referral } }).catch(fields);
    refresh(ref);
    return null;
  },
);

/** A stable key for a new rule or tier, from its name, unique enough within a version. */
function newKey(name: string) {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 40) || "item";
  return `${base}_${crypto.randomUUID().slice(0, 6)}`;
}

/** Runs a check, its refusal renamed to the form's field. */
function attempt(check: () => unknown, onError: (error: unknown) => never) {
  try {
    check();
  } catch (error) {
    onError(error);
  }
}

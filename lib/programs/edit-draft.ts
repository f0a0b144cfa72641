import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { earningRules, programVersions, segments } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { EarningRule } from "@/lib/rules/compute-purchase-points";
import type { EarningSettings } from "@/lib/rules/earning-settings";
import { earningRuleSchema, parseOrThrow, programSettingsSchema, type EarningRuleInput } from "@/lib/validation/rules";
import { assertMerchantStores } from "./assert-merchant-stores";
import type { ProgramVersion } from "./create-draft-version";
import { lockProgram } from "./lock-program";

type DraftRef = { merchantId: string; programId: string };

/** Replaces the draft's settings. Published versions never change: edits go to the draft. */
export async function updateDraftSettings(
  db: Db,
  input: DraftRef & { settings: EarningSettings },
): Promise<ProgramVersion> {
  const settings = parseOrThrow(programSettingsSchema, input.settings);
  return db.transaction(async (tx) => {
    const draft = await lockDraft(tx, input);
    const [updated] = await tx
      .update(programVersions)
      .set({ settings })
      .where(and(eq(programVersions.merchantId, input.merchantId), eq(programVersions.id, draft.id)))
      .returning();
    return updated!;
  });
}

/** Adds an earning rule to the draft, or replaces the draft's rule with the same key. */
export async function saveDraftEarningRule(db: Db, input: DraftRef & { rule: EarningRuleInput }): Promise<EarningRule> {
  const rule = parseOrThrow(earningRuleSchema, input.rule);
  return db.transaction(async (tx) => {
    const draft = await lockDraft(tx, input);
    await assertConditionsOwned(tx, input, rule.conditions);
    const values = { ...rule, merchantId: input.merchantId, programVersionId: draft.id };
    const [saved] = await tx
      .insert(earningRules)
      .values(values)
      .onConflictDoUpdate({ target: [earningRules.programVersionId, earningRules.key], set: values })
      .returning();
    return saved!;
  });
}

/** Removes an earning rule from the draft; the published version keeps it until the next publish. */
export async function removeDraftEarningRule(db: Db, input: DraftRef & { key: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const draft = await lockDraft(tx, input);
    const removed = await tx
      .delete(earningRules)
      .where(
        and(
          eq(earningRules.merchantId, input.merchantId),
          eq(earningRules.programVersionId, draft.id),
          eq(earningRules.key, input.key),
        ),
      )
      .returning({ id: earningRules.id });
    if (removed.length === 0) throw new AppError("not_found", "The draft has no earning rule with this key");
  });
}

/** Locks the program and returns its draft; `no_draft` when none is open. */
export async function lockDraft(tx: Tx, input: DraftRef): Promise<ProgramVersion> {
  await lockProgram(tx, input);
  const [draft] = await tx
    .select()
    .from(programVersions)
    .where(
      and(
        eq(programVersions.merchantId, input.merchantId),
        eq(programVersions.programId, input.programId),
        eq(programVersions.status, "draft"),
      ),
    );
  if (!draft) throw new AppError("no_draft", "Start a draft before editing the program");
  return draft;
}

/** A rule may only name this merchant's stores and this program's segments. */
async function assertConditionsOwned(tx: Tx, input: DraftRef, conditions: EarningRule["conditions"]) {
  await assertMerchantStores(tx, { merchantId: input.merchantId, storeIds: conditions.storeIds });
  if (conditions.segmentId) {
    const [segment] = await tx
      .select({ id: segments.id })
      .from(segments)
      .where(
        and(
          eq(segments.merchantId, input.merchantId),
          eq(segments.programId, input.programId),
          eq(segments.id, conditions.segmentId),
        ),
      );
    if (!segment) throw new AppError("invalid_input", "Unknown segment", { field: "segmentId", validation: "invalid" });
  }
}

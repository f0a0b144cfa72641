import { and, eq, isNotNull, notInArray } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { earningRules, programVersions, rewards, tiers } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { assertActiveProgramRewards } from "@/lib/rewards/assert-program-reward";
import { earningRuleSchema, programSettingsSchema } from "@/lib/validation/rules";
import type { ProgramVersion } from "./create-draft-version";
import { lockProgram } from "./lock-program";

/**
 * Puts the program's draft in force: the draft becomes the published version and the version
 * published until now becomes superseded, in one transaction, so a purchase always sees exactly
 * one version in force. Superseded versions are kept: earlier ledger entries point at them.
 */
export async function publishDraftVersion(
  db: Db,
  input: { merchantId: string; programId: string; now?: Date },
): Promise<ProgramVersion> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    await lockProgram(tx, input);
    const ofProgram = and(
      eq(programVersions.merchantId, input.merchantId),
      eq(programVersions.programId, input.programId),
    );
    const [draft] = await tx
      .select()
      .from(programVersions)
      .where(and(ofProgram, eq(programVersions.status, "draft")));
    if (!draft) throw new AppError("no_draft", "This program has no draft to publish");
    await assertPublishable(tx, draft);

    await tx
      .update(programVersions)
      .set({ status: "superseded" })
      .where(and(ofProgram, eq(programVersions.status, "published")));
    const [published] = await tx
      .update(programVersions)
      .set({ status: "published", publishedAt: now })
      .where(and(ofProgram, eq(programVersions.id, draft.id)))
      .returning();
    if (!published) throw new Error("Publishing updated no version");
    return published;
  });
}

/** A draft edited outside the builder (a seed, a migration) is checked again before it counts. */
async function assertPublishable(tx: Tx, draft: ProgramVersion) {
  if (!programSettingsSchema.safeParse(draft.settings).success) {
    throw new AppError("invalid_input", "The draft's settings are not valid", {
      field: "settings",
      validation: "invalid",
    });
  }
  const rules = await tx
    .select()
    .from(earningRules)
    .where(and(eq(earningRules.merchantId, draft.merchantId), eq(earningRules.programVersionId, draft.id)));
  const broken = rules.find((rule) => !earningRuleSchema.safeParse(rule).success);
  if (broken) {
    throw new AppError("invalid_input", `The earning rule "${broken.key}" is not valid`, {
      field: "rules",
      validation: "invalid",
    });
  }
  // Rewards handed out by the version itself (certificates, gift rules) must still be live.
  const certificates = draft.settings.certificates;
  const ofDraft = { merchantId: draft.merchantId, programId: draft.programId };
  await assertActiveProgramRewards(tx, {
    ...ofDraft,
    rewardIds: certificates ? [certificates.rewardId] : [],
    field: "rewardId",
  });
  await assertActiveProgramRewards(tx, {
    ...ofDraft,
    rewardIds: rules.flatMap((rule) => (rule.kind === "gift" && rule.giftRewardId ? [rule.giftRewardId] : [])),
    field: "giftRewardId",
  });
  await assertRewardTiersKept(tx, draft);
}

/**
 * Rewards are the program's, tiers the version's: a draft that drops a tier an active reward
 * requires would lock that reward for every member. The merchant is told which rewards, to
 * give them another minimum tier or archive them first.
 */
async function assertRewardTiersKept(tx: Tx, draft: ProgramVersion) {
  const draftTierKeys = tx
    .select({ key: tiers.key })
    .from(tiers)
    .where(and(eq(tiers.merchantId, draft.merchantId), eq(tiers.programVersionId, draft.id)));
  const stranded = await tx
    .select({ id: rewards.id, name: rewards.name, minTierKey: rewards.minTierKey })
    .from(rewards)
    .where(
      and(
        eq(rewards.merchantId, draft.merchantId),
        eq(rewards.programId, draft.programId),
        eq(rewards.status, "active"),
        isNotNull(rewards.minTierKey),
        notInArray(rewards.minTierKey, draftTierKeys),
      ),
    );
  if (stranded.length > 0) {
    throw new AppError(
      "reward_tier_missing",
      `Active rewards require tiers this version drops: ${stranded.map((reward) => reward.name).join(", ")}`,
      {
        rewards: stranded,
      },
    );
  }
}

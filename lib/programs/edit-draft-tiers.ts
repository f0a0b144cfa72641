import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db";
import { tiers } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/rules";
import { tierSchema, type TierInput } from "@/lib/validation/programs";
import { lockDraft } from "./edit-draft";

type DraftRef = { merchantId: string; programId: string };
export type Tier = typeof tiers.$inferSelect;

/**
 * Adds a tier to the draft, or replaces the draft's tier with the same key (keys are stable
 * across versions: members hold a tier by key). Two tiers of a version never share a rank.
 */
export async function saveDraftTier(db: Db, input: DraftRef & { tier: TierInput }): Promise<Tier> {
  const tier = parseOrThrow(tierSchema, input.tier);
  return db.transaction(async (tx) => {
    const draft = await lockDraft(tx, input);
    const [sameRank] = await tx
      .select({ key: tiers.key })
      .from(tiers)
      .where(
        and(
          eq(tiers.merchantId, input.merchantId),
          eq(tiers.programVersionId, draft.id),
          eq(tiers.rank, tier.rank),
          ne(tiers.key, tier.key),
        ),
      );
    if (sameRank) {
      throw new AppError("invalid_input", `Another tier ("${sameRank.key}") already has rank ${tier.rank}`, {
        field: "rank",
        validation: "rankTaken",
      });
    }
    const values = { ...tier, merchantId: input.merchantId, programVersionId: draft.id };
    const [saved] = await tx
      .insert(tiers)
      .values(values)
      .onConflictDoUpdate({ target: [tiers.programVersionId, tiers.key], set: values })
      .returning();
    return saved!;
  });
}

/** Removes a tier from the draft; the published version keeps it until the next publish. */
export async function removeDraftTier(db: Db, input: DraftRef & { key: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const draft = await lockDraft(tx, input);
    const removed = await tx
      .delete(tiers)
      .where(
        and(eq(tiers.merchantId, input.merchantId), eq(tiers.programVersionId, draft.id), eq(tiers.key, input.key)),
      )
      .returning({ id: tiers.id });
    if (removed.length === 0) throw new AppError("not_found", "The draft has no tier with this key");
  });
}

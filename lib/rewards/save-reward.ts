import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rewards } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { assertMerchantStores } from "@/lib/programs/assert-merchant-stores";
import { assertProgramTier } from "@/lib/programs/assert-program-tier";
import { optionalInstant } from "@/lib/programs/local-date-time";
import { lockProgram } from "@/lib/programs/lock-program";
import { parseOrThrow } from "@/lib/validation/rules";
import { rewardSchema, type RewardInput } from "@/lib/validation/catalog";

export type Reward = typeof rewards.$inferSelect;

/**
 * Adds a reward to a program's catalog (no `rewardId`) or edits one. Rewards belong to the
 * program, not to a version: an edit shows at once. The window is read in the program's time
 * zone; the minimum tier must be one of the program's tiers and the rollout's stores the
 * merchant's own. `currency`, when given, is the currency the form showed a fixed discount in.
 *
 * Stock and redemptions: a redemption takes one from the stock with a conditional decrement in
 * its own transaction. An edit locks the reward row (so it waits for a redemption in flight, and
 * one waits for it) and, when the editor saw a limited stock (`stockSeen`) and sets another,
 * applies the difference to the stock as it is now rather than writing the number typed: a
 * manager who saw 5 left and typed 10 adds 5, and the redemptions made while the form was open
 * are not given back. Never below 0. Setting unlimited, or a limit on an unlimited reward,
 * writes the value as typed.
 */
export async function saveReward(
  db: Db,
  input: {
    merchantId: string;
    programId: string;
    rewardId?: string | null;
    reward: RewardInput;
    stockSeen?: number | null;
    currency?: string;
  },
): Promise<Reward> {
  const reward = parseOrThrow(rewardSchema, input.reward);
  return db.transaction(async (tx) => {
    const program = await lockProgram(tx, input);
    if (input.currency && input.currency !== program.currency && reward.kind === "fixed_discount") {
      throw new AppError("invalid_input", "The program's currency has changed", {
        field: "value",
        validation: "currencyChanged",
      });
    }
    await assertProgramTier(tx, {
      merchantId: input.merchantId,
      programId: input.programId,
      tierKey: reward.minTierKey,
    });
    await assertMerchantStores(tx, {
      merchantId: input.merchantId,
      storeIds: reward.rolloutStoreIds,
      field: "rolloutStoreIds",
    });
    const discount = reward.kind === "fixed_discount" || reward.kind === "percent_discount";
    const values = {
      name: reward.name,
      description: reward.description,
      kind: reward.kind,
      costPoints: reward.costPoints,
      value: discount ? reward.value : null,
      imageUrl: reward.imageUrl,
      minTierKey: reward.minTierKey,
      perMemberLimit: reward.perMemberLimit,
      availableFrom: optionalInstant(reward.availableFrom, program.timeZone),
      availableUntil: optionalInstant(reward.availableUntil, program.timeZone),
      voucherValidDays: reward.voucherValidDays,
      rolloutPercent: reward.rolloutPercent,
      rolloutStoreIds: reward.rolloutStoreIds,
      translations: reward.translations,
    };

    if (!input.rewardId) {
      const [{ next } = { next: 0 }] = await tx
        .select({ next: sql<number>`coalesce(max(${rewards.position}) + 1, 0)::int` })
        .from(rewards)
        .where(and(eq(rewards.merchantId, input.merchantId), eq(rewards.programId, input.programId)));
      const [created] = await tx
        .insert(rewards)
        .values({
          ...values,
          merchantId: input.merchantId,
          programId: input.programId,
          stock: reward.stock,
          position: next,
        })
        .returning();
      return created!;
    }

    const scope = and(
      eq(rewards.merchantId, input.merchantId),
      eq(rewards.programId, input.programId),
      eq(rewards.id, input.rewardId),
    );
    const [current] = await tx.select({ stock: rewards.stock }).from(rewards).where(scope).for("update");
    if (!current) throw new AppError("not_found", "Reward not found");
    const seen = input.stockSeen === undefined ? current.stock : input.stockSeen;
    const relative = reward.stock !== null && seen !== null && current.stock !== null;
    const stock = relative ? sql`greatest(${rewards.stock} + ${reward.stock! - seen!}, 0)` : reward.stock;
    const [saved] = await tx
      .update(rewards)
      .set({ ...values, stock })
      .where(scope)
      .returning();
    return saved!;
  });
}

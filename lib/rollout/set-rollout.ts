import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { programs, rewards } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { assertMerchantStores } from "@/lib/programs/assert-merchant-stores";
import { lockProgram } from "@/lib/programs/lock-program";
import { parseOrThrow } from "@/lib/validation/rules";
import { rolloutSchema, type RolloutInput } from "@/lib/validation/rollout";

// Widening or narrowing a pilot takes effect at once (a program's or a reward's rollout is not
// versioned; a rule's `rolloutPercent` is, and is saved with the draft's rule).

/** Sets who a program reaches: a share of members and the home stores it runs at (the merchant's own). */
export async function setProgramRollout(
  db: Db,
  input: { merchantId: string; programId: string; rollout: RolloutInput },
) {
  const rollout = parseOrThrow(rolloutSchema, input.rollout);
  return db.transaction(async (tx) => {
    await lockProgram(tx, input);
    await assertMerchantStores(tx, {
      merchantId: input.merchantId,
      storeIds: rollout.rolloutStoreIds,
      field: "rolloutStoreIds",
    });
    const [updated] = await tx
      .update(programs)
      .set(rollout)
      .where(and(eq(programs.merchantId, input.merchantId), eq(programs.id, input.programId)))
      .returning({
        id: programs.id,
        rolloutPercent: programs.rolloutPercent,
        rolloutStoreIds: programs.rolloutStoreIds,
      });
    return updated!;
  });
}

/** Sets who a reward reaches: a share of members and the home stores it is offered at (the merchant's own). */
export async function setRewardRollout(db: Db, input: { merchantId: string; rewardId: string; rollout: RolloutInput }) {
  const rollout = parseOrThrow(rolloutSchema, input.rollout);
  return db.transaction(async (tx) => {
    await assertMerchantStores(tx, {
      merchantId: input.merchantId,
      storeIds: rollout.rolloutStoreIds,
      field: "rolloutStoreIds",
    });
    const [updated] = await tx
      .update(rewards)
      .set(rollout)
      .where(and(eq(rewards.merchantId, input.merchantId), eq(rewards.id, input.rewardId)))
      .returning({ id: rewards.id, rolloutPercent: rewards.rolloutPercent, rolloutStoreIds: rewards.rolloutStoreIds });
    if (!updated) throw new AppError("not_found", "Reward not found");
    return updated;
  });
}

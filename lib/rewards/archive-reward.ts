import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { rewards } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Reward } from "./save-reward";

/**
 * Archives a reward (members no longer see or redeem it; vouchers already issued stay valid)
 * or, with `archived: false`, puts it back in the catalog.
 */
export async function archiveReward(
  db: Db,
  input: { merchantId: string; rewardId: string; archived: boolean },
): Promise<Reward> {
  const [saved] = await db
    .update(rewards)
    .set({ status: input.archived ? "archived" : "active" })
    .where(and(eq(rewards.merchantId, input.merchantId), eq(rewards.id, input.rewardId)))
    .returning();
  if (!saved) throw new AppError("not_found", "Reward not found");
  return saved;
}

import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { rewards } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * Rewards a program's settings or rules hand out by themselves (a certificate's, a gift
 * rule's) must be the program's own and active; otherwise `invalid_input` on `field`.
 */
export async function assertActiveProgramRewards(
  tx: Tx,
  input: { merchantId: string; programId: string; rewardIds: string[]; field: string },
): Promise<void> {
  const wanted = [...new Set(input.rewardIds)];
  if (wanted.length === 0) return;
  const found = await tx
    .select({ id: rewards.id })
    .from(rewards)
    .where(
      and(
        eq(rewards.merchantId, input.merchantId),
        eq(rewards.programId, input.programId),
        eq(rewards.status, "active"),
        inArray(rewards.id, wanted),
      ),
    );
  if (found.length < wanted.length) {
    throw new AppError("invalid_input", "The reward must be one of this program's active rewards", {
      field: input.field,
      validation: "invalid",
    });
  }
}

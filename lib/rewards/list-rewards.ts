import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { rewards } from "@/db/schema";
import { rewardOffered, type RewardViewer } from "./reward-availability";

/** A program's active catalog, in the merchant's order: every reward, as staff see it. */
export function listActiveRewards(db: Db, programId: string) {
  return db
    .select()
    .from(rewards)
    .where(and(eq(rewards.programId, programId), eq(rewards.status, "active")))
    .orderBy(asc(rewards.position), asc(rewards.costPoints));
}

/**
 * The active catalog as one member (or, with null, a visitor) sees it: without the rewards
 * whose staged rollout does not reach them (lib/rollout). A visitor sees only the rewards
 * offered to everyone.
 */
export async function listMemberRewards(db: Db, programId: string, viewer: RewardViewer | null) {
  const catalog = await listActiveRewards(db, programId);
  return catalog.filter((reward) => rewardOffered(reward, viewer));
}

import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { rewards } from "@/db/schema";

export type StaffReward = Awaited<ReturnType<typeof listProgramRewards>>[number];

/** Every reward of a program, archived ones included, for its catalog editor. */
export function listProgramRewards(db: Db, input: { merchantId: string; programId: string }) {
  return db
    .select({
      id: rewards.id,
      name: rewards.name,
      description: rewards.description,
      kind: rewards.kind,
      status: rewards.status,
      costPoints: rewards.costPoints,
      value: rewards.value,
      imageUrl: rewards.imageUrl,
      stock: rewards.stock,
      minTierKey: rewards.minTierKey,
      perMemberLimit: rewards.perMemberLimit,
      availableFrom: rewards.availableFrom,
      availableUntil: rewards.availableUntil,
      voucherValidDays: rewards.voucherValidDays,
      rolloutPercent: rewards.rolloutPercent,
      rolloutStoreIds: rewards.rolloutStoreIds,
      translations: rewards.translations,
    })
    .from(rewards)
    .where(and(eq(rewards.merchantId, input.merchantId), eq(rewards.programId, input.programId)))
    .orderBy(asc(rewards.position), asc(rewards.costPoints));
}

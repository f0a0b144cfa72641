import { and, count, countDistinct, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { members, programVersions, purchases, tiers } from "@/db/schema";

/** The headline figures of a merchant's program, for the admin overview. */
export async function merchantOverview(db: Db, merchantId: string, now = new Date()) {
  const since30 = new Date(now.getTime() - 30 * 86_400_000);
  const [[totals], [recent], tierRows] = await Promise.all([
    db
      .select({
        members: count(),
        newMembers: sql<number>`count(*) filter (where ${members.joinedAt} >= ${since30})::int`,
        outstandingPoints: sql<number>`coalesce(sum(${members.pointsBalance}), 0)::int8`,
      })
      .from(members)
      .where(eq(members.merchantId, merchantId)),
    db
      .select({ purchases: count(), activeMembers: countDistinct(purchases.memberId) })
      .from(purchases)
      .where(and(eq(purchases.merchantId, merchantId), gte(purchases.occurredAt, since30))),
    db
      .select({ tierKey: members.tierKey, tierName: tiers.name, rank: tiers.rank, members: count() })
      .from(members)
      .innerJoin(
        programVersions,
        and(eq(programVersions.programId, members.programId), eq(programVersions.status, "published")),
      )
      .leftJoin(tiers, and(eq(tiers.programVersionId, programVersions.id), eq(tiers.key, members.tierKey)))
      .where(eq(members.merchantId, merchantId))
      .groupBy(members.tierKey, tiers.name, tiers.rank)
      .orderBy(tiers.rank),
  ]);
  return {
    members: totals?.members ?? 0,
    newMembers30: totals?.newMembers ?? 0,
    outstandingPoints: totals?.outstandingPoints ?? 0,
    purchases30: recent?.purchases ?? 0,
    activeMembers30: recent?.activeMembers ?? 0,
    tiers: tierRows,
  };
}

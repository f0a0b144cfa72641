import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { programVersions, stores, tiers } from "@/db/schema";

export type BuilderOptions = {
  /** The tiers of the draft and the published version, by key (the draft's name when both have it). */
  tiers: { key: string; name: string }[];
  stores: { id: string; name: string }[];
};

/** What the builder's selects offer: the program's tiers and the merchant's stores. */
export async function loadBuilderOptions(
  db: Db,
  input: { merchantId: string; programId: string },
): Promise<BuilderOptions> {
  const [tierRows, storeRows] = await Promise.all([
    db
      .select({ key: tiers.key, name: tiers.name, rank: tiers.rank, status: programVersions.status })
      .from(tiers)
      .innerJoin(programVersions, eq(programVersions.id, tiers.programVersionId))
      .where(
        and(
          eq(tiers.merchantId, input.merchantId),
          eq(programVersions.merchantId, input.merchantId),
          eq(programVersions.programId, input.programId),
          inArray(programVersions.status, ["draft", "published"]),
        ),
      )
      .orderBy(asc(tiers.rank)),
    db
      .select({ id: stores.id, name: stores.name })
      .from(stores)
      .where(eq(stores.merchantId, input.merchantId))
      .orderBy(asc(stores.name)),
  ]);
  const byKey = new Map<string, { key: string; name: string }>();
  for (const tier of tierRows) {
    if (!byKey.has(tier.key) || tier.status === "draft") byKey.set(tier.key, { key: tier.key, name: tier.name });
  }
  return { tiers: [...byKey.values()], stores: storeRows };
}

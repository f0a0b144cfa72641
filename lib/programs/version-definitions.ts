import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { badges, challenges, earningRules, programVersions, tiers } from "@/db/schema";

export type VersionDefinitions = {
  version: typeof programVersions.$inferSelect;
  tiers: (typeof tiers.$inferSelect)[];
  rules: (typeof earningRules.$inferSelect)[];
  badges: (typeof badges.$inferSelect)[];
  challenges: (typeof challenges.$inferSelect)[];
};

// A published version is frozen (only drafts are edited), so what it defines can be kept for
// the life of the process: every instance caches the same immutable rows, keyed by version id.
const frozen = new Map<string, VersionDefinitions>();
const maxCachedVersions = 1_000;

/** A version (its settings), its tiers (by rank), earning rules (by position), badges and challenges. */
export async function loadVersionDefinitions(
  db: Db,
  input: { merchantId: string; versionId: string; frozen: boolean },
): Promise<VersionDefinitions> {
  const cached = input.frozen ? frozen.get(input.versionId) : undefined;
  if (cached) return cached;
  const ofVersion = <T extends typeof tiers | typeof earningRules | typeof badges | typeof challenges>(table: T) =>
    and(eq(table.merchantId, input.merchantId), eq(table.programVersionId, input.versionId));
  const [version] = await db
    .select()
    .from(programVersions)
    .where(and(eq(programVersions.merchantId, input.merchantId), eq(programVersions.id, input.versionId)));
  if (!version) throw new Error(`Program version ${input.versionId} not found`);
  const definitions = {
    version,
    tiers: await db.select().from(tiers).where(ofVersion(tiers)).orderBy(asc(tiers.rank)),
    rules: await db
      .select()
      .from(earningRules)
      .where(ofVersion(earningRules))
      .orderBy(asc(earningRules.position), asc(earningRules.key)),
    badges: await db.select().from(badges).where(ofVersion(badges)).orderBy(asc(badges.key)),
    challenges: await db.select().from(challenges).where(ofVersion(challenges)).orderBy(asc(challenges.id)),
  };
  if (input.frozen) {
    if (frozen.size >= maxCachedVersions) frozen.clear();
    frozen.set(input.versionId, definitions);
  }
  return definitions;
}

/** For test fixtures that write rows into an already published version. */
export function forgetVersionDefinitions() {
  frozen.clear();
}

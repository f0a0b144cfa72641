import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { findMerchantProgram } from "./find-merchant-program";
import { rewards, segments, stores } from "@/db/schema";
import {
  defaultComparison,
  listProgramVersions,
  loadVersionDiff,
  type VersionDiff,
  type VersionSummary,
} from "./load-version-diff";

export type VersionHistory = {
  program: { id: string; slug: string; name: string; currency: string; timeZone: string };
  versions: VersionSummary[];
  /** The pair compared (asked for, or the default one) and its changes; null with a single version. */
  comparison: VersionDiff | null;
  /** Names for the ids a change may hold (stores, segments, rewards), so the page writes names. */
  names: { stores: Record<string, string>; segments: Record<string, string>; rewards: Record<string, string> };
};

/**
 * The version history page's data: the merchant's program by slug, its versions, and the
 * changes between `from` and `to` (version numbers; the default pair when either is missing
 * or unknown).
 */
export async function loadVersionHistory(
  db: Db,
  input: { merchantId: string; programSlug: string; from?: number; to?: number },
): Promise<VersionHistory> {
  const program = await findMerchantProgram(db, { merchantId: input.merchantId, slug: input.programSlug });
  const ref = { merchantId: input.merchantId, programId: program.id };
  const versions = await listProgramVersions(db, ref);
  const known = (number: number | undefined) => versions.some((version) => version.number === number);
  const pair =
    known(input.from) && known(input.to) ? { from: input.from!, to: input.to! } : defaultComparison(versions);
  const comparison = pair ? await loadVersionDiff(db, { ...ref, ...pair }) : null;

  const [storeRows, segmentRows, rewardRows] = await Promise.all([
    db.select({ id: stores.id, name: stores.name }).from(stores).where(eq(stores.merchantId, input.merchantId)),
    db
      .select({ id: segments.id, name: segments.name })
      .from(segments)
      .where(and(eq(segments.merchantId, input.merchantId), eq(segments.programId, program.id))),
    db
      .select({ id: rewards.id, name: rewards.name })
      .from(rewards)
      .where(and(eq(rewards.merchantId, input.merchantId), eq(rewards.programId, program.id))),
  ]);
  const byId = (rows: { id: string; name: string }[]) => Object.fromEntries(rows.map((row) => [row.id, row.name]));
  return {
    program,
    versions,
    comparison,
    names: { stores: byId(storeRows), segments: byId(segmentRows), rewards: byId(rewardRows) },
  };
}

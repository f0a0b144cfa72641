import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { programVersions, type ProgramSettings } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { diffVersions, type VersionChange } from "./diff-versions";
import { loadVersionDefinitions } from "./version-definitions";

export type VersionSummary = {
  id: string;
  number: number;
  status: "draft" | "published" | "superseded";
  publishedAt: Date | null;
  createdAt: Date;
};

/** A program's versions, newest first, scoped to the merchant. */
export function listProgramVersions(
  db: Db,
  input: { merchantId: string; programId: string },
): Promise<VersionSummary[]> {
  return db
    .select({
      id: programVersions.id,
      number: programVersions.number,
      status: programVersions.status,
      publishedAt: programVersions.publishedAt,
      createdAt: programVersions.createdAt,
    })
    .from(programVersions)
    .where(and(eq(programVersions.merchantId, input.merchantId), eq(programVersions.programId, input.programId)))
    .orderBy(desc(programVersions.number));
}

/**
 * The pair the history compares when none is asked for: the draft against the version in
 * force (what publishing would change), else the version in force against the one before it.
 * Null when the program has a single version.
 */
export function defaultComparison(versions: readonly VersionSummary[]): { from: number; to: number } | null {
  const draft = versions.find((version) => version.status === "draft");
  const published = versions.find((version) => version.status === "published");
  const newest = draft ?? published ?? versions[0];
  if (!newest) return null;
  const base =
    draft && published
      ? published
      : versions.filter((version) => version.number < newest.number).sort((a, b) => b.number - a.number)[0];
  return base ? { from: base.number, to: newest.number } : null;
}

export type VersionDiff = {
  from: VersionSummary;
  to: VersionSummary;
  changes: VersionChange[];
  /** What each side's tier thresholds count, to write a threshold in its unit. */
  thresholdBasis: { from: TierBasis; to: TierBasis };
};

type TierBasis = ProgramSettings["tierQualification"]["basis"];

/** The changes from version `from` to version `to` (by number) of the merchant's program. */
export async function loadVersionDiff(
  db: Db,
  input: { merchantId: string; programId: string; from: number; to: number },
): Promise<VersionDiff> {
  const versions = await listProgramVersions(db, input);
  const pick = (number: number) => {
    const version = versions.find((candidate) => candidate.number === number);
    if (!version) throw new AppError("not_found", `This program has no version ${number}`);
    return version;
  };
  const [from, to] = [pick(input.from), pick(input.to)];
  const load = (version: VersionSummary) =>
    loadVersionDefinitions(db, {
      merchantId: input.merchantId,
      versionId: version.id,
      // Only a draft changes; the others are cached as every frozen version is.
      frozen: version.status !== "draft",
    });
  const [before, after] = await Promise.all([load(from), load(to)]);
  return {
    from,
    to,
    changes: diffVersions(before, after),
    thresholdBasis: {
      from: before.version.settings.tierQualification.basis,
      to: after.version.settings.tierQualification.basis,
    },
  };
}

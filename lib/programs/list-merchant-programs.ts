import { and, asc, count, eq, max, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { findMerchantProgram } from "./find-merchant-program";
import { members, programVersions, programs } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { loadVersionDefinitions, type VersionDefinitions } from "./version-definitions";

export type MerchantProgramSummary = {
  id: string;
  slug: string;
  name: string;
  brandColor: string;
  publishedVersion: number | null;
  draftVersion: number | null;
  members: number;
};

/** A merchant's programs for its admin: the version in force, whether a draft is open, members. */
export async function listMerchantPrograms(db: Db, input: { merchantId: string }): Promise<MerchantProgramSummary[]> {
  const rows = await db
    .select({
      id: programs.id,
      slug: programs.slug,
      name: programs.name,
      brandColor: programs.brandColor,
      publishedVersion: max(
        sql<number>`case when ${programVersions.status} = 'published' then ${programVersions.number} end`,
      ),
      draftVersion: max(sql<number>`case when ${programVersions.status} = 'draft' then ${programVersions.number} end`),
    })
    .from(programs)
    .leftJoin(
      programVersions,
      and(eq(programVersions.programId, programs.id), eq(programVersions.merchantId, input.merchantId)),
    )
    .where(eq(programs.merchantId, input.merchantId))
    .groupBy(programs.id)
    .orderBy(asc(programs.name));
  const memberCounts = await db
    .select({ programId: members.programId, members: count() })
    .from(members)
    .where(eq(members.merchantId, input.merchantId))
    .groupBy(members.programId);
  const membersOf = new Map(memberCounts.map((row) => [row.programId, Number(row.members)]));
  return rows.map((row) => ({
    ...row,
    publishedVersion: row.publishedVersion === null ? null : Number(row.publishedVersion),
    draftVersion: row.draftVersion === null ? null : Number(row.draftVersion),
    members: membersOf.get(row.id) ?? 0,
  }));
}

export type BuilderProgram = {
  program: typeof programs.$inferSelect;
  published: { id: string; number: number } | null;
  draft: { id: string; number: number } | null;
  /** What the builder shows and edits: the draft when one is open, else the version in force. */
  editable: VersionDefinitions;
};

/** One of the merchant's programs, by slug, with its published version and open draft. */
export async function loadBuilderProgram(db: Db, input: { merchantId: string; slug: string }): Promise<BuilderProgram> {
  const program = await findMerchantProgram(db, input);
  const versions = await db
    .select({ id: programVersions.id, number: programVersions.number, status: programVersions.status })
    .from(programVersions)
    .where(and(eq(programVersions.merchantId, input.merchantId), eq(programVersions.programId, program.id)))
    .orderBy(asc(programVersions.number));
  const published = versions.find((version) => version.status === "published") ?? null;
  const draft = versions.find((version) => version.status === "draft") ?? null;
  const shown = draft ?? published ?? versions.at(-1);
  if (!shown) throw new AppError("not_found", "This program has no version");
  const editable = await loadVersionDefinitions(db, {
    merchantId: input.merchantId,
    versionId: shown.id,
    frozen: shown.status !== "draft",
  });
  const ref = (version: typeof published) => (version ? { id: version.id, number: version.number } : null);
  return { program, published: ref(published), draft: ref(draft), editable };
}

import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { badges, challenges, earningRules, programVersions, tiers } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { lockProgram } from "./lock-program";

export type ProgramVersion = typeof programVersions.$inferSelect;

/**
 * Opens the program's draft: a copy of the published version's settings, earning rules, tiers,
 * badges and challenges, keeping their stable keys. A program has one draft at most, so an
 * existing draft is returned as it is.
 */
export async function createDraftVersion(
  db: Db,
  input: { merchantId: string; programId: string },
): Promise<ProgramVersion> {
  return db.transaction(async (tx) => {
    await lockProgram(tx, input);
    const versions = await tx
      .select()
      .from(programVersions)
      .where(and(eq(programVersions.merchantId, input.merchantId), eq(programVersions.programId, input.programId)))
      .orderBy(desc(programVersions.number));
    const existing = versions.find((version) => version.status === "draft");
    if (existing) return existing;
    const source = versions.find((version) => version.status === "published") ?? versions[0];
    if (!source) throw new AppError("not_found", "This program has no version to start a draft from");

    const [draft] = await tx
      .insert(programVersions)
      .values({
        merchantId: input.merchantId,
        programId: input.programId,
        number: versions[0]!.number + 1,
        status: "draft",
        settings: source.settings,
      })
      .returning();
    if (!draft) throw new Error("Version insert returned no row");
    await copyVersionRows(tx, { merchantId: input.merchantId, fromVersionId: source.id, toVersionId: draft.id });
    return draft;
  });
}

async function copyVersionRows(tx: Tx, input: { merchantId: string; fromVersionId: string; toVersionId: string }) {
  const from = input.fromVersionId;
  const ruleRows = await tx
    .select()
    .from(earningRules)
    .where(and(eq(earningRules.merchantId, input.merchantId), eq(earningRules.programVersionId, from)));
  const tierRows = await tx
    .select()
    .from(tiers)
    .where(and(eq(tiers.merchantId, input.merchantId), eq(tiers.programVersionId, from)));
  const badgeRows = await tx
    .select()
    .from(badges)
    .where(and(eq(badges.merchantId, input.merchantId), eq(badges.programVersionId, from)));
  const challengeRows = await tx
    .select()
    .from(challenges)
    .where(and(eq(challenges.merchantId, input.merchantId), eq(challenges.programVersionId, from)));
  const moved = <T extends { id: string; programVersionId: string }>({ id: _id, ...row }: T) => ({
    ...row,
    programVersionId: input.toVersionId,
  });
  if (ruleRows.length > 0) await tx.insert(earningRules).values(ruleRows.map(moved));
  if (tierRows.length > 0) await tx.insert(tiers).values(tierRows.map(moved));
  if (badgeRows.length > 0) await tx.insert(badges).values(badgeRows.map(moved));
  if (challengeRows.length > 0) await tx.insert(challenges).values(challengeRows.map(moved));
}

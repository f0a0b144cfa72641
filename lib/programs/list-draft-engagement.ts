import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { badges, challenges, programVersions } from "@/db/schema";

/**
 * The badges and challenges the builder shows: the draft's, or the published version's when no
 * draft is open (the first edit opens one from it).
 */
export async function listDraftEngagement(db: Db, input: { merchantId: string; programId: string }) {
  const versions = await db
    .select({ id: programVersions.id, number: programVersions.number, status: programVersions.status })
    .from(programVersions)
    .where(
      and(
        eq(programVersions.merchantId, input.merchantId),
        eq(programVersions.programId, input.programId),
        inArray(programVersions.status, ["draft", "published"]),
      ),
    )
    .orderBy(desc(programVersions.number));
  const version = versions.find((row) => row.status === "draft") ?? versions[0];
  if (!version) return { version: null, badges: [], challenges: [] };
  const [badgeRows, challengeRows] = await Promise.all([
    db
      .select()
      .from(badges)
      .where(and(eq(badges.merchantId, input.merchantId), eq(badges.programVersionId, version.id)))
      .orderBy(asc(badges.name)),
    db
      .select()
      .from(challenges)
      .where(and(eq(challenges.merchantId, input.merchantId), eq(challenges.programVersionId, version.id)))
      .orderBy(asc(challenges.startsAt)),
  ]);
  return {
    version: { number: version.number, isDraft: version.status === "draft" },
    badges: badgeRows.map(({ merchantId: _m, programVersionId: _v, ...badge }) => badge),
    challenges: challengeRows.map(({ merchantId: _m, programVersionId: _v, ...challenge }) => challenge),
  };
}

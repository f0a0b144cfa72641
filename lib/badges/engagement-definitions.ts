import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { badges, challenges, programVersions, programs, type BadgeCriterion, type ProgramSettings } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { loadVersionDefinitions } from "@/lib/programs/version-definitions";

export type BadgeDefinition = typeof badges.$inferSelect;
export type ChallengeDefinition = typeof challenges.$inferSelect;

export type EngagementDefinitions = {
  programId: string;
  programVersionId: string;
  settings: ProgramSettings;
  timeZone: string;
  badges: BadgeDefinition[];
  challenges: ChallengeDefinition[];
};

/** The badges and challenges of a program's published version (the program context leaves them out). */
export async function loadEngagementDefinitions(
  db: Db,
  input: { merchantId: string; programId: string },
): Promise<EngagementDefinitions> {
  const [row] = await db
    .select({ versionId: programVersions.id, settings: programVersions.settings, timeZone: programs.timeZone })
    .from(programs)
    .innerJoin(
      programVersions,
      and(eq(programVersions.programId, programs.id), eq(programVersions.status, "published")),
    )
    .where(and(eq(programs.id, input.programId), eq(programs.merchantId, input.merchantId)))
    .limit(1);
  if (!row) throw new AppError("not_found", "Program not found or not published");
  const definitions = await loadVersionDefinitions(db, {
    merchantId: input.merchantId,
    versionId: row.versionId,
    frozen: true,
  });
  return {
    programId: input.programId,
    programVersionId: row.versionId,
    settings: row.settings,
    timeZone: row.timeZone,
    badges: definitions.badges,
    challenges: definitions.challenges,
  };
}

/** "First purchase" and "first redemption" are met once, whatever target the row carries. */
export function criterionTarget(criterion: BadgeCriterion, target: number): number {
  return criterion === "first_purchase" || criterion === "first_redemption" ? 1 : target;
}

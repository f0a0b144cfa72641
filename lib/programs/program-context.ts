import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { earningRules, programVersions, programs, tiers } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type ProgramContext = Awaited<ReturnType<typeof loadProgramContext>>;

/** A program with its version in force and that version's tiers (by rank) and earning rules. */
export async function loadProgramContext(db: Db, where: { programId: string } | { slug: string }) {
  const [row] = await db
    .select({ program: programs, version: programVersions })
    .from(programs)
    .innerJoin(
      programVersions,
      and(eq(programVersions.programId, programs.id), eq(programVersions.status, "published")),
    )
    .where("programId" in where ? eq(programs.id, where.programId) : eq(programs.slug, where.slug))
    .limit(1);
  if (!row) throw new AppError("not_found", "Program not found or not published");
  const [tierRows, ruleRows] = await Promise.all([
    db.select().from(tiers).where(eq(tiers.programVersionId, row.version.id)).orderBy(asc(tiers.rank)),
    db
      .select()
      .from(earningRules)
      .where(eq(earningRules.programVersionId, row.version.id))
      .orderBy(asc(earningRules.position)),
  ]);
  return { ...row, tiers: tierRows, rules: ruleRows };
}

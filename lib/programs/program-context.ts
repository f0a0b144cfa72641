import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { programVersions, programs } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { loadVersionDefinitions } from "./version-definitions";

export type ProgramContext = Awaited<ReturnType<typeof loadProgramContext>>;

type ProgramWhere = ({ programId: string } | { slug: string }) & { merchantId?: string };

/**
 * A program with its version in force (or, with `status: "draft"`, its draft) and what that
 * version defines: tiers (by rank), earning rules (by position), badges and challenges.
 */
export async function loadProgramContext(db: Db, where: ProgramWhere & { status?: "published" | "draft" }) {
  const status = where.status ?? "published";
  const [row] = await db
    .select({ program: programs, version: programVersions })
    .from(programs)
    .innerJoin(programVersions, and(eq(programVersions.programId, programs.id), eq(programVersions.status, status)))
    .where(
      and(
        "programId" in where ? eq(programs.id, where.programId) : eq(programs.slug, where.slug),
        where.merchantId ? eq(programs.merchantId, where.merchantId) : undefined,
      ),
    )
    .limit(1);
  if (!row) {
    throw new AppError(
      "not_found",
      status === "draft" ? "This program has no draft" : "Program not found or not published",
    );
  }
  const definitions = await loadVersionDefinitions(db, {
    merchantId: row.program.merchantId,
    versionId: row.version.id,
    frozen: status !== "draft",
  });
  return {
    ...row,
    tiers: definitions.tiers,
    rules: definitions.rules,
    badges: definitions.badges,
    challenges: definitions.challenges,
  };
}

/** What the ledger's hot paths need of a member. */
/** What badges and challenges need of a loaded program, so they need not load it again. */
export function engagementDefinitionsOf(context: ProgramContext) {
  return {
    programId: context.program.id,
    programVersionId: context.version.id,
    settings: context.version.settings,
    timeZone: context.program.timeZone,
    badges: context.badges,
    challenges: context.challenges,
  };
}

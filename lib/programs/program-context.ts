import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { members, programVersions, programs } from "@/db/schema";
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
export type LockedMember = Pick<
  typeof members.$inferSelect,
  "id" | "programId" | "status" | "tierKey" | "pointsBalance"
>;

/**
 * A member of the merchant, row-locked for the caller's transaction (so one member's writes
 * queue up), with their program's context: one round trip, as every earn and spend starts so.
 * The version in force comes from the cache of frozen versions, so only its id is read here.
 */
export async function lockMemberWithContext(
  tx: Db,
  input: { merchantId: string; memberId: string },
): Promise<{ member: LockedMember; context: ProgramContext }> {
  const [row] = await tx
    .select({
      member: {
        id: members.id,
        programId: members.programId,
        status: members.status,
        tierKey: members.tierKey,
        pointsBalance: members.pointsBalance,
      },
      program: programs,
      versionId: programVersions.id,
    })
    .from(members)
    .innerJoin(programs, eq(programs.id, members.programId))
    .leftJoin(programVersions, and(eq(programVersions.programId, programs.id), eq(programVersions.status, "published")))
    .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)))
    .for("update", { of: members });
  if (!row) throw new AppError("not_found", "Member not found");
  if (!row.versionId) throw new AppError("not_found", "Program not found or not published");
  const { version, ...definitions } = await loadVersionDefinitions(tx, {
    merchantId: input.merchantId,
    versionId: row.versionId,
    frozen: true,
  });
  return { member: row.member, context: { program: row.program, version, ...definitions } };
}

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

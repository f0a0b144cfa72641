import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { statementName } from "@/db/rows";
import { members, programVersions, programs } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { ProgramContext } from "@/lib/programs/program-context";
import { loadVersionDefinitions } from "@/lib/programs/version-definitions";

// The two ways a command loads the member it acts on, always scoped to the merchant: the whole
// row, or (for earning and spending) the few columns they need with the program in force.

export type Member = typeof members.$inferSelect;

/** The member, scoped to the merchant; `lock` takes the row lock that serializes one member's writes. */
export async function findMember(
  db: Db,
  input: { merchantId: string; memberId: string; lock?: boolean },
): Promise<Member> {
  const query = db
    .select()
    .from(members)
    .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)));
  const [member] = input.lock ? await query.for("update") : await query;
  if (!member) throw new AppError("not_found", "Member not found");
  return member;
}

export type LockedMember = Pick<
  typeof members.$inferSelect,
  "id" | "programId" | "status" | "tierKey" | "pointsBalance" | "email" | "enrolledAtStoreId"
>;

/**
 * A member of the merchant, row-locked for the caller's transaction (so one member's writes
 * queue up), with their program's context: one round trip, as every earn and spend starts so.
 * The version in force comes from the cache of frozen versions, so only its id is read here.
 */
export async function lockMemberWithContext(
  tx: Tx,
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
        // What a staged rollout decides by (lib/rollout): the program's share and home store.
        email: members.email,
        enrolledAtStoreId: members.enrolledAtStoreId,
      },
      program: programs,
      versionId: programVersions.id,
    })
    .from(members)
    .innerJoin(programs, eq(programs.id, members.programId))
    .leftJoin(programVersions, and(eq(programVersions.programId, programs.id), eq(programVersions.status, "published")))
    .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)))
    .for("update", { of: members })
    // Named: every earn and spend starts with this join, and the server plans it once.
    .prepare(statementName("lockMemberWithContext") as string)
    .execute();
  if (!row) throw new AppError("not_found", "Member not found");
  if (!row.versionId) throw new AppError("not_found", "Program not found or not published");
  const { version, ...definitions } = await loadVersionDefinitions(tx, {
    merchantId: input.merchantId,
    versionId: row.versionId,
    frozen: true,
  });
  return { member: row.member, context: { program: row.program, version, ...definitions } };
}

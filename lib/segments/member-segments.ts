import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { members, programs, segments } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { segmentCondition } from "./segment-condition";

/**
 * Ids of the segments of the member's program the member is in at `now`, evaluated in one
 * query. `segmentIds` limits the check to those segments (earning asks only about the
 * segments its campaigns name).
 */
export async function memberSegments(
  db: Db,
  input: { merchantId: string; memberId: string; now: Date; segmentIds?: string[] },
): Promise<string[]> {
  const [member] = await db
    .select({ programId: members.programId, timeZone: programs.timeZone })
    .from(members)
    .innerJoin(programs, eq(programs.id, members.programId))
    .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)));
  if (!member) throw new AppError("not_found", "Member not found");
  if (input.segmentIds?.length === 0) return [];

  const candidates = await db
    .select({ id: segments.id, rules: segments.rules })
    .from(segments)
    .where(
      and(
        eq(segments.merchantId, input.merchantId),
        eq(segments.programId, member.programId),
        input.segmentIds ? inArray(segments.id, input.segmentIds) : undefined,
      ),
    )
    .orderBy(asc(segments.createdAt), asc(segments.id));
  if (candidates.length === 0) return [];

  const at = { merchantId: input.merchantId, now: input.now, timeZone: member.timeZone };
  const checks = Object.fromEntries(
    candidates.map((segment, index) => [`s${index}`, sql<boolean>`(${segmentCondition(segment.rules, at)})`]),
  );
  const [row] = await db
    .select(checks)
    .from(members)
    .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)));
  return candidates.filter((_, index) => row?.[`s${index}`] === true).map((segment) => segment.id);
}

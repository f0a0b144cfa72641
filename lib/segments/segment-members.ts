import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { members, programs, segments } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { segmentCondition } from "./segment-condition";

export type SegmentMember = {
  id: string;
  memberNumber: string;
  name: string | null;
  email: string | null;
  tierKey: string | null;
  joinedAt: Date;
};

/** The active members in a segment at `now`, oldest first, a page at a time. */
export async function segmentMembers(
  db: Db,
  input: { merchantId: string; segmentId: string; now: Date; limit?: number; offset?: number },
): Promise<SegmentMember[]> {
  const [segment] = await db
    .select({ programId: segments.programId, rules: segments.rules, timeZone: programs.timeZone })
    .from(segments)
    .innerJoin(programs, eq(programs.id, segments.programId))
    .where(and(eq(segments.id, input.segmentId), eq(segments.merchantId, input.merchantId)));
  if (!segment) throw new AppError("not_found", "Segment not found");
  return db
    .select({
      id: members.id,
      memberNumber: members.memberNumber,
      name: members.name,
      email: members.email,
      tierKey: members.tierKey,
      joinedAt: members.joinedAt,
    })
    .from(members)
    .where(
      and(
        eq(members.programId, segment.programId),
        eq(members.status, "active"),
        segmentCondition(segment.rules, { merchantId: input.merchantId, now: input.now, timeZone: segment.timeZone }),
      ),
    )
    .orderBy(asc(members.joinedAt), asc(members.id))
    .limit(Math.min(input.limit ?? 100, 1_000))
    .offset(input.offset ?? 0);
}

import { and, asc, eq, gt, isNull, lte } from "drizzle-orm";
import type { Db } from "@/db";
import { challenges, memberChallenges, members, programVersions, programs } from "@/db/schema";
import { measureActivity } from "@/lib/badges/activity-measures";
import { addDays } from "@/lib/time-zone";

export type CloseChallengesSummary = {
  /** Unfinished member rows of ended challenges that this run looked at. */
  rowsChecked: number;
  /** Of those, rows whose progress changed to its final value. */
  rowsFinalized: number;
  /** Distinct ended challenges among the rows checked. */
  challenges: number;
};

/**
 * The deadline sweep: for challenges whose deadline has passed (within the last
 * `lookbackDays`), sets each unfinished member's progress to its final value over the window.
 * It never completes a challenge or pays a prize: prizes are paid only while a challenge runs.
 * Idempotent (a second run finds nothing to change) and safe on several instances at once:
 * each batch takes its rows with FOR UPDATE SKIP LOCKED. `merchantId` narrows it to one
 * merchant; without it the sweep covers every merchant.
 */
export async function closeChallenges(
  db: Db,
  input: { now: Date; merchantId?: string; lookbackDays?: number; batchSize?: number },
): Promise<CloseChallengesSummary> {
  const summary: CloseChallengesSummary = { rowsChecked: 0, rowsFinalized: 0, challenges: 0 };
  const seen = new Set<string>();
  const since = addDays(input.now, -(input.lookbackDays ?? 7));
  let after: string | null = null;
  for (;;) {
    const batch: { lastId: string | null; checked: number; finalized: number } = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ row: memberChallenges, challenge: challenges, timeZone: programs.timeZone, member: members })
        .from(memberChallenges)
        .innerJoin(challenges, eq(challenges.id, memberChallenges.challengeId))
        .innerJoin(programVersions, eq(programVersions.id, challenges.programVersionId))
        .innerJoin(programs, eq(programs.id, programVersions.programId))
        .innerJoin(members, eq(members.id, memberChallenges.memberId))
        .where(
          and(
            lte(challenges.endsAt, input.now),
            gt(challenges.endsAt, since),
            isNull(memberChallenges.completedAt),
            input.merchantId ? eq(memberChallenges.merchantId, input.merchantId) : undefined,
            after ? gt(memberChallenges.id, after) : undefined,
          ),
        )
        .orderBy(asc(memberChallenges.id))
        .limit(input.batchSize ?? 200)
        .for("update", { of: memberChallenges, skipLocked: true });
      let finalized = 0;
      for (const { row, challenge, timeZone, member } of rows) {
        seen.add(challenge.id);
        const { value } = await measureActivity(tx, {
          merchantId: row.merchantId,
          member,
          criterion: challenge.criterion,
          timeZone,
          now: challenge.endsAt,
          window: { from: challenge.startsAt, to: challenge.endsAt, challengeKey: challenge.key },
        });
        if (value === row.progress) continue;
        await tx
          .update(memberChallenges)
          .set({ progress: value })
          .where(and(eq(memberChallenges.id, row.id), eq(memberChallenges.merchantId, row.merchantId)));
        finalized += 1;
      }
      return { lastId: rows.at(-1)?.row.id ?? null, checked: rows.length, finalized };
    });
    summary.rowsChecked += batch.checked;
    summary.rowsFinalized += batch.finalized;
    if (!batch.lastId) break;
    after = batch.lastId;
  }
  summary.challenges = seen.size;
  return summary;
}

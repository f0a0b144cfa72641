import { and, asc, eq, gt, inArray, lt, lte, notInArray, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { listPublishedVersions } from "@/lib/programs/published-versions";
import { members, pointLots, programVersions } from "@/db/schema";
import { appendEntry } from "@/lib/ledger/append-entry";
import { inactivityCutoff } from "@/lib/ledger/expiry";

export type ExpirySweepResult = {
  /** Members who lost points in this run. */
  members: number;
  /** Lots expired, one `expire` entry each. */
  lots: number;
  points: number;
  /** Members whose expiry failed; their transaction was rolled back and the next run retries. */
  failures: { memberId: string; message: string }[];
};

type Tally = Omit<ExpirySweepResult, "members"> & { members: Set<string> };
type DueMember = { id: string; merchantId: string; lastActivityAt: Date | null; programVersionId: string | null };

const system = { type: "system" } as const;

/**
 * The expiry sweep. Lots whose stamped expiry date has come ("N months after earning": the
 * date is fixed on the lot when it is earned, so a later policy change does not move it) and
 * every open lot of a member of an "after N months without activity" program who has been
 * inactive that long each get one `expire` entry that empties exactly that lot.
 *
 * Safe to run on several instances at once: each batch locks its members `FOR UPDATE SKIP
 * LOCKED` in id order, so two sweeps share the work instead of waiting or deadlocking, and
 * lots are read again under the member lock, so a lot expires once. The award key
 * `expire:<lot entry id>` makes a second expiry of one lot impossible in the database too.
 * `merchantId` narrows the sweep to one merchant.
 */
export async function expirePoints(
  db: Db,
  input: { now: Date; batchSize?: number; merchantId?: string },
): Promise<ExpirySweepResult> {
  const batchSize = input.batchSize ?? 100;
  const tally: Tally = { members: new Set(), lots: 0, points: 0, failures: [] };
  const dueLots = and(
    gt(pointLots.remaining, 0),
    lte(pointLots.expiresAt, input.now),
    input.merchantId === undefined ? undefined : eq(pointLots.merchantId, input.merchantId),
  );

  await sweepInBatches(db, {
    batchSize,
    tally,
    selectDue: (tx, exclude) =>
      tx
        .select({
          id: members.id,
          merchantId: members.merchantId,
          lastActivityAt: members.lastActivityAt,
          programVersionId: programVersions.id,
        })
        .from(members)
        .leftJoin(
          programVersions,
          and(eq(programVersions.programId, members.programId), eq(programVersions.status, "published")),
        )
        .where(
          and(
            inArray(members.id, tx.selectDistinct({ memberId: pointLots.memberId }).from(pointLots).where(dueLots)),
            exclude,
          ),
        )
        .orderBy(asc(members.id))
        .limit(batchSize)
        .for("update", { of: members, skipLocked: true }),
    now: input.now,
    lotFilter: lte(pointLots.expiresAt, input.now),
    explanation: { ruleKey: "expiry:after_earning", label: "points expired" },
  });

  for (const program of await programsExpiringOnInactivity(db, input.merchantId)) {
    const cutoff = inactivityCutoff(input.now, program.settings.expiry.months, program.timeZone);
    await sweepInBatches(db, {
      batchSize,
      tally,
      selectDue: async (tx, exclude) => {
        const due = await tx
          .select({ id: members.id, merchantId: members.merchantId, lastActivityAt: members.lastActivityAt })
          .from(members)
          .where(
            and(
              eq(members.merchantId, program.merchantId),
              eq(members.programId, program.id),
              gt(members.pointsBalance, 0),
              lt(sql`coalesce(${members.lastActivityAt}, ${members.joinedAt})`, cutoff),
              exclude,
            ),
          )
          .orderBy(asc(members.id))
          .limit(batchSize)
          .for("update", { skipLocked: true });
        return due.map((member) => ({ ...member, programVersionId: program.versionId }));
      },
      now: input.now,
      explanation: {
        ruleKey: "expiry:after_inactivity",
        label: `no activity for ${program.settings.expiry.months} months`,
      },
    });
  }
  return { ...tally, members: tally.members.size };
}

async function sweepInBatches(
  db: Db,
  options: {
    batchSize: number;
    tally: Tally;
    selectDue: (tx: Tx, exclude: SQL | undefined) => Promise<DueMember[]>;
    now: Date;
    /** Which of a due member's open lots expire; all of them when absent. */
    lotFilter?: SQL;
    explanation: { ruleKey: string; label: string };
  },
) {
  const { tally } = options;
  for (;;) {
    const exclude =
      tally.failures.length > 0
        ? notInArray(
            members.id,
            tally.failures.map((f) => f.memberId),
          )
        : undefined;
    const batch = await db.transaction(async (tx) => {
      const due = await options.selectDue(tx, exclude);
      const expired: { memberId: string; lots: number; points: number }[] = [];
      const failures: Tally["failures"] = [];
      for (const member of due) {
        try {
          // A savepoint per member: one bad member is reported and skipped, not the batch.
          const counts = await tx.transaction((savepoint) => expireMemberLots(savepoint, { member, ...options }));
          expired.push({ memberId: member.id, ...counts });
        } catch (error) {
          failures.push({ memberId: member.id, message: error instanceof Error ? error.message : String(error) });
        }
      }
      return { size: due.length, expired, failures };
    });
    for (const counts of batch.expired) {
      if (counts.lots > 0) tally.members.add(counts.memberId);
      tally.lots += counts.lots;
      tally.points += counts.points;
    }
    tally.failures.push(...batch.failures);
    // SKIP LOCKED applies before LIMIT, so a short batch means nothing unlocked is left.
    if (batch.size < options.batchSize) return;
  }
}

async function expireMemberLots(
  tx: Tx,
  {
    member,
    now,
    lotFilter,
    explanation,
  }: { member: DueMember; now: Date; lotFilter?: SQL; explanation: { ruleKey: string; label: string } },
) {
  // Read under the member lock: a concurrent sweep or spend has either committed or not begun.
  const lots = await tx
    .select({ entryId: pointLots.entryId, remaining: pointLots.remaining })
    .from(pointLots)
    .where(
      and(
        eq(pointLots.memberId, member.id),
        eq(pointLots.merchantId, member.merchantId),
        gt(pointLots.remaining, 0),
        lotFilter,
      ),
    )
    .orderBy(asc(pointLots.entryId));
  let points = 0;
  for (const lot of lots) {
    await appendEntry(tx, {
      merchantId: member.merchantId,
      memberId: member.id,
      kind: "expire",
      points: -lot.remaining,
      actor: system,
      programVersionId: member.programVersionId,
      reversesEntryId: lot.entryId,
      fromLotEntryId: lot.entryId,
      awardKey: `expire:${lot.entryId}`,
      explanation: [{ ...explanation, points: -lot.remaining }],
      at: now,
    });
    points += lot.remaining;
  }
  return { lots: lots.length, points };
}

async function programsExpiringOnInactivity(db: Db, merchantId: string | undefined) {
  const versions = await listPublishedVersions(db, { merchantId });
  return versions.filter((version) => version.settings.expiry.policy === "after_inactivity");
}

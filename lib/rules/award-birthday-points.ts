import { and, asc, eq, gt, isNotNull, notExists, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { earningRules, members, pointEntries, programVersions, programs, type ProgramSettings } from "@/db/schema";
import { localDate } from "@/lib/time-zone";
import { awardActionPoints } from "./award-action-points";
import { birthdayModeOf } from "./earning-settings";
import { isLeapYear } from "@/lib/time-zone";

export type BirthdaySweepResult = {
  awarded: number;
  points: number;
  /** Members whose award failed; their savepoint was rolled back and the next run retries. */
  failures: { memberId: string; message: string }[];
};

type BirthdayProgram = { programId: string; merchantId: string; timeZone: string; settings: ProgramSettings };

/**
 * The birthday sweep: pays birthday points to every active member whose birthday (month or
 * day, as each program says) is due today in the program's time zone and who has not had
 * this year's yet.
 *
 * Safe on several instances at once and beside counter traffic: each batch locks its members
 * `FOR UPDATE SKIP LOCKED` in id order, so two sweeps share the work instead of queueing
 * behind each other, and a member busy at the counter is left for the next run rather than
 * waited for. The award key `birthday:<year>` makes a second payment impossible.
 */
export async function awardBirthdayPoints(
  db: Db,
  input: { now: Date; batchSize?: number },
): Promise<BirthdaySweepResult> {
  const batchSize = input.batchSize ?? 100;
  const result: BirthdaySweepResult = { awarded: 0, points: 0, failures: [] };
  for (const program of await programsPayingBirthdays(db)) {
    // A cursor, not just "not yet paid": a member the rules pay nothing (a segment or a date
    // window excludes them) or whose award failed stays due and must not be selected again.
    let after: string | null = null;
    for (;;) {
      const batch = await db.transaction((tx) => awardBatch(tx, { program, now: input.now, batchSize, after }));
      result.awarded += batch.awarded;
      result.points += batch.points;
      result.failures.push(...batch.failures);
      // SKIP LOCKED applies before LIMIT, so a short batch means nothing unlocked is left.
      if (batch.lastMemberId === null || batch.size < batchSize) break;
      after = batch.lastMemberId;
    }
  }
  return result;
}

/** Programs whose published version has a birthday rule that pays something. */
function programsPayingBirthdays(db: Db): Promise<BirthdayProgram[]> {
  return db
    .selectDistinct({
      programId: programs.id,
      merchantId: programs.merchantId,
      timeZone: programs.timeZone,
      settings: programVersions.settings,
    })
    .from(programs)
    .innerJoin(
      programVersions,
      and(eq(programVersions.programId, programs.id), eq(programVersions.status, "published")),
    )
    .innerJoin(
      earningRules,
      and(
        eq(earningRules.programVersionId, programVersions.id),
        eq(earningRules.kind, "action"),
        eq(earningRules.action, "birthday"),
        gt(earningRules.points, 0),
      ),
    );
}

async function awardBatch(
  tx: Tx,
  input: { program: BirthdayProgram; now: Date; batchSize: number; after: string | null },
): Promise<BirthdaySweepResult & { size: number; lastMemberId: string | null }> {
  const { program, now } = input;
  const due = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(dueToday(tx, program, now), input.after === null ? undefined : gt(members.id, input.after)))
    .orderBy(asc(members.id))
    .limit(input.batchSize)
    .for("update", { skipLocked: true });

  const batch: BirthdaySweepResult = { awarded: 0, points: 0, failures: [] };
  for (const member of due) {
    try {
      // Inside this transaction awardActionPoints runs in a savepoint: one failing member is
      // reported and skipped, not the batch.
      const award = await awardActionPoints(tx, {
        merchantId: program.merchantId,
        memberId: member.id,
        action: "birthday",
        actor: { type: "system" },
        now,
      });
      if (award.awarded) {
        batch.awarded += 1;
        batch.points += award.points;
      }
    } catch (error) {
      batch.failures.push({ memberId: member.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { ...batch, size: due.length, lastMemberId: due.at(-1)?.id ?? null };
}

/** Active members of the program whose birthday is due today and who have not had this year's. */
function dueToday(tx: Tx, program: BirthdayProgram, now: Date) {
  const today = localDate(now, program.timeZone);
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  const birthMonth = sql`extract(month from ${members.birthday})`;
  const birthDay = sql`extract(day from ${members.birthday})`;
  const dayCondition =
    birthdayModeOf(program.settings) === "month"
      ? undefined
      : month === 2 && day === 28 && !isLeapYear(year)
        ? sql`${birthDay} in (28, 29)`
        : sql`${birthDay} = ${day}`;
  return and(
    eq(members.merchantId, program.merchantId),
    eq(members.programId, program.programId),
    eq(members.status, "active"),
    isNotNull(members.birthday),
    sql`${birthMonth} = ${month}`,
    dayCondition,
    notExists(
      tx
        .select({ id: pointEntries.id })
        .from(pointEntries)
        .where(and(eq(pointEntries.memberId, members.id), eq(pointEntries.awardKey, `birthday:${year}`))),
    ),
  );
}

import { and, eq, gt, isNotNull, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { earningRules, members, pointEntries, programVersions, programs } from "@/db/schema";
import { localDate } from "@/lib/time-zone";
import { awardActionPoints } from "./award-action-points";
import { birthdayModeOf } from "./earning-settings";
import { isLeapYear } from "./local-time";

/**
 * The birthday sweep: pays birthday points to every active member whose birthday (month or
 * day, as each program says) is due today in the program's time zone and who has not had
 * this year's yet. Idempotent and safe on several instances at once: each award locks the
 * member and is once-only by its award key, so a second sweep finds nothing left to pay.
 */
export async function awardBirthdayPoints(db: Db, input: { now: Date }): Promise<{ awarded: number; points: number }> {
  const candidates = await db
    .selectDistinct({
      programId: programs.id,
      merchantId: programs.merchantId,
      timeZone: programs.timeZone,
      settings: programVersions.settings,
    })
    .from(programs)
    .innerJoin(programVersions, and(eq(programVersions.programId, programs.id), eq(programVersions.status, "published")))
    .innerJoin(
      earningRules,
      and(
        eq(earningRules.programVersionId, programVersions.id),
        eq(earningRules.kind, "action"),
        eq(earningRules.action, "birthday"),
        gt(earningRules.points, 0),
      ),
    );

  let awarded = 0;
  let points = 0;
  for (const program of candidates) {
    const today = localDate(input.now, program.timeZone);
    const [year, month, day] = today.split("-").map(Number) as [number, number, number];
    const birthMonth = sql`extract(month from ${members.birthday})`;
    const birthDay = sql`extract(day from ${members.birthday})`;
    const dayCondition =
      birthdayModeOf(program.settings) === "month"
        ? undefined
        : month === 2 && day === 28 && !isLeapYear(year)
          ? sql`${birthDay} in (28, 29)`
          : sql`${birthDay} = ${day}`;
    const due = await db
      .select({ id: members.id })
      .from(members)
      .where(
        and(
          eq(members.merchantId, program.merchantId),
          eq(members.programId, program.programId),
          eq(members.status, "active"),
          isNotNull(members.birthday),
          sql`${birthMonth} = ${month}`,
          dayCondition,
          notExists(
            db
              .select({ id: pointEntries.id })
              .from(pointEntries)
              .where(and(eq(pointEntries.memberId, members.id), eq(pointEntries.awardKey, `birthday:${year}`))),
          ),
        ),
      );
    for (const member of due) {
      const result = await awardActionPoints(db, {
        merchantId: program.merchantId,
        memberId: member.id,
        action: "birthday",
        actor: { type: "system" },
        now: input.now,
      });
      if (result.awarded) {
        awarded += 1;
        points += result.points;
      }
    }
  }
  return { awarded, points };
}

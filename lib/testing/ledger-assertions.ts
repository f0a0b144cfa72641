import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db";
import { members } from "@/db/schema";

/** The ledger rules that never bend, checked for one member in one query. */
export async function expectLedgerConsistent(db: Db, memberId: string) {
  const [row] = await db
    .select({
      member: members,
      // Qualified by hand: Drizzle leaves columns unqualified in a one-table select.
      entriesSum: sql<number>`(select coalesce(sum(e.points), 0)::int8 from point_entries e where e.member_id = members.id)`,
      lotsSum: sql<number>`(select coalesce(sum(l.remaining), 0)::int8 from point_lots l where l.member_id = members.id)`,
    })
    .from(members)
    .where(eq(members.id, memberId));
  const { member, entriesSum, lotsSum } = row!;
  expect(member.pointsBalance).toBeGreaterThanOrEqual(0);
  expect(entriesSum).toBe(member.pointsBalance);
  expect(lotsSum).toBe(member.pointsBalance);
  return member;
}

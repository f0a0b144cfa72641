import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db";
import { members, pointEntries, pointLots } from "@/db/schema";

/** The ledger rules that never bend, checked for one member. */
export async function expectLedgerConsistent(db: Db, memberId: string) {
  const [member] = await db.select().from(members).where(eq(members.id, memberId));
  const [entries] = await db
    .select({ sum: sql<number>`coalesce(sum(${pointEntries.points}), 0)::int` })
    .from(pointEntries)
    .where(eq(pointEntries.memberId, memberId));
  const [lots] = await db
    .select({ sum: sql<number>`coalesce(sum(${pointLots.remaining}), 0)::int` })
    .from(pointLots)
    .where(eq(pointLots.memberId, memberId));
  expect(member!.pointsBalance).toBeGreaterThanOrEqual(0);
  expect(entries!.sum).toBe(member!.pointsBalance);
  expect(lots!.sum).toBe(member!.pointsBalance);
  return member!;
}

import { and, eq, ilike, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { members, programs } from "@/db/schema";

export type CounterMember = {
  id: string;
  memberNumber: string;
  name: string | null;
  email: string | null;
  pointsBalance: number;
  tierKey: string | null;
  /** The member's discount: their tier's `discountPercent` in the version in force, 0 without a tier. */
  discountPercent: number;
  programName: string;
  currency: string;
};

/**
 * Members of one merchant matching what a cashier typed: a member number (spaces ignored)
 * or an e-mail address, exactly; or the start of a name.
 */
export async function findMembersForCounter(
  db: Db,
  input: { merchantId: string; query: string; limit?: number },
): Promise<CounterMember[]> {
  const query = input.query.trim();
  const digits = query.replace(/[\s-]/g, "");
  const match = /^\d+$/.test(digits)
    ? eq(members.memberNumber, digits)
    : query.includes("@")
      ? eq(members.email, query.toLowerCase())
      : ilike(members.name, `${query.replace(/[\\%_]/g, "\\$&")}%`);
  return db
    .select({
      id: members.id,
      memberNumber: members.memberNumber,
      name: members.name,
      email: members.email,
      pointsBalance: members.pointsBalance,
      tierKey: members.tierKey,
      discountPercent: sql<number>`coalesce((
        select t.discount_percent from tiers t
        join program_versions v on v.id = t.program_version_id
        where v.program_id = ${members.programId} and v.merchant_id = ${members.merchantId}
          and v.status = 'published' and t.key = ${members.tierKey}), 0)::int`,
      programName: programs.name,
      currency: programs.currency,
    })
    .from(members)
    .innerJoin(programs, eq(programs.id, members.programId))
    .where(and(eq(members.merchantId, input.merchantId), eq(members.status, "active"), or(match)))
    .orderBy(members.name)
    .limit(input.limit ?? 10);
}

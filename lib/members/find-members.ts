import { and, eq, ilike, or } from "drizzle-orm";
import type { Db } from "@/db";
import { members, programs } from "@/db/schema";

export type CounterMember = {
  id: string;
  memberNumber: string;
  name: string | null;
  email: string | null;
  pointsBalance: number;
  tierKey: string | null;
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
      programName: programs.name,
      currency: programs.currency,
    })
    .from(members)
    .innerJoin(programs, eq(programs.id, members.programId))
    .where(and(eq(members.merchantId, input.merchantId), eq(members.status, "active"), or(match)))
    .orderBy(members.name)
    .limit(input.limit ?? 10);
}

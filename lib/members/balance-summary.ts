import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { members } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { loadProgramContext } from "@/lib/programs/program-context";
import { nextTierProgress } from "@/lib/tiers/next-tier-progress";
import { qualifyingValue } from "@/lib/tiers/record-qualification";

export type BalanceSummary = {
  memberId: string;
  memberNumber: string;
  balance: number;
  tier: { key: string; name: string } | null;
  nextTier: { key: string; name: string; remaining: number; percent: number } | null;
};

/**
 * A member's balance and where they stand on the tier ladder. Reads the cached balance and the
 * monthly qualification totals, never the ledger, so it costs the same at any history length.
 */
export async function getBalanceSummary(
  db: Db,
  input: { merchantId: string; memberId: string; now?: Date },
): Promise<BalanceSummary> {
  const [member] = await db
    .select()
    .from(members)
    .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)));
  if (!member) throw new AppError("not_found", "Member not found");
  const context = await loadProgramContext(db, { programId: member.programId });
  const value = await qualifyingValue(db, member.id, context, input.now ?? new Date());
  const progress = nextTierProgress(context.tiers, member.tierKey, value);
  return {
    memberId: member.id,
    memberNumber: member.memberNumber,
    balance: member.pointsBalance,
    tier: progress.current && { key: progress.current.key, name: progress.current.name },
    nextTier: progress.next && {
      key: progress.next.key,
      name: progress.next.name,
      remaining: progress.remaining,
      percent: progress.percent,
    },
  };
}

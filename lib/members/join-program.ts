import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { members } from "@/db/schema";
import { randomCode, newMemberNumber } from "@/lib/codes";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db-errors";
import { loadProgramContext } from "@/lib/programs/program-context";
import { programReaches } from "@/lib/rollout/rollout";
import { tierForQualifyingValue } from "@/lib/tiers/next-tier-progress";

import type { Member } from "./load-member";

export type { Member };

/**
 * Makes a person a member of a published program, in its entry tier. Member numbers and
 * referral codes are random, so a clash is retried rather than prevented. Each try runs in
 * its own savepoint (or transaction): PostgreSQL refuses every later statement of a
 * transaction in which one failed, so a retry in the caller's transaction could never succeed.
 */
export async function joinProgram(
  db: Db,
  input: {
    programId: string;
    userId?: string | null;
    email: string;
    name?: string | null;
    marketingConsent?: boolean;
    storeId?: string | null;
    joinedAt?: Date;
  },
): Promise<Member> {
  const context = await loadProgramContext(db, { programId: input.programId });
  // Staged rollout (lib/rollout): a program piloted at some stores takes members whose home
  // store (where they join) is one of them, so an online join (no store) is refused; a program
  // piloted to a share takes the people (by e-mail) in it. Outside: not available to them.
  if (!programReaches(context.program, { email: input.email, enrolledAtStoreId: input.storeId ?? null })) {
    throw new AppError("program_not_available", "This program is not available to this person yet");
  }
  const entryTier = tierForQualifyingValue(context.tiers, 0);
  const email = input.email.trim().toLowerCase();
  for (let attempt = 0; ; attempt++) {
    const values = {
      merchantId: context.program.merchantId,
      programId: context.program.id,
      userId: input.userId ?? null,
      email,
      name: input.name ?? null,
      memberNumber: newMemberNumber(),
      referralCode: randomCode(8),
      marketingConsent: input.marketingConsent ?? false,
      enrolledAtStoreId: input.storeId ?? null,
      tierKey: entryTier?.key ?? null,
      tierSince: entryTier ? (input.joinedAt ?? new Date()) : null,
      joinedAt: input.joinedAt ?? new Date(),
    };
    try {
      const [member] = await db.transaction((savepoint) => savepoint.insert(members).values(values).returning());
      if (!member) throw new Error("Member insert returned no row");
      return member;
    } catch (error) {
      if (isUniqueViolation(error, "members_program_user") || isUniqueViolation(error, "members_program_email")) {
        throw new AppError("already_member", "Already a member of this program");
      }
      const clash =
        isUniqueViolation(error, "members_merchant_number") ||
        isUniqueViolation(error, "members_merchant_referral_code");
      if (!clash || attempt >= 5) throw error;
    }
  }
}

export async function findMembership(db: Db, input: { programId: string; userId: string }) {
  const [member] = await db
    .select()
    .from(members)
    .where(and(eq(members.programId, input.programId), eq(members.userId, input.userId)));
  return member ?? null;
}

import type { Db } from "@/db";
import { AppError } from "@/lib/errors";
import { loadProgramContext } from "@/lib/programs/program-context";
import { assertMembershipOpen } from "./assert-membership-open";
import { findMembership } from "./join-program";

/**
 * The user's own open membership of a program: not_found when they have none (a member only
 * ever reaches their own), membership_closed when it is closed.
 */
export async function requireMembership(db: Db, input: { programSlug: string; userId: string }) {
  const context = await loadProgramContext(db, { slug: input.programSlug });
  const member = await findMembership(db, { programId: context.program.id, userId: input.userId });
  if (!member) throw new AppError("not_found", "Not a member of this program");
  assertMembershipOpen(member);
  return member;
}

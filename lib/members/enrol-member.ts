import type { Db } from "@/db";
import { awardActionPoints } from "@/lib/rules/award-action-points";
import { joinProgram, type Member } from "./join-program";

/**
 * Enrols a person in a program the way every sign-up path does (own form, the counter, the
 * API): membership in the entry tier, then the program's sign-up points if it gives any.
 */
export async function enrolMember(db: Db, input: Parameters<typeof joinProgram>[1]): Promise<Member> {
  // One transaction: a member who joined has always had the sign-up points the program gives.
  return db.transaction(async (tx) => {
    const member = await joinProgram(tx, input);
    const welcome = await awardActionPoints(tx, {
      merchantId: member.merchantId,
      memberId: member.id,
      action: "sign_up",
      actor: { type: "system" },
      now: input.joinedAt,
    });
    return welcome.awarded
      ? { ...member, pointsBalance: welcome.entry.balanceAfter, lifetimePoints: welcome.entry.balanceAfter }
      : member;
  });
}

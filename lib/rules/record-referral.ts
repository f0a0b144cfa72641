import { and, asc, count, eq, inArray, isNull, like } from "drizzle-orm";
import type { Db } from "@/db";
import { recordEngagement } from "@/lib/challenges/record-engagement";
import { members, pointEntries } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { loadProgramContext } from "@/lib/programs/program-context";
import { creditBonus } from "./credit-bonus";
import { assertMembershipOpen } from "@/lib/members/assert-membership-open";

export type ReferralResult = {
  referrerId: string;
  referrerPoints: number;
  refereePoints: number;
  /** The referrer had reached the program's cap, so only the new member was paid. */
  referrerCapped: boolean;
};

export const referrerLine = { ruleKey: "referral:referrer", label: "referred a friend" } as const;
export const refereeLine = { ruleKey: "referral:referee", label: "referred by a friend" } as const;

/**
 * Records that `newMemberId` joined through the referral code of another member of the same
 * program, and pays both sides what the version in force says. A member is referred once,
 * never by themselves (nor by someone they referred). The referrer is paid for at most
 * `maxPerMember` referrals (0 means no cap), counted by their referral awards; past the cap
 * the referral is still recorded and the new member still paid.
 */
export async function recordReferral(
  db: Db,
  input: { merchantId: string; referrerCode: string; newMemberId: string; actor: Actor; now?: Date },
): Promise<ReferralResult> {
  const now = input.now ?? new Date();
  const code = normalizeReferralCode(input.referrerCode);
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.merchantId, input.merchantId), eq(members.referralCode, code)));
    if (!found) throw new AppError("not_found", "No member has this referral code");
    if (found.id === input.newMemberId) throw new AppError("self_referral", "Members cannot refer themselves");

    // Both rows locked in one statement, in id order, so two referrals never wait on each other.
    const locked = await tx
      .select()
      .from(members)
      .where(and(eq(members.merchantId, input.merchantId), inArray(members.id, [found.id, input.newMemberId])))
      .orderBy(asc(members.id))
      .for("update");
    const referrer = locked.find((member) => member.id === found.id);
    const referee = locked.find((member) => member.id === input.newMemberId);
    if (!referee) throw new AppError("not_found", "Member not found");
    if (!referrer || referrer.programId !== referee.programId || referrer.status !== "active") {
      throw new AppError("not_found", "No member has this referral code");
    }
    assertMembershipOpen(referee);
    if (referrer.referredByMemberId === referee.id) {
      throw new AppError("self_referral", "Two members cannot refer each other");
    }
    const [linked] = await tx
      .update(members)
      .set({ referredByMemberId: referrer.id })
      .where(
        and(eq(members.id, referee.id), eq(members.merchantId, input.merchantId), isNull(members.referredByMemberId)),
      )
      .returning({ id: members.id });
    if (!linked) throw new AppError("already_referred", "This member was already referred");

    const context = await loadProgramContext(tx, { programId: referee.programId, merchantId: input.merchantId });
    const { referrerPoints, refereePoints, maxPerMember } = context.version.settings.referral;
    const common = { merchantId: input.merchantId, context, actor: input.actor, now };

    const refereeCredit =
      refereePoints > 0
        ? await creditBonus(tx, {
            ...common,
            member: referee,
            points: refereePoints,
            awardKey: "referred",
            explanation: [{ ...refereeLine, points: refereePoints }],
          })
        : null;

    const [paid] = await tx
      .select({ n: count() })
      .from(pointEntries)
      .where(
        and(
          eq(pointEntries.merchantId, input.merchantId),
          eq(pointEntries.memberId, referrer.id),
          like(pointEntries.awardKey, "referral:%"),
        ),
      );
    const referrerCapped = maxPerMember > 0 && (paid?.n ?? 0) >= maxPerMember;
    const referrerCredit =
      referrerPoints > 0 && !referrerCapped
        ? await creditBonus(tx, {
            ...common,
            member: referrer,
            points: referrerPoints,
            awardKey: `referral:${referee.id}`,
            explanation: [{ ...referrerLine, points: referrerPoints }],
          })
        : null;

    await recordEngagement(tx, { merchantId: input.merchantId, memberId: referrer.id, now });
    return {
      referrerId: referrer.id,
      referrerPoints: referrerCredit?.entry.points ?? 0,
      refereePoints: refereeCredit?.entry.points ?? 0,
      referrerCapped,
    };
  });
}

/** A referral code as a person may type it: any case, spaces or dashes, O for 0, I/L for 1. */
export function normalizeReferralCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

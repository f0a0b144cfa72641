"use server";

import { memberAction, membershipAction } from "@/lib/actions/action-client";
import { requestLocale } from "@/lib/i18n/request";
import { enrolMember } from "@/lib/members/enrol-member";
import { findMember } from "@/lib/members/load-member";
import { getMemberDashboard } from "@/lib/members/member-dashboard";
import { loadProgramContext } from "@/lib/programs/program-context";
import { redeemReward } from "@/lib/rewards/redeem-reward";
import { memberProgramSchema, redeemRewardSchema } from "@/lib/validation/rewards";

export const getDashboardAction = membershipAction(memberProgramSchema, async (_, { db, member }) =>
  getMemberDashboard(db, member, { locale: await requestLocale() }),
);

export const joinProgramAction = memberAction(memberProgramSchema, async ({ programSlug }, { db, user }) => {
  const context = await loadProgramContext(db, { slug: programSlug });
  await enrolMember(db, { programId: context.program.id, userId: user.id, email: user.email, name: user.name });
});

export const redeemRewardAction = membershipAction(
  redeemRewardSchema,
  async ({ rewardId, idempotencyKey }, { db, user, member }) => {
    const redemption = await redeemReward(db, {
      merchantId: member.merchantId,
      memberId: member.id,
      rewardId,
      idempotencyKey,
      actor: { type: "member", userId: user.id },
    });
    // The dashboard as it is now, with the points the redemption spent.
    const dashboard = await getMemberDashboard(
      db,
      await findMember(db, { merchantId: member.merchantId, memberId: member.id }),
      { locale: await requestLocale() },
    );
    return { voucher: redemption.voucher, dashboard };
  },
);

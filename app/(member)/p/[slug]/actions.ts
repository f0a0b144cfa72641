"use server";

import { memberAction } from "@/lib/actions/action-client";
import { enrolMember } from "@/lib/members/enrol-member";
import { getMemberDashboard } from "@/lib/members/member-dashboard";
import { requireMembership } from "@/lib/members/require-membership";
import { loadProgramContext } from "@/lib/programs/program-context";
import { redeemReward } from "@/lib/rewards/redeem-reward";
import { memberProgramSchema, redeemRewardSchema } from "@/lib/validation/rewards";

export const getDashboardAction = memberAction(memberProgramSchema, async ({ programSlug }, { db, user }) =>
  getMemberDashboard(db, await requireMembership(db, { programSlug, userId: user.id })),
);

export const joinProgramAction = memberAction(memberProgramSchema, async ({ programSlug }, { db, user }) => {
  const context = await loadProgramContext(db, { slug: programSlug });
  await enrolMember(db, { programId: context.program.id, userId: user.id, email: user.email, name: user.name });
});

export const redeemRewardAction = memberAction(
  redeemRewardSchema,
  async ({ programSlug, rewardId, idempotencyKey }, { db, user }) => {
    const member = await requireMembership(db, { programSlug, userId: user.id });
    const redemption = await redeemReward(db, {
      merchantId: member.merchantId,
      memberId: member.id,
      rewardId,
      idempotencyKey,
      actor: { type: "member", userId: user.id },
    });
    const dashboard = await getMemberDashboard(db, await requireMembership(db, { programSlug, userId: user.id }));
    return { voucher: redemption.voucher, dashboard };
  },
);

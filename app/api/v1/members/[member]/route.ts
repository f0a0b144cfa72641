import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/api-route";
import { getBalanceSummary } from "@/lib/members/balance-summary";
import { getMemberForApi } from "@/lib/members/get-member";

/** A member's profile, balance and tier progress, by id or member number. */
export const GET = apiRoute<{ member: string }>("members:read", async (_request, { db, caller, params }) => {
  const member = await getMemberForApi(db, { merchantId: caller.merchantId, idOrNumber: params.member });
  const summary = await getBalanceSummary(db, { merchantId: caller.merchantId, memberId: member.id });
  return NextResponse.json({ ...member, tier: summary.tier, nextTier: summary.nextTier });
});

import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/api-route";
import { getMemberForApi } from "@/lib/members/get-member";

/** A member's balance and tier, by id or member number. */
export const GET = apiRoute<{ member: string }>("members:read", async (_request, { db, caller, params }) =>
  NextResponse.json(await getMemberForApi(db, { merchantId: caller.merchantId, idOrNumber: params.member })),
);

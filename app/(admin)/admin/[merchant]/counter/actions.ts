"use server";

import { staffAction } from "@/lib/actions/action-client";
import { recordCounterPurchase } from "@/lib/counter/record-counter-purchase";
import { findMembersForCounter } from "@/lib/members/find-members";
import { findMemberSchema, recordCounterPurchaseSchema } from "@/lib/validation/counter";

export const findMembersAction = staffAction(
  { schema: findMemberSchema, permission: "counter" },
  ({ query }, { db, merchant }) => findMembersForCounter(db, { merchantId: merchant.id, query }),
);

export const recordPurchaseAction = staffAction(
  { schema: recordCounterPurchaseSchema, permission: "counter" },
  ({ memberId, amountMinor, currency, idempotencyKey }, { db, merchant, user }) =>
    recordCounterPurchase(db, {
      merchantId: merchant.id,
      memberId,
      amountMinor,
      currency,
      idempotencyKey,
      actor: { type: "staff", userId: user.id },
    }),
);

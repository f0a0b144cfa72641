import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { members, programs } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { recordPurchase } from "@/lib/ledger/record-purchase";
import { parseMoney } from "@/lib/money";

/** A sale keyed in at the counter: the amount as typed, in the member's program currency. */
export async function recordCounterPurchase(
  db: Db,
  input: { merchantId: string; memberId: string; amount: string; idempotencyKey: string; actor: Actor },
) {
  const [member] = await db
    .select({ currency: programs.currency })
    .from(members)
    .innerJoin(programs, eq(programs.id, members.programId))
    .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)));
  if (!member) throw new AppError("not_found", "Member not found");
  const amountMinor = parseMoney(input.amount, member.currency);
  if (amountMinor === null || amountMinor <= 0) {
    throw new AppError("invalid_input", "The amount is not valid", { field: "amount", validation: "amount" });
  }
  return recordPurchase(db, {
    merchantId: input.merchantId,
    memberId: input.memberId,
    amountMinor,
    idempotencyKey: input.idempotencyKey,
    actor: input.actor,
  });
}

import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { members, programs } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError, isAppError } from "@/lib/errors";
import { recordPurchase } from "@/lib/purchases/record-purchase";

/** A sale keyed in at the counter, in the currency the cashier was shown. */
export async function recordCounterPurchase(
  db: Db,
  input: {
    merchantId: string;
    memberId: string;
    amountMinor: number;
    currency: string;
    idempotencyKey: string;
    actor: Actor;
  },
) {
  const [member] = await db
    .select({ currency: programs.currency })
    .from(members)
    .innerJoin(programs, eq(programs.id, members.programId))
    .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)));
  if (!member) throw new AppError("not_found", "Member not found");
  // The amount was typed against the currency on the screen; read in another one it would be wrong.
  if (member.currency !== input.currency) {
    throw new AppError("invalid_input", `This program accounts in ${member.currency}`, {
      field: "amount",
      validation: "currencyChanged",
    });
  }
  try {
    return await recordPurchase(db, {
      merchantId: input.merchantId,
      memberId: input.memberId,
      amountMinor: input.amountMinor,
      idempotencyKey: input.idempotencyKey,
      actor: input.actor,
    });
  } catch (error) {
    throw onCounterFields(error);
  }
}

/** The ledger names the sale's amount `amountMinor`; on the counter's form it is `amount`. */
function onCounterFields(error: unknown): unknown {
  if (!isAppError(error) || error.details?.field !== "amountMinor") return error;
  return new AppError(error.code, error.message, { ...error.details, field: "amount" });
}

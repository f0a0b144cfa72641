import type { Actor } from "@/lib/actor";
import { AppError, isAppError } from "@/lib/errors";

export type PaymentCharge = {
  merchantId: string;
  memberId: string;
  amountMinor: number;
  currency: string;
  description: string;
  /** What staff or the caller gave as proof of payment (a receipt number), if anything. */
  reference: string | null;
  /**
   * The same for every try of one purchase: a provider must pass it on to its payment service
   * (or remember it) so that a retried charge is taken once.
   */
  idempotencyKey: string;
  actor: Actor;
};

/**
 * Takes a payment, or throws. A provider that talks to a payment service plugs in here; the
 * domain only needs its name, recorded on the subscription, and the reference it returns.
 */
export type PaymentProvider = {
  name: string;
  charge(charge: PaymentCharge): Promise<{ reference: string | null }>;
};

/** Payment taken at the counter: no external call, a staff member confirms it was paid. */
export const counterPaymentProvider: PaymentProvider = {
  name: "counter",
  async charge(charge) {
    if (charge.actor.type !== "staff") {
      throw new AppError("forbidden", "Only staff can confirm a payment taken at the counter");
    }
    return { reference: charge.reference };
  },
};

/** Takes the payment through the provider; any failure that is not already a domain error becomes `payment_failed`. */
export async function chargePayment(provider: PaymentProvider, charge: PaymentCharge) {
  try {
    return await provider.charge(charge);
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError("payment_failed", `The payment did not go through (${provider.name})`, {
      cause: error instanceof Error ? error.message : String(error),
    });
  }
}

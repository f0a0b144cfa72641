import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { idempotencyKeys, memberSubscriptions, members } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { claimIdempotencyKey, requestFingerprint, storeIdempotentResponse } from "@/lib/ledger/idempotency";
import { loadProgramContext, type ProgramContext } from "@/lib/programs/program-context";
import { findMember } from "@/lib/members/load-member";
import { addMonthsInZone } from "@/lib/time-zone";
import { isPaidTier, runningSubscriptions, tierRank, type Tier } from "./paid-tier-coverage";
import { chargePayment, counterPaymentProvider, type PaymentProvider } from "./payment-providers";
import { assertMembershipOpen } from "@/lib/members/assert-membership-open";

export type PaidTierPurchase = {
  subscriptionId: string;
  tierKey: string;
  periodStart: string;
  periodEnd: string;
  amountMinor: number;
  currency: string;
  paymentProvider: string;
  paymentReference: string | null;
  /** True when this period follows on from one still running. */
  renewal: boolean;
  /** The member's tier afterwards: the paid one, unless they hold a higher one already. */
  memberTierKey: string | null;
};

const purchaseScope = "paid_tier.purchase";

/**
 * Sells a member a period of a paid tier of the published version: [now, now + period), or,
 * for a renewal, from the end of the period still running. The member moves to the tier if it
 * ranks above the one they hold. The payment is taken by the named provider ("counter" built
 * in, others passed in `providers`) between two short steps, outside any transaction, so a slow
 * payment service holds no lock on the member: the sale is opened first (checked, its price
 * fixed under the idempotency key), and the period is recorded once the charge has gone
 * through. A refused payment records no period and moves no tier.
 *
 * Every sale carries the caller's `idempotencyKey`: a retried request gets the first answer
 * without a second charge, and a retry after a lost answer, a failed charge or a failed write
 * sends the provider the same key and the same price, so the money is taken at most once and
 * the period recorded is the one paid for.
 */
export async function purchasePaidTier(
  db: Db,
  input: {
    merchantId: string;
    memberId: string;
    tierKey: string;
    paymentProvider: "counter" | (string & {});
    paymentReference?: string | null;
    idempotencyKey: string;
    actor: Actor;
    now: Date;
    providers?: PaymentProvider[];
  },
): Promise<PaidTierPurchase> {
  const provider = [counterPaymentProvider, ...(input.providers ?? [])].find((p) => p.name === input.paymentProvider);
  if (!provider) throw new AppError("invalid_input", `Unknown payment provider: ${input.paymentProvider}`);
  const idempotency = {
    merchantId: input.merchantId,
    key: input.idempotencyKey,
    scope: purchaseScope,
    requestHash: requestFingerprint({
      memberId: input.memberId,
      tierKey: input.tierKey,
      paymentProvider: provider.name,
      paymentReference: input.paymentReference ?? null,
    }),
  };
  const sale = await openSale(db, idempotency, input);
  if (!isOpenSale(sale)) return sale;

  const payment = await chargePayment(provider, {
    merchantId: input.merchantId,
    memberId: input.memberId,
    amountMinor: sale.tier.priceMinor,
    currency: sale.currency,
    description: `${sale.tier.name}, ${sale.tier.periodMonths} month(s)`,
    reference: input.paymentReference ?? null,
    idempotencyKey: `paid-tier:${input.merchantId}:${input.idempotencyKey}`,
    actor: input.actor,
  });
  return db.transaction(async (tx) => {
    // Tries of one sale queue up here; one that finds it recorded while it was charging answers with that.
    const [row] = await tx
      .select({ id: idempotencyKeys.id, response: idempotencyKeys.response })
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.merchantId, input.merchantId), eq(idempotencyKeys.key, input.idempotencyKey)))
      .for("update");
    if (!row) throw new Error("The open sale's idempotency key vanished");
    const recorded = row.response as OpenSale | PaidTierPurchase;
    if (!isOpenSale(recorded)) return recorded;
    const purchase = await recordPaidPeriod(tx, {
      merchantId: input.merchantId,
      memberId: input.memberId,
      sale,
      context: await loadProgramContext(tx, { programId: sale.programId, merchantId: input.merchantId }),
      provider,
      paymentReference: payment.reference,
      now: input.now,
    });
    await storeIdempotentResponse(tx, row.id, purchase);
    return purchase;
  });
}

/**
 * The terms of a sale, fixed when it opens and kept under its idempotency key until the period
 * is recorded: every try charges and records this price, even if the merchant changes the tier
 * in between.
 */
type OpenSale = {
  stage: "charging";
  programId: string;
  tier: Pick<Tier, "key" | "name" | "rank"> & { priceMinor: number; periodMonths: number };
  currency: string;
};

function isOpenSale(value: OpenSale | PaidTierPurchase): value is OpenSale {
  return "stage" in value && value.stage === "charging";
}

/**
 * Opens the sale under its idempotency key, or finds the one an earlier try opened (or
 * finished). A tier that is not for sale is refused before anything is written.
 */
async function openSale(
  db: Db,
  idempotency: { merchantId: string; key: string; scope: string; requestHash: string },
  input: { merchantId: string; memberId: string; tierKey: string },
): Promise<OpenSale | PaidTierPurchase> {
  return db.transaction(async (tx) => {
    const claim = await claimIdempotencyKey<OpenSale | PaidTierPurchase>(tx, idempotency);
    if (claim.replay) return claim.response;
    const { member, tier, context } = await tierForSale(tx, input);
    const sale: OpenSale = {
      stage: "charging",
      programId: member.programId,
      tier: {
        key: tier.key,
        name: tier.name,
        rank: tier.rank,
        priceMinor: tier.priceMinor,
        periodMonths: tier.periodMonths,
      },
      currency: context.program.currency,
    };
    await storeIdempotentResponse(tx, claim.keyId, sale);
    return sale;
  });
}

/** The member and the paid tier they want, checked before any money moves. */
async function tierForSale(db: Db, input: { merchantId: string; memberId: string; tierKey: string }) {
  const [member] = await db
    .select()
    .from(members)
    .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)));
  if (!member) throw new AppError("not_found", "Member not found");
  assertMembershipOpen(member);
  const context = await loadProgramContext(db, { programId: member.programId });
  const tier = context.tiers.find((candidate) => candidate.key === input.tierKey);
  if (!tier) throw new AppError("not_found", "Tier not found");
  if (!isPaidTier(tier)) throw new AppError("tier_not_for_sale", "This tier is earned, not bought");
  return { member, tier, context };
}

/**
 * Records a period that has been paid for, with the member row locked so that purchases at
 * the same moment queue up: each renewal starts where the one before it ends. The tier is
 * the one the charge was for, as it was then.
 */
async function recordPaidPeriod(
  tx: Tx,
  input: {
    merchantId: string;
    memberId: string;
    sale: OpenSale;
    context: ProgramContext;
    provider: PaymentProvider;
    paymentReference: string | null;
    now: Date;
  },
): Promise<PaidTierPurchase> {
  const { context } = input;
  const { tier, currency } = input.sale;
  const member = await findMember(tx, { merchantId: input.merchantId, memberId: input.memberId, lock: true });

  const [running] = await tx
    .select({ periodEnd: memberSubscriptions.periodEnd })
    .from(memberSubscriptions)
    .where(
      and(
        runningSubscriptions(input),
        eq(memberSubscriptions.memberId, member.id),
        eq(memberSubscriptions.tierKey, tier.key),
      ),
    )
    .orderBy(desc(memberSubscriptions.periodEnd))
    .limit(1);
  const periodStart = running?.periodEnd ?? input.now;
  const periodEnd = addMonthsInZone(periodStart, tier.periodMonths, context.program.timeZone);
  const [subscription] = await tx
    .insert(memberSubscriptions)
    .values({
      merchantId: input.merchantId,
      memberId: member.id,
      tierKey: tier.key,
      amountMinor: tier.priceMinor,
      currency,
      paymentProvider: input.provider.name,
      paymentReference: input.paymentReference,
      periodStart,
      periodEnd,
    })
    .returning({ id: memberSubscriptions.id });
  if (!subscription) throw new Error("Subscription insert returned no row");

  let memberTierKey = member.tierKey;
  if (tier.rank > tierRank(context.tiers, member.tierKey)) {
    await tx
      .update(members)
      .set({ tierKey: tier.key, tierSince: input.now })
      .where(and(eq(members.id, member.id), eq(members.merchantId, input.merchantId)));
    memberTierKey = tier.key;
  }
  return {
    subscriptionId: subscription.id,
    tierKey: tier.key,
    periodStart: periodStart.toISOString(),
    periodEnd: periodEnd.toISOString(),
    amountMinor: tier.priceMinor,
    currency,
    paymentProvider: input.provider.name,
    paymentReference: input.paymentReference,
    renewal: Boolean(running),
    memberTierKey,
  };
}

import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { memberSubscriptions, members, tiers } from "@/db/schema";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { forgetVersionDefinitions } from "@/lib/programs/version-definitions";
import { createPaidTier } from "@/lib/testing/engagement-factories";
import { createMember, createProgram } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { recordQualification } from "./record-qualification";
import { activePaidTier } from "./paid-tier-coverage";
import { reviewTiers } from "./review-tiers";
import { addMonthsInZone } from "@/lib/time-zone";
import { expirePaidTiers } from "./expire-paid-tiers";
import type { PaymentCharge, PaymentProvider } from "./payment-providers";
import { purchasePaidTier } from "./purchase-paid-tier";

const cashier = { type: "staff", userId: "00000000-0000-4000-8000-000000000001" } as const;
const shopper = { type: "member", userId: "00000000-0000-4000-8000-000000000002" } as const;
// Riga: 12:00 local on 31 January (UTC+2).
const jan31 = new Date("2026-01-31T10:00:00Z");
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function setup() {
  const { db } = database;
  const { merchant, program, version } = await createProgram(db);
  await createPaidTier(db, version, { key: "vip", rank: 3, priceMinor: 9_900, periodMonths: 1 });
  const member = await createMember(db, program);
  return { merchant, program, version, member };
}

type Member = { id: string; merchantId: string };

function buyVip(member: Member, now: Date, extra: Partial<Parameters<typeof purchasePaidTier>[1]> = {}) {
  return purchasePaidTier(database.db, {
    merchantId: member.merchantId,
    memberId: member.id,
    tierKey: "vip",
    paymentProvider: "counter",
    paymentReference: "till-7 receipt 0042",
    idempotencyKey: randomUUID(),
    actor: cashier,
    now,
    ...extra,
  });
}

async function memberRow(member: Member) {
  const [row] = await database.db.select().from(members).where(eq(members.id, member.id));
  return row!;
}

async function subscriptionsOf(member: Member) {
  return database.db.select().from(memberSubscriptions).where(eq(memberSubscriptions.memberId, member.id));
}

/** A payment service that takes each idempotency key's money once, as a real one would. */
function cardGateway(name = "card-gateway") {
  const taken = new Map<string, PaymentCharge>();
  const calls: PaymentCharge[] = [];
  const provider: PaymentProvider = {
    name,
    async charge(charge) {
      calls.push(charge);
      if (!taken.has(charge.idempotencyKey)) taken.set(charge.idempotencyKey, charge);
      return { reference: `pay_${[...taken.keys()].indexOf(charge.idempotencyKey)}` };
    },
  };
  return { provider, calls, taken };
}

/** Settles with the promise, or fails once `ms` have passed without an answer. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe("addMonthsInZone", () => {
  it("keeps the local time of day across DST and holds month ends", () => {
    expect(addMonthsInZone(jan31, 1, "Europe/Riga").toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(addMonthsInZone(new Date("2024-01-31T10:00:00Z"), 1, "Europe/Riga").toISOString()).toBe(
      "2024-02-29T10:00:00.000Z",
    );
    // 12:00 in March (UTC+2) to 12:00 in April (UTC+3).
    expect(addMonthsInZone(new Date("2026-03-15T10:00:00Z"), 1, "Europe/Riga").toISOString()).toBe(
      "2026-04-15T09:00:00.000Z",
    );
    expect(addMonthsInZone(new Date("2026-03-15T10:00:00Z"), 12, "UTC").toISOString()).toBe("2027-03-15T10:00:00.000Z");
  });
});

describe("purchasePaidTier", () => {
  it("sells a period at the counter and moves the member to the paid tier", async () => {
    const { member } = await setup();
    const result = await buyVip(member, jan31);
    expect(result).toMatchObject({
      tierKey: "vip",
      periodStart: jan31.toISOString(),
      periodEnd: "2026-02-28T10:00:00.000Z",
      amountMinor: 9_900,
      currency: "EUR",
      paymentProvider: "counter",
      paymentReference: "till-7 receipt 0042",
      renewal: false,
      memberTierKey: "vip",
    });
    expect(await subscriptionsOf(member)).toEqual([
      expect.objectContaining({ id: result.subscriptionId, status: "active", tierKey: "vip", amountMinor: 9_900 }),
    ]);
    expect(await memberRow(member)).toMatchObject({ tierKey: "vip", tierSince: jan31 });
    expect(
      await activePaidTier(database.db, { merchantId: member.merchantId, memberId: member.id, now: jan31 }),
    ).toEqual({
      tierKey: "vip",
      periodEnd: "2026-02-28T10:00:00.000Z",
    });
    await expectLedgerConsistent(database.db, member.id);
  });

  it("renews from the end of the running period", async () => {
    const { member } = await setup();
    await buyVip(member, jan31);
    const renewal = await buyVip(member, new Date("2026-02-10T10:00:00Z"));
    expect(renewal).toMatchObject({
      renewal: true,
      periodStart: "2026-02-28T10:00:00.000Z",
      periodEnd: "2026-03-28T10:00:00.000Z",
    });
    expect(
      await activePaidTier(database.db, {
        merchantId: member.merchantId,
        memberId: member.id,
        now: new Date("2026-02-10T10:00:00Z"),
      }),
    ).toEqual({
      tierKey: "vip",
      periodEnd: "2026-03-28T10:00:00.000Z",
    });
  });

  it("takes payment through a pluggable provider", async () => {
    const { member } = await setup();
    const charges: PaymentCharge[] = [];
    const card: PaymentProvider = {
      name: "card-gateway",
      async charge(charge) {
        charges.push(charge);
        return { reference: "pay_123" };
      },
    };
    const result = await buyVip(member, jan31, {
      paymentProvider: "card-gateway",
      paymentReference: null,
      actor: shopper,
      providers: [card],
    });
    expect(result).toMatchObject({ paymentProvider: "card-gateway", paymentReference: "pay_123" });
    expect(charges).toEqual([expect.objectContaining({ amountMinor: 9_900, currency: "EUR", memberId: member.id })]);
  });

  it("gives the provider an idempotency key, and sells and charges a request retried with the same key once", async () => {
    const { member, program } = await setup();
    const gateway = cardGateway();
    const request = {
      paymentProvider: gateway.provider.name,
      paymentReference: null,
      actor: shopper,
      providers: [gateway.provider],
    };
    const first = await buyVip(member, jan31, { ...request, idempotencyKey: "vip-jan-0001" });
    const retried = await buyVip(member, new Date("2026-01-31T10:05:00Z"), {
      ...request,
      idempotencyKey: "vip-jan-0001",
    });
    expect(retried).toEqual(first);
    expect(gateway.calls).toHaveLength(1);
    expect(await subscriptionsOf(member)).toHaveLength(1);

    // Without a key every call is a purchase of its own, with a key of its own.
    await buyVip(member, jan31, request);
    expect(gateway.calls).toHaveLength(2);
    expect(gateway.taken.size).toBe(2);
    expect(await subscriptionsOf(member)).toHaveLength(2);

    const other = await createMember(database.db, program);
    await expect(buyVip(other, jan31, { ...request, idempotencyKey: "vip-jan-0001" })).rejects.toMatchObject({
      code: "idempotency_conflict",
    });
    expect(gateway.calls).toHaveLength(2);
  });

  it("retries a failed charge with the same idempotency key, so the provider takes the money once", async () => {
    const { member } = await setup();
    const gateway = cardGateway();
    let answered = false;
    // The first answer is lost on the way back, though the money was taken.
    const lossy: PaymentProvider = {
      name: gateway.provider.name,
      async charge(charge) {
        const payment = await gateway.provider.charge(charge);
        if (!answered) {
          answered = true;
          throw new Error("gateway timeout");
        }
        return payment;
      },
    };
    const request = {
      paymentProvider: lossy.name,
      paymentReference: null,
      actor: shopper,
      providers: [lossy],
      idempotencyKey: "vip-jan-0002",
    };
    await expect(buyVip(member, jan31, request)).rejects.toMatchObject({ code: "payment_failed" });
    expect(await subscriptionsOf(member)).toEqual([]);
    expect((await memberRow(member)).tierKey).toBe("silver");

    expect(await buyVip(member, jan31, request)).toMatchObject({ memberTierKey: "vip", paymentReference: "pay_0" });
    expect(gateway.calls).toHaveLength(2);
    expect(gateway.calls[0]!.idempotencyKey).toEqual(expect.stringMatching(/\S/));
    expect(gateway.calls[1]!.idempotencyKey).toBe(gateway.calls[0]!.idempotencyKey);
    expect(gateway.taken.size).toBe(1);
    expect(await subscriptionsOf(member)).toHaveLength(1);
  });

  it("charges and records a retry at the price the sale opened with, though the merchant changed it since", async () => {
    const { member, version } = await setup();
    const gateway = cardGateway();
    let lost = true;
    const lossy: PaymentProvider = {
      name: "lossy-gateway",
      async charge(charge) {
        const payment = await gateway.provider.charge(charge);
        if (lost) {
          lost = false;
          throw new Error("gateway timeout");
        }
        return payment;
      },
    };
    const request = {
      paymentProvider: lossy.name,
      paymentReference: null,
      actor: shopper,
      providers: [lossy],
      idempotencyKey: "vip-jan-0003",
    };
    await expect(buyVip(member, jan31, request)).rejects.toMatchObject({ code: "payment_failed" });
    await database.db
      .update(tiers)
      .set({ priceMinor: 12_900 })
      .where(and(eq(tiers.programVersionId, version.id), eq(tiers.key, "vip")));
    forgetVersionDefinitions();

    expect(await buyVip(member, jan31, request)).toMatchObject({ amountMinor: 9_900, memberTierKey: "vip" });
    expect(gateway.calls.map((call) => call.amountMinor)).toEqual([9_900, 9_900]);
    expect(gateway.taken.size).toBe(1);
    expect(await subscriptionsOf(member)).toEqual([expect.objectContaining({ amountMinor: 9_900 })]);
  });

  it("does not hold the member's row while the provider is charging", async () => {
    const { member } = await setup();
    const slow: PaymentProvider = {
      name: "slow-gateway",
      async charge() {
        // A sale at the counter for the same member while the card payment is still pending.
        await within(
          5_000,
          recordPurchase(database.db, {
            merchantId: member.merchantId,
            memberId: member.id,
            amountMinor: 1_000,
            actor: cashier,
            now: jan31,
          }),
        );
        return { reference: "pay_slow" };
      },
    };
    expect(await buyVip(member, jan31, { paymentProvider: slow.name, providers: [slow] })).toMatchObject({
      paymentReference: "pay_slow",
    });
    expect((await expectLedgerConsistent(database.db, member.id)).pointsBalance).toBe(10);
  });

  it.runIf(onPostgres)("sells one period to tries with one idempotency key at the same moment", async () => {
    const { member } = await setup();
    const gateway = cardGateway();
    const request = {
      paymentProvider: gateway.provider.name,
      actor: shopper,
      providers: [gateway.provider],
      idempotencyKey: "vip-race-0001",
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => buyVip(member, jan31, request)));
    for (const result of results) expect(result).toEqual(results[0]);
    expect(gateway.taken.size).toBe(1);
    expect(await subscriptionsOf(member)).toHaveLength(1);
  });

  it("refuses an earned tier, an unknown tier or provider, an unconfirmed counter payment and a failed charge, writing nothing", async () => {
    const { member } = await setup();
    const failing: PaymentProvider = {
      name: "flaky",
      async charge() {
        throw new Error("gateway timeout");
      },
    };
    await expect(buyVip(member, jan31, { tierKey: "gold" })).rejects.toMatchObject({ code: "tier_not_for_sale" });
    await expect(buyVip(member, jan31, { tierKey: "diamond" })).rejects.toMatchObject({ code: "not_found" });
    await expect(buyVip(member, jan31, { paymentProvider: "cash-in-envelope" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(buyVip(member, jan31, { actor: shopper })).rejects.toMatchObject({ code: "forbidden" });
    await expect(buyVip(member, jan31, { paymentProvider: "flaky", providers: [failing] })).rejects.toMatchObject({
      code: "payment_failed",
    });
    const other = await createProgram(database.db);
    await expect(buyVip({ id: member.id, merchantId: other.merchant.id }, jan31)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await subscriptionsOf(member)).toEqual([]);
    expect((await memberRow(member)).tierKey).toBe("silver");
  });
});

describe("expirePaidTiers", () => {
  it("ends a lapsed period and returns the member to the tier their activity earns", async () => {
    const { member } = await setup();
    await recordPurchase(database.db, {
      merchantId: member.merchantId,
      memberId: member.id,
      amountMinor: 60_000,
      actor: cashier,
      occurredAt: new Date("2026-01-10T10:00:00Z"),
      now: new Date("2026-01-10T10:00:00Z"),
    });
    expect((await memberRow(member)).tierKey).toBe("gold");
    await buyVip(member, jan31);
    expect(
      await expirePaidTiers(database.db, { merchantId: member.merchantId, now: new Date("2026-02-28T09:59:59Z") }),
    ).toMatchObject({ subscriptionsExpired: 0 });
    expect((await memberRow(member)).tierKey).toBe("vip");

    const end = new Date("2026-02-28T10:00:00Z");
    expect(await expirePaidTiers(database.db, { merchantId: member.merchantId, now: end })).toEqual({
      subscriptionsExpired: 1,
      membersReturned: 1,
    });
    expect(await memberRow(member)).toMatchObject({ tierKey: "gold", tierSince: end });
    expect(await subscriptionsOf(member)).toEqual([expect.objectContaining({ status: "expired" })]);
    expect(await expirePaidTiers(database.db, { merchantId: member.merchantId, now: end })).toEqual({
      subscriptionsExpired: 0,
      membersReturned: 0,
    });
    expect(
      await activePaidTier(database.db, { merchantId: member.merchantId, memberId: member.id, now: end }),
    ).toBeNull();
    expect((await expectLedgerConsistent(database.db, member.id)).pointsBalance).toBe(600);
  });

  it("keeps a renewed member on the paid tier until the last period ends", async () => {
    const { member } = await setup();
    await buyVip(member, jan31);
    await buyVip(member, new Date("2026-02-20T10:00:00Z"));
    expect(
      await expirePaidTiers(database.db, { merchantId: member.merchantId, now: new Date("2026-03-01T00:00:00Z") }),
    ).toMatchObject({ subscriptionsExpired: 1, membersReturned: 0 });
    expect((await memberRow(member)).tierKey).toBe("vip");
    expect(
      await expirePaidTiers(database.db, { merchantId: member.merchantId, now: new Date("2026-03-28T10:00:00Z") }),
    ).toMatchObject({ subscriptionsExpired: 1, membersReturned: 1 });
    expect((await memberRow(member)).tierKey).toBe("silver");
  });

  it("returns a member mid-period to the tier the period review would leave them on, not only what this year earns", async () => {
    const { member: ofLastYear, program } = await setup();
    // Each reached Platinum with 2,500 points in one year and bought a month of VIP in December 2025.
    const platinumIn = {
      // 2025: the year that ended still supports Platinum.
      [ofLastYear.id]: "2025-03-03T12:00:00Z",
      // 2024, nothing since: the review of 2025 took them one step down, to Gold.
      [(await createMember(database.db, program)).id]: "2024-05-05T12:00:00Z",
      // 2023: stepped down twice since, to Silver.
      [(await createMember(database.db, program)).id]: "2023-05-05T12:00:00Z",
    };
    const memberIds = Object.keys(platinumIn);
    for (const memberId of memberIds) {
      const member = { id: memberId, merchantId: ofLastYear.merchantId };
      await database.db.update(members).set({ tierKey: "platinum" }).where(eq(members.id, memberId));
      await database.db.transaction((tx) =>
        recordQualification(tx, {
          merchantId: member.merchantId,
          memberId,
          at: new Date(platinumIn[memberId]!),
          timeZone: "Europe/Riga",
          points: 2_500,
          spendMinor: 0,
          visits: 0,
        }),
      );
      await buyVip(member, new Date("2025-12-20T10:00:00Z"));
    }
    const tierKeys = async () =>
      Promise.all(memberIds.map(async (id) => (await memberRow({ id, merchantId: ofLastYear.merchantId })).tierKey));

    const lapse = new Date("2026-01-20T10:00:00Z");
    expect(await expirePaidTiers(database.db, { merchantId: ofLastYear.merchantId, now: lapse })).toEqual({
      subscriptionsExpired: 3,
      membersReturned: 3,
    });
    expect(await tierKeys()).toEqual(["platinum", "gold", "silver"]);
    // The review of 2025 has nothing left to do for them.
    expect(await reviewTiers(database.db, { merchantId: ofLastYear.merchantId, now: lapse })).toEqual({
      reviewed: 0,
      downgraded: 0,
    });
    expect(await tierKeys()).toEqual(["platinum", "gold", "silver"]);
  });

  it.runIf(onPostgres)("two sweeps at once expire each subscription once", async () => {
    const { db } = database;
    const { program } = await setup();
    const buyers = await Promise.all(Array.from({ length: 20 }, () => createMember(db, program)));
    for (const buyer of buyers) await buyVip(buyer, jan31);
    const sweeps = await Promise.all(
      [1, 2].map(() =>
        expirePaidTiers(db, { merchantId: program.merchantId, now: new Date("2026-06-01T00:00:00Z"), batchSize: 3 }),
      ),
    );
    expect(sweeps[0]!.subscriptionsExpired + sweeps[1]!.subscriptionsExpired).toBe(20);
    expect(sweeps[0]!.membersReturned + sweeps[1]!.membersReturned).toBe(20);
    for (const buyer of buyers) expect((await memberRow(buyer)).tierKey).toBe("silver");
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { memberSubscriptions, members } from "@/db/schema";
import { recordPurchase } from "@/lib/ledger/record-purchase";
import { createPaidTier } from "@/lib/testing/engagement-factories";
import { createMember, createProgram } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import {
  activePaidTier,
  addMonthsInZone,
  expirePaidTiers,
  purchasePaidTier,
  type PaymentCharge,
  type PaymentProvider,
} from "./paid-membership";

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

describe("addMonthsInZone", () => {
  it("keeps the local time of day across DST and holds month ends", () => {
    expect(addMonthsInZone(jan31, 1, "Europe/Riga").toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(addMonthsInZone(new Date("2024-01-31T10:00:00Z"), 1, "Europe/Riga").toISOString()).toBe("2024-02-29T10:00:00.000Z");
    // 12:00 in March (UTC+2) to 12:00 in April (UTC+3).
    expect(addMonthsInZone(new Date("2026-03-15T10:00:00Z"), 1, "Europe/Riga").toISOString()).toBe("2026-04-15T09:00:00.000Z");
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
    expect(await activePaidTier(database.db, { merchantId: member.merchantId, memberId: member.id, now: jan31 })).toEqual({
      tierKey: "vip",
      periodEnd: "2026-02-28T10:00:00.000Z",
    });
    await expectLedgerConsistent(database.db, member.id);
  });

  it("renews from the end of the running period", async () => {
    const { member } = await setup();
    await buyVip(member, jan31);
    const renewal = await buyVip(member, new Date("2026-02-10T10:00:00Z"));
    expect(renewal).toMatchObject({ renewal: true, periodStart: "2026-02-28T10:00:00.000Z", periodEnd: "2026-03-28T10:00:00.000Z" });
    expect(await activePaidTier(database.db, { merchantId: member.merchantId, memberId: member.id, now: new Date("2026-02-10T10:00:00Z") })).toEqual({
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
    const result = await buyVip(member, jan31, { paymentProvider: "card-gateway", paymentReference: null, actor: shopper, providers: [card] });
    expect(result).toMatchObject({ paymentProvider: "card-gateway", paymentReference: "pay_123" });
    expect(charges).toEqual([expect.objectContaining({ amountMinor: 9_900, currency: "EUR", memberId: member.id })]);
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
    await expect(buyVip(member, jan31, { paymentProvider: "cash-in-envelope" })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(buyVip(member, jan31, { actor: shopper })).rejects.toMatchObject({ code: "forbidden" });
    await expect(buyVip(member, jan31, { paymentProvider: "flaky", providers: [failing] })).rejects.toMatchObject({ code: "payment_failed" });
    const other = await createProgram(database.db);
    await expect(buyVip({ id: member.id, merchantId: other.merchant.id }, jan31)).rejects.toMatchObject({ code: "not_found" });
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
    expect(await expirePaidTiers(database.db, { merchantId: member.merchantId, now: new Date("2026-02-28T09:59:59Z") })).toMatchObject({ subscriptionsExpired: 0 });
    expect((await memberRow(member)).tierKey).toBe("vip");

    const end = new Date("2026-02-28T10:00:00Z");
    expect(await expirePaidTiers(database.db, { merchantId: member.merchantId, now: end })).toEqual({ subscriptionsExpired: 1, membersReturned: 1 });
    expect(await memberRow(member)).toMatchObject({ tierKey: "gold", tierSince: end });
    expect(await subscriptionsOf(member)).toEqual([expect.objectContaining({ status: "expired" })]);
    expect(await expirePaidTiers(database.db, { merchantId: member.merchantId, now: end })).toEqual({ subscriptionsExpired: 0, membersReturned: 0 });
    expect(await activePaidTier(database.db, { merchantId: member.merchantId, memberId: member.id, now: end })).toBeNull();
    expect((await expectLedgerConsistent(database.db, member.id)).pointsBalance).toBe(600);
  });

  it("keeps a renewed member on the paid tier until the last period ends", async () => {
    const { member } = await setup();
    await buyVip(member, jan31);
    await buyVip(member, new Date("2026-02-20T10:00:00Z"));
    expect(await expirePaidTiers(database.db, { merchantId: member.merchantId, now: new Date("2026-03-01T00:00:00Z") })).toMatchObject({ subscriptionsExpired: 1, membersReturned: 0 });
    expect((await memberRow(member)).tierKey).toBe("vip");
    expect(await expirePaidTiers(database.db, { merchantId: member.merchantId, now: new Date("2026-03-28T10:00:00Z") })).toMatchObject({ subscriptionsExpired: 1, membersReturned: 1 });
    expect((await memberRow(member)).tierKey).toBe("silver");
  });

  it.runIf(onPostgres)("two sweeps at once expire each subscription once", async () => {
    const { db } = database;
    const { program } = await setup();
    const buyers = await Promise.all(Array.from({ length: 20 }, () => createMember(db, program)));
    for (const buyer of buyers) await buyVip(buyer, jan31);
    const sweeps = await Promise.all([1, 2].map(() => expirePaidTiers(db, { merchantId: program.merchantId, now: new Date("2026-06-01T00:00:00Z"), batchSize: 3 })));
    expect(sweeps[0]!.subscriptionsExpired + sweeps[1]!.subscriptionsExpired).toBe(20);
    expect(sweeps[0]!.membersReturned + sweeps[1]!.membersReturned).toBe(20);
    for (const buyer of buyers) expect((await memberRow(buyer)).tierKey).toBe("silver");
  });
});

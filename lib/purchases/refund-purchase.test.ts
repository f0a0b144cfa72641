import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db";
import { auditLog, memberQualifications, members, pointEntries, pointLots, purchases } from "@/db/schema";
import { redeemReward } from "@/lib/rewards/redeem-reward";
import { createMember, createProgram, createReward } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { appendEntry } from "@/lib/ledger/append-entry";
import { recordPurchase } from "./record-purchase";
import { refundPurchase } from "./refund-purchase";

const cashier = { type: "staff", userId: "00000000-0000-4000-8000-000000000001" } as const;
const apiKey = { type: "api_key", apiKeyId: "00000000-0000-4000-8000-0000000000aa" } as const;
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function memberWithPurchase(amountMinor: number) {
  const { db } = database;
  const { merchant, program } = await createProgram(db);
  const member = await createMember(db, program);
  const purchase = await recordPurchase(db, {
    merchantId: merchant.id,
    memberId: member.id,
    amountMinor,
    actor: cashier,
  });
  return { merchant, program, member, purchase };
}

const entriesOf = (db: Db, memberId: string) =>
  db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId)).orderBy(asc(pointEntries.id));
const purchaseRow = async (db: Db, id: string) => (await db.select().from(purchases).where(eq(purchases.id, id)))[0]!;
const auditOf = (db: Db, merchantId: string) => db.select().from(auditLog).where(eq(auditLog.merchantId, merchantId));

describe("refundPurchase", () => {
  it("a full refund reverses every earned point, the spend, the visit and the qualifying totals", async () => {
    const { db } = database;
    const { merchant, member, purchase } = await memberWithPurchase(1_250);
    const result = await refundPurchase(db, {
      merchantId: merchant.id,
      purchaseId: purchase.purchaseId,
      actor: cashier,
    });
    expect(result).toMatchObject({
      refundedMinor: 1_250,
      totalRefundedMinor: 1_250,
      status: "refunded",
      pointsReversed: 12,
      shortfall: 0,
      balance: 0,
    });
    const [earn, reverse] = await entriesOf(db, member.id);
    expect(reverse).toMatchObject({
      kind: "reverse",
      points: -12,
      balanceAfter: 0,
      purchaseId: purchase.purchaseId,
      reversesEntryId: earn!.id,
      shortfall: 0,
      reason: "Refund",
      actorType: "staff",
    });
    expect(await purchaseRow(db, purchase.purchaseId)).toMatchObject({ refundedMinor: 1_250, status: "refunded" });
    const after = await expectLedgerConsistent(db, member.id);
    expect(after).toMatchObject({ pointsBalance: 0, lifetimePoints: 0, lifetimeSpendMinor: 0, visitCount: 0 });
    const [qualification] = await db
      .select()
      .from(memberQualifications)
      .where(eq(memberQualifications.memberId, member.id));
    expect(qualification).toMatchObject({ points: 0, spendMinor: 0, visits: 0 });
  });

  it("three partial refunds adding up to the whole reverse 3 + 3 + 4 of 10 points, the last one exactly", async () => {
    const { db } = database;
    const { merchant, member, purchase } = await memberWithPurchase(1_000);
    const refund = (amountMinor: number) =>
      refundPurchase(db, { merchantId: merchant.id, purchaseId: purchase.purchaseId, amountMinor, actor: cashier });

    expect(await refund(333)).toMatchObject({
      pointsReversed: 3,
      totalRefundedMinor: 333,
      status: "partially_refunded",
      balance: 7,
    });
    await expectLedgerConsistent(db, member.id);
    expect(await refund(333)).toMatchObject({
      pointsReversed: 3,
      totalRefundedMinor: 666,
      status: "partially_refunded",
      balance: 4,
    });
    await expectLedgerConsistent(db, member.id);
    expect(await refund(334)).toMatchObject({
      pointsReversed: 4,
      totalRefundedMinor: 1_000,
      status: "refunded",
      balance: 0,
    });

    const reversals = (await entriesOf(db, member.id)).filter((e) => e.kind === "reverse");
    expect(reversals.map((e) => e.points)).toEqual([-3, -3, -4]);
    const after = await expectLedgerConsistent(db, member.id);
    expect(after).toMatchObject({ pointsBalance: 0, lifetimeSpendMinor: 0, visitCount: 0 });
    const [qualification] = await db
      .select()
      .from(memberQualifications)
      .where(eq(memberQualifications.memberId, member.id));
    expect(qualification).toMatchObject({ points: 0, spendMinor: 0, visits: 0 });
  });

  it("a partial refund keeps the visit and takes the refunded share off spend and qualifying points", async () => {
    const { db } = database;
    const { merchant, member, purchase } = await memberWithPurchase(4_999);
    const result = await refundPurchase(db, {
      merchantId: merchant.id,
      purchaseId: purchase.purchaseId,
      amountMinor: 2_000,
      actor: cashier,
    });
    // floor(49 x 2000 / 4999) = 19
    expect(result).toMatchObject({ pointsReversed: 19, balance: 30, status: "partially_refunded" });
    const after = await expectLedgerConsistent(db, member.id);
    expect(after).toMatchObject({ lifetimePoints: 30, lifetimeSpendMinor: 2_999, visitCount: 1 });
    const [qualification] = await db
      .select()
      .from(memberQualifications)
      .where(eq(memberQualifications.memberId, member.id));
    expect(qualification).toMatchObject({ points: 30, spendMinor: 2_999, visits: 1 });
  });

  it("takes the points back from the purchase's own lot, leaving older points untouched", async () => {
    const { db } = database;
    const { merchant, member } = await memberWithPurchase(1_000);
    const later = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 2_000,
      actor: cashier,
    });
    await refundPurchase(db, { merchantId: merchant.id, purchaseId: later.purchaseId, actor: cashier });
    const lots = await db
      .select()
      .from(pointLots)
      .where(eq(pointLots.memberId, member.id))
      .orderBy(asc(pointLots.entryId));
    expect(lots.map((lot) => lot.remaining)).toEqual([10, 0]);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(10);
  });

  it("floors the balance at zero and records the shortfall when the points were already spent", async () => {
    const { db } = database;
    const { merchant, program, member, purchase } = await memberWithPurchase(10_000);
    const reward = await createReward(db, program, { costPoints: 80 });
    await redeemReward(db, { merchantId: merchant.id, memberId: member.id, rewardId: reward.id, actor: cashier });

    const result = await refundPurchase(db, {
      merchantId: merchant.id,
      purchaseId: purchase.purchaseId,
      actor: cashier,
    });
    expect(result).toMatchObject({ pointsReversed: 20, shortfall: 80, balance: 0, status: "refunded" });
    const reverse = (await entriesOf(db, member.id)).at(-1)!;
    expect(reverse).toMatchObject({ kind: "reverse", points: -20, shortfall: 80, balanceAfter: 0 });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(0);
  });

  it("when nothing can be taken back, writes no entry and records the shortfall in the audit log", async () => {
    const { db } = database;
    const { merchant, program, member, purchase } = await memberWithPurchase(10_000);
    const reward = await createReward(db, program, { costPoints: 100 });
    await redeemReward(db, { merchantId: merchant.id, memberId: member.id, rewardId: reward.id, actor: cashier });
    const entriesBefore = (await entriesOf(db, member.id)).length;

    const first = await refundPurchase(db, {
      merchantId: merchant.id,
      purchaseId: purchase.purchaseId,
      amountMinor: 5_000,
      actor: apiKey,
    });
    expect(first).toMatchObject({ pointsReversed: 0, shortfall: 50, entryId: null, balance: 0 });
    const second = await refundPurchase(db, {
      merchantId: merchant.id,
      purchaseId: purchase.purchaseId,
      actor: apiKey,
    });
    expect(second).toMatchObject({ refundedMinor: 5_000, pointsReversed: 0, shortfall: 50, status: "refunded" });

    expect(await entriesOf(db, member.id)).toHaveLength(entriesBefore);
    const audit = await auditOf(db, merchant.id);
    expect(audit.map((row) => (row.details as { shortfall: number }).shortfall)).toEqual([50, 50]);
    expect(audit[0]).toMatchObject({
      action: "purchase.refund",
      actorType: "api_key",
      actorId: apiKey.apiKeyId,
      targetId: purchase.purchaseId,
    });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(0);
  });

  it("does not take back again the purchase's points that already expired", async () => {
    const { db } = database;
    const { merchant, program, member, purchase } = await memberWithPurchase(10_000);
    const reward = await createReward(db, program, { costPoints: 40 });
    await redeemReward(db, { merchantId: merchant.id, memberId: member.id, rewardId: reward.id, actor: cashier });
    const [earn] = await entriesOf(db, member.id);
    await db.transaction((tx) =>
      appendEntry(tx, {
        merchantId: merchant.id,
        memberId: member.id,
        kind: "expire",
        points: -60,
        actor: { type: "system" },
        reversesEntryId: earn!.id,
        fromLotEntryId: earn!.id,
      }),
    );
    await recordPurchase(db, { merchantId: merchant.id, memberId: member.id, amountMinor: 5_000, actor: cashier });

    // Half the purchase is 50 points; 60 of them expired already, so nothing is owed yet.
    const half = await refundPurchase(db, {
      merchantId: merchant.id,
      purchaseId: purchase.purchaseId,
      amountMinor: 5_000,
      actor: cashier,
    });
    expect(half).toMatchObject({ pointsReversed: 0, shortfall: 0, entryId: null, balance: 50 });
    // All of it is 100: 60 expired, so the 40 the member spent come back off the balance.
    const rest = await refundPurchase(db, { merchantId: merchant.id, purchaseId: purchase.purchaseId, actor: cashier });
    expect(rest).toMatchObject({ pointsReversed: 40, shortfall: 0, balance: 10, status: "refunded" });
    const after = await expectLedgerConsistent(db, member.id);
    expect(after).toMatchObject({ pointsBalance: 10, lifetimePoints: 50 });
  });

  it("refuses to refund more than is left and changes nothing", async () => {
    const { db } = database;
    const { merchant, member, purchase } = await memberWithPurchase(1_000);
    const call = (amountMinor?: number) =>
      refundPurchase(db, { merchantId: merchant.id, purchaseId: purchase.purchaseId, amountMinor, actor: cashier });
    await expect(call(1_001)).rejects.toMatchObject({ code: "refund_exceeds_purchase" });
    await expect(call(0)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(call(-5)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(call(1.5)).rejects.toMatchObject({ code: "invalid_input" });
    expect(await purchaseRow(db, purchase.purchaseId)).toMatchObject({ refundedMinor: 0, status: "completed" });
    expect(await entriesOf(db, member.id)).toHaveLength(1);
    expect(await auditOf(db, merchant.id)).toHaveLength(0);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(10);

    await call(600);
    await expect(call(401)).rejects.toMatchObject({ code: "refund_exceeds_purchase" });
    await call();
    await expect(call()).rejects.toMatchObject({ code: "refund_exceeds_purchase" });
    expect(await purchaseRow(db, purchase.purchaseId)).toMatchObject({ refundedMinor: 1_000, status: "refunded" });
    expect(await entriesOf(db, member.id)).toHaveLength(3);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(0);
  });

  it("does not find another merchant's purchase", async () => {
    const { db } = database;
    const { member, purchase } = await memberWithPurchase(1_000);
    const other = await createProgram(db);
    await expect(
      refundPurchase(db, { merchantId: other.merchant.id, purchaseId: purchase.purchaseId, actor: cashier }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await purchaseRow(db, purchase.purchaseId)).toMatchObject({ refundedMinor: 0, status: "completed" });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(10);
  });

  it("refunds once when retried with one idempotency key, and refuses the key with another amount", async () => {
    const { db } = database;
    const { merchant, member, purchase } = await memberWithPurchase(2_000);
    const request = {
      merchantId: merchant.id,
      purchaseId: purchase.purchaseId,
      amountMinor: 500,
      actor: apiKey,
      idempotencyKey: "refund-0001",
    };
    const first = await refundPurchase(db, request);
    const second = await refundPurchase(db, request);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ pointsReversed: 5, balance: 15 });
    await expect(refundPurchase(db, { ...request, amountMinor: 600 })).rejects.toMatchObject({
      code: "idempotency_conflict",
    });
    // The key of the purchase itself is a different request.
    await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 100,
      actor: apiKey,
      idempotencyKey: "sale-0009",
    });
    await expect(refundPurchase(db, { ...request, idempotencyKey: "sale-0009" })).rejects.toMatchObject({
      code: "idempotency_conflict",
    });

    expect(await purchaseRow(db, purchase.purchaseId)).toMatchObject({
      refundedMinor: 500,
      status: "partially_refunded",
    });
    expect((await entriesOf(db, member.id)).filter((e) => e.kind === "reverse")).toHaveLength(1);
    expect(await auditOf(db, merchant.id)).toHaveLength(1);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(16);
  });

  it("writes an audit row for a staff refund with what it did", async () => {
    const { db } = database;
    const { merchant, member, purchase } = await memberWithPurchase(1_000);
    await refundPurchase(db, {
      merchantId: merchant.id,
      purchaseId: purchase.purchaseId,
      amountMinor: 250,
      reason: "  damaged cup ",
      actor: cashier,
    });
    const [row] = await auditOf(db, merchant.id);
    expect(row).toMatchObject({
      action: "purchase.refund",
      actorType: "staff",
      actorId: cashier.userId,
      targetType: "purchase",
      targetId: purchase.purchaseId,
    });
    expect(row!.details).toMatchObject({ refundedMinor: 250, pointsReversed: 2, shortfall: 0, reason: "damaged cup" });
    const [reverse] = await db
      .select()
      .from(pointEntries)
      .where(and(eq(pointEntries.memberId, member.id), eq(pointEntries.kind, "reverse")));
    expect(reverse!.reason).toBe("damaged cup");
    const [after] = await db.select().from(members).where(eq(members.id, member.id));
    expect(after!.pointsBalance).toBe(8);
    await expectLedgerConsistent(db, member.id);
  });
});

// PGlite runs one session at a time and cannot show a race; these run on PostgreSQL.
describe.runIf(onPostgres)("refunds under concurrent requests on PostgreSQL", () => {
  it("10 simultaneous refunds of 3.00 on a 10.00 purchase: three succeed, never more than the amount", async () => {
    const { db } = database;
    const { merchant, member, purchase } = await memberWithPurchase(1_000);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        refundPurchase(db, {
          merchantId: merchant.id,
          purchaseId: purchase.purchaseId,
          amountMinor: 300,
          actor: cashier,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "refund_exceeds_purchase" });
    expect(await purchaseRow(db, purchase.purchaseId)).toMatchObject({
      refundedMinor: 900,
      status: "partially_refunded",
    });
    expect((await entriesOf(db, member.id)).filter((e) => e.kind === "reverse").map((e) => e.points)).toEqual([
      -3, -3, -3,
    ]);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(1);
  });

  it("20 simultaneous posts of one refund with one idempotency key: one refund, 20 identical answers", async () => {
    const { db } = database;
    const { merchant, member, purchase } = await memberWithPurchase(2_000);
    const request = {
      merchantId: merchant.id,
      purchaseId: purchase.purchaseId,
      actor: apiKey,
      idempotencyKey: "refund-race-01",
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => refundPurchase(db, request)));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect((await entriesOf(db, member.id)).filter((e) => e.kind === "reverse")).toHaveLength(1);
    expect(await auditOf(db, merchant.id)).toHaveLength(1);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(0);
  });

  it("a refund racing redemptions by the same member never takes the balance below zero", async () => {
    const { db } = database;
    const { merchant, program, member, purchase } = await memberWithPurchase(10_000);
    const reward = await createReward(db, program, { costPoints: 30 });
    const results = await Promise.allSettled([
      ...Array.from({ length: 5 }, () =>
        redeemReward(db, { merchantId: merchant.id, memberId: member.id, rewardId: reward.id, actor: cashier }),
      ),
      refundPurchase(db, { merchantId: merchant.id, purchaseId: purchase.purchaseId, actor: cashier }),
    ]);
    const refund = results.at(-1)!;
    expect(refund.status).toBe("fulfilled");
    const redeemed = results.slice(0, -1).filter((r) => r.status === "fulfilled").length;
    const { pointsReversed, shortfall } = (refund as PromiseFulfilledResult<Awaited<ReturnType<typeof refundPurchase>>>)
      .value;
    expect(pointsReversed + shortfall).toBe(100);
    const after = await expectLedgerConsistent(db, member.id);
    expect(after.pointsBalance).toBe(100 - redeemed * 30 - pointsReversed);
    expect(after.pointsBalance).toBe(0);
  });
});

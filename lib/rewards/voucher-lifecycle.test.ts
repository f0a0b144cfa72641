import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db";
import { auditLog, pointEntries, pointLots, redemptions, rewards, staffMembers, vouchers } from "@/db/schema";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { addStaff, createMember, createProgram, createReward } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { memberWithPoints, memberWithVoucher } from "@/lib/testing/voucher-factories";
import { cancelVoucher } from "./cancel-voucher";
import { expireVouchers } from "./expire-vouchers";
import { redeemReward } from "./redeem-reward";
import { useVoucher } from "./use-voucher";

const system = { type: "system" } as const;
const apiKey = { type: "api_key", apiKeyId: "00000000-0000-4000-8000-0000000000bb" } as const;
// A voucher valid N days runs to the end of a local day, so one issued N + 2 days ago has
// lapsed at any time of day, whatever DST did in between.
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const voucherRow = async (db: Db, code: string) =>
  (await db.select().from(vouchers).where(eq(vouchers.code, code)))[0]!;
const rewardRow = async (db: Db, id: string) => (await db.select().from(rewards).where(eq(rewards.id, id)))[0]!;
const reversalsOf = (db: Db, memberId: string) =>
  db
    .select()
    .from(pointEntries)
    .where(and(eq(pointEntries.memberId, memberId), eq(pointEntries.kind, "reverse")));
const auditOf = (db: Db, merchantId: string) => db.select().from(auditLog).where(eq(auditLog.merchantId, merchantId));

/** How a person may type a code at the counter: lower case, spaces, O for 0, l for 1. */
const asTyped = (code: string) => code.toLowerCase().replaceAll("-", " ").replaceAll("0", "o").replaceAll("1", "l");

describe("useVoucher", () => {
  it("accepts a voucher once, as typed, and says what it is for and whose it is", async () => {
    const { db } = database;
    const { merchant, member, reward, code } = await memberWithVoucher(db, {
      reward: { name: "10% off", kind: "percent_discount", value: 1_000 },
    });
    const cashier = await addStaff(db, merchant.id, "cashier");
    const [staff] = await db.select().from(staffMembers).where(eq(staffMembers.userId, cashier.id));
    const now = new Date();
    const actor = { type: "staff", userId: cashier.id } as const;

    const used = await useVoucher(db, { merchantId: merchant.id, code: asTyped(code), actor, now });
    expect(used).toMatchObject({
      voucher: { code, status: "used", usedAt: now.toISOString() },
      reward: { id: reward.id, name: "10% off", kind: "percent_discount", value: 1_000 },
      member: { id: member.id, memberNumber: member.memberNumber, name: member.name },
    });
    expect(await voucherRow(db, code)).toMatchObject({ status: "used", usedAt: now, usedByStaffId: staff!.id });

    await expect(useVoucher(db, { merchantId: merchant.id, code, actor })).rejects.toMatchObject({
      code: "voucher_already_used",
    });
    const audit = await auditOf(db, merchant.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "voucher.use",
      actorType: "staff",
      actorId: cashier.id,
      targetId: used.voucher.id,
    });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(150);
  });

  it("refuses an expired voucher, and an unknown code or another merchant's as not found", async () => {
    const { db } = database;
    const { merchant, member, code } = await memberWithVoucher(db, {
      reward: { voucherValidDays: 30 },
      issuedAt: daysAgo(32),
    });
    await expect(useVoucher(db, { merchantId: merchant.id, code, actor: apiKey })).rejects.toMatchObject({
      code: "voucher_expired",
    });
    expect(await voucherRow(db, code)).toMatchObject({ status: "issued", usedAt: null });

    const fresh = await memberWithVoucher(db);
    await expect(useVoucher(db, { merchantId: merchant.id, code: fresh.code, actor: apiKey })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      useVoucher(db, { merchantId: merchant.id, code: "0000-0000-0000-0000", actor: apiKey }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await voucherRow(db, fresh.code)).toMatchObject({ status: "issued" });
    expect(await auditOf(db, merchant.id)).toHaveLength(0);
    await expectLedgerConsistent(db, member.id);
    await expectLedgerConsistent(db, fresh.member.id);
  });

  it("honours the expiry to the instant", async () => {
    const { db } = database;
    // 02:00 on 1 January in Riga: valid through 11 January, lapsing at midnight in Riga (UTC+2).
    const issuedAt = new Date("2026-01-01T00:00:00Z");
    const { merchant, member, code, redemption } = await memberWithVoucher(db, {
      reward: { voucherValidDays: 10 },
      issuedAt,
    });
    const expiresAt = new Date("2026-01-11T22:00:00Z");
    expect(redemption.voucher.expiresAt).toBe(expiresAt.toISOString());
    await expect(
      useVoucher(db, { merchantId: merchant.id, code, actor: apiKey, now: expiresAt }),
    ).rejects.toMatchObject({
      code: "voucher_expired",
    });
    const used = await useVoucher(db, {
      merchantId: merchant.id,
      code,
      actor: apiKey,
      now: new Date(expiresAt.getTime() - 1),
    });
    expect(used.voucher.status).toBe("used");
    await expectLedgerConsistent(db, member.id);
  });
});

describe("cancelVoucher", () => {
  it("gives the points back with a reversing entry and puts the unit back in stock, once", async () => {
    const { db } = database;
    const { merchant, member, reward, redemption, code } = await memberWithVoucher(db, {
      reward: { costPoints: 120, stock: 5 },
    });
    expect((await rewardRow(db, reward.id)).stock).toBe(4);

    const cancelled = await cancelVoucher(db, { merchantId: merchant.id, code: asTyped(code), actor: apiKey });
    expect(cancelled).toMatchObject({
      code,
      pointsRefunded: 120,
      balance: 250,
      memberId: member.id,
      rewardId: reward.id,
    });
    const [redemptionRow] = await db.select().from(redemptions).where(eq(redemptions.id, redemption.redemptionId));
    expect(redemptionRow!.status).toBe("cancelled");
    const [reversal] = await reversalsOf(db, member.id);
    expect(reversal).toMatchObject({
      points: 120,
      balanceAfter: 250,
      redemptionId: redemption.redemptionId,
      reversesEntryId: redemptionRow!.entryId,
      actorType: "api_key",
    });
    expect(await voucherRow(db, code)).toMatchObject({ status: "cancelled" });
    expect((await rewardRow(db, reward.id)).stock).toBe(5);

    await expect(cancelVoucher(db, { merchantId: merchant.id, code, actor: apiKey })).rejects.toMatchObject({
      code: "voucher_cancelled",
    });
    await expect(useVoucher(db, { merchantId: merchant.id, code, actor: apiKey })).rejects.toMatchObject({
      code: "voucher_cancelled",
    });
    expect(await reversalsOf(db, member.id)).toHaveLength(1);
    expect((await rewardRow(db, reward.id)).stock).toBe(5);
    expect((await auditOf(db, merchant.id)).map((row) => row.action)).toEqual(["voucher.cancel"]);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(250);
  });

  it("gives the points back with the expiry of the points that were spent, never a fresh one", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, {
      settings: { expiry: { policy: "after_earning", months: 12 } },
    });
    const member = await createMember(db, program);
    const earnedAt = new Date("2026-01-10T10:00:00Z");
    await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 6_000,
      actor: system,
      now: earnedAt,
      occurredAt: earnedAt,
    });
    await recordPurchase(db, { merchantId: merchant.id, memberId: member.id, amountMinor: 6_000, actor: system });
    const reward = await createReward(db, program, { costPoints: 80 });
    const redemption = await redeemReward(db, {
      merchantId: merchant.id,
      memberId: member.id,
      rewardId: reward.id,
      actor: system,
    });
    const [spentLot] = await db
      .select({ expiresAt: pointLots.expiresAt })
      .from(pointLots)
      .where(eq(pointLots.memberId, member.id))
      .orderBy(pointLots.entryId)
      .limit(1);

    const cancelled = await cancelVoucher(db, {
      merchantId: merchant.id,
      code: redemption.voucher.code,
      actor: system,
    });
    const [refundLot] = await db
      .select({ expiresAt: pointLots.expiresAt })
      .from(pointLots)
      .where(eq(pointLots.entryId, cancelled.entryId));
    // The 80 points came from January's lot (60) and the next one: the refund keeps January's date.
    expect(refundLot!.expiresAt).toEqual(spentLot!.expiresAt);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(120);
  });

  it("leaves an unlimited reward unlimited, and frees the per-member limit", async () => {
    const { db } = database;
    const { merchant, member, reward, code } = await memberWithVoucher(db, { reward: { perMemberLimit: 1 } });
    await cancelVoucher(db, { merchantId: merchant.id, code, actor: system });
    expect((await rewardRow(db, reward.id)).stock).toBeNull();
    const again = await redeemReward(db, {
      merchantId: merchant.id,
      memberId: member.id,
      rewardId: reward.id,
      actor: system,
    });
    expect(again.balance).toBe(150);
    expect(await auditOf(db, merchant.id)).toHaveLength(0);
    await expectLedgerConsistent(db, member.id);
  });

  it("refuses a used or expired voucher, or another member's, and changes nothing", async () => {
    const { db } = database;
    const used = await memberWithVoucher(db, { reward: { stock: 3 } });
    await useVoucher(db, { merchantId: used.merchant.id, code: used.code, actor: apiKey });
    await expect(
      cancelVoucher(db, { merchantId: used.merchant.id, code: used.code, actor: apiKey }),
    ).rejects.toMatchObject({
      code: "voucher_already_used",
    });
    expect(await voucherRow(db, used.code)).toMatchObject({ status: "used" });
    expect((await rewardRow(db, used.reward.id)).stock).toBe(2);
    expect((await expectLedgerConsistent(db, used.member.id)).pointsBalance).toBe(150);

    const expired = await memberWithVoucher(db, { reward: { voucherValidDays: 7 }, issuedAt: daysAgo(9) });
    await expect(
      cancelVoucher(db, { merchantId: expired.merchant.id, code: expired.code, actor: apiKey }),
    ).rejects.toMatchObject({
      code: "voucher_expired",
    });
    expect((await expectLedgerConsistent(db, expired.member.id)).pointsBalance).toBe(150);

    const mine = await memberWithVoucher(db);
    const { member: someoneElse } = await memberWithPoints(db, 0);
    await expect(
      cancelVoucher(db, { merchantId: mine.merchant.id, code: mine.code, memberId: someoneElse.id, actor: system }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      cancelVoucher(db, { merchantId: used.merchant.id, code: mine.code, actor: apiKey }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await voucherRow(db, mine.code)).toMatchObject({ status: "issued" });
    expect(await reversalsOf(db, mine.member.id)).toHaveLength(0);
    const own = await cancelVoucher(db, {
      merchantId: mine.merchant.id,
      code: mine.code,
      memberId: mine.member.id,
      actor: system,
    });
    expect(own.balance).toBe(250);
    await expectLedgerConsistent(db, mine.member.id);
  });
});

describe("expireVouchers", () => {
  it("marks issued vouchers past their date as expired, once, without refunding", async () => {
    const { db } = database;
    const first = await memberWithVoucher(db, { points: 500, reward: { voucherValidDays: 5 }, issuedAt: daysAgo(7) });
    const { merchant, member, reward } = first;
    const now = new Date();
    const redeemAt = (issuedAt: Date) =>
      redeemReward(db, {
        merchantId: merchant.id,
        memberId: member.id,
        rewardId: reward.id,
        actor: system,
        now: issuedAt,
      });
    const second = await redeemAt(daysAgo(10));
    const current = await redeemAt(daysAgo(1));
    const usedLate = await redeemAt(daysAgo(7));
    await useVoucher(db, { merchantId: merchant.id, code: usedLate.voucher.code, actor: system, now: daysAgo(3) });

    expect(await expireVouchers(db, { now, merchantId: merchant.id, limit: 1 })).toBe(1);
    expect(await expireVouchers(db, { now, merchantId: merchant.id })).toBe(1);
    expect(await expireVouchers(db, { now, merchantId: merchant.id })).toBe(0);
    const statuses = await Promise.all(
      [first.code, second.voucher.code, current.voucher.code, usedLate.voucher.code].map((code) =>
        voucherRow(db, code),
      ),
    );
    expect(statuses.map((v) => v.status)).toEqual(["expired", "expired", "issued", "used"]);
    expect(await reversalsOf(db, member.id)).toHaveLength(0);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(100);
  });
});

// PGlite runs one session at a time and cannot show a race; these run on PostgreSQL.
describe.runIf(onPostgres)("vouchers under concurrent requests on PostgreSQL", () => {
  it("20 simultaneous uses of one code: exactly one succeeds", async () => {
    const { db } = database;
    const { merchant, member, code } = await memberWithVoucher(db);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => useVoucher(db, { merchantId: merchant.id, code, actor: apiKey })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "voucher_already_used" });
    expect(await auditOf(db, merchant.id)).toHaveLength(1);
    await expectLedgerConsistent(db, member.id);
  });

  it("20 simultaneous cancels of one voucher: exactly one refund entry and one unit back", async () => {
    const { db } = database;
    const { merchant, member, reward, code } = await memberWithVoucher(db, { reward: { stock: 2 } });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => cancelVoucher(db, { merchantId: merchant.id, code, actor: apiKey })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "voucher_cancelled" });
    expect(await reversalsOf(db, member.id)).toHaveLength(1);
    expect((await rewardRow(db, reward.id)).stock).toBe(2);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(250);
  });

  it("uses and cancels racing on one voucher: exactly one of them wins", async () => {
    const { db } = database;
    const { merchant, member, code } = await memberWithVoucher(db);
    const calls = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? useVoucher(db, { merchantId: merchant.id, code, actor: apiKey }).then(() => "used" as const)
        : cancelVoucher(db, { merchantId: merchant.id, code, actor: apiKey }).then(() => "cancelled" as const),
    );
    const results = await Promise.allSettled(calls);
    const won = results.filter((r) => r.status === "fulfilled").map((r) => r.value);
    expect(won).toHaveLength(1);
    expect((await voucherRow(db, code)).status).toBe(won[0]);
    expect(await reversalsOf(db, member.id)).toHaveLength(won[0] === "cancelled" ? 1 : 0);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(won[0] === "cancelled" ? 250 : 150);
  });

  it("two sweeps at once expire each voucher exactly once", async () => {
    const { db } = database;
    const { merchant, member, program } = await memberWithPoints(db, 100);
    const reward = await createReward(db, program, { costPoints: 1, voucherValidDays: 1 });
    for (let i = 0; i < 60; i++) {
      await redeemReward(db, {
        merchantId: merchant.id,
        memberId: member.id,
        rewardId: reward.id,
        actor: system,
        now: daysAgo(2),
      });
    }
    const now = new Date();
    const drain = async () => {
      let total = 0;
      for (;;) {
        const expired = await expireVouchers(db, { now, merchantId: merchant.id, limit: 5 });
        if (expired === 0) return total;
        total += expired;
      }
    };
    const [a, b, c] = await Promise.all([drain(), drain(), expireVouchers(db, { now, merchantId: merchant.id })]);
    expect(a + b + c).toBe(60);
    const rows = await db.select({ status: vouchers.status }).from(vouchers).where(eq(vouchers.memberId, member.id));
    expect(rows.filter((row) => row.status === "expired")).toHaveLength(60);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(40);
  });
});

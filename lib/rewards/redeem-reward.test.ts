import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { members, pointEntries, redemptions, rewards, vouchers } from "@/db/schema";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { getMemberDashboard } from "@/lib/members/member-dashboard";
import { createMember, createProgram, createReward } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase } from "@/lib/testing/test-database";
import { redeemReward } from "./redeem-reward";
import { useVoucher } from "./use-voucher";

const shopper = { type: "member", userId: "00000000-0000-4000-8000-000000000002" } as const;
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function memberWithPoints(points: number, timeZone?: string) {
  const { db } = database;
  const { merchant, program } = await createProgram(db, { timeZone });
  const member = await createMember(db, program);
  if (points > 0) {
    await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: points * 100,
      actor: { type: "system" },
    });
  }
  return { merchant, program, member };
}

describe("redeemReward", () => {
  it("spends the cost, takes one from stock and issues a unique voucher", async () => {
    const { db } = database;
    const { merchant, program, member } = await memberWithPoints(250);
    const reward = await createReward(db, program, { costPoints: 100, stock: 3 });
    const result = await redeemReward(db, {
      merchantId: merchant.id,
      memberId: member.id,
      rewardId: reward.id,
      actor: shopper,
    });
    expect(result.balance).toBe(150);
    expect(result.voucher.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const [after] = await db.select().from(rewards).where(eq(rewards.id, reward.id));
    expect(after!.stock).toBe(2);
    expect(await db.select().from(vouchers).where(eq(vouchers.memberId, member.id))).toHaveLength(1);
    await expectLedgerConsistent(db, member.id);
  });

  it("refuses a redemption the balance cannot cover and changes nothing", async () => {
    const { db } = database;
    const { merchant, program, member } = await memberWithPoints(99);
    const reward = await createReward(db, program, { costPoints: 100, stock: 1 });
    await expect(
      redeemReward(db, { merchantId: merchant.id, memberId: member.id, rewardId: reward.id, actor: shopper }),
    ).rejects.toMatchObject({ code: "insufficient_points" });
    const [after] = await db.select().from(rewards).where(eq(rewards.id, reward.id));
    expect(after!.stock).toBe(1);
    expect(await db.select().from(redemptions).where(eq(redemptions.memberId, member.id))).toHaveLength(0);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(99);
  });

  it("refuses when out of stock, below the minimum tier, or past the per-member limit", async () => {
    const { db } = database;
    const { merchant, program, member } = await memberWithPoints(400);
    const call = (rewardId: string) =>
      redeemReward(db, { merchantId: merchant.id, memberId: member.id, rewardId, actor: shopper });
    const soldOut = await createReward(db, program, { stock: 0 });
    const goldOnly = await createReward(db, program, { minTierKey: "gold" });
    const oncePerMember = await createReward(db, program, { perMemberLimit: 1 });
    const future = await createReward(db, program, { availableFrom: new Date(Date.now() + 86_400_000) });
    await expect(call(soldOut.id)).rejects.toMatchObject({ code: "out_of_stock" });
    await expect(call(goldOnly.id)).rejects.toMatchObject({ code: "tier_too_low" });
    await expect(call(future.id)).rejects.toMatchObject({ code: "reward_unavailable" });
    await call(oncePerMember.id);
    await expect(call(oncePerMember.id)).rejects.toMatchObject({ code: "reward_limit_reached" });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(300);
  });

  it("does not redeem another program's reward or another merchant's member", async () => {
    const { db } = database;
    const { merchant, member } = await memberWithPoints(500);
    const other = await createProgram(db);
    const foreignReward = await createReward(db, other.program);
    await expect(
      redeemReward(db, { merchantId: merchant.id, memberId: member.id, rewardId: foreignReward.id, actor: shopper }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      redeemReward(db, {
        merchantId: other.merchant.id,
        memberId: member.id,
        rewardId: foreignReward.id,
        actor: shopper,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(500);
  });

  it("keeps a voucher valid through the end of its last local day, across both DST changes", async () => {
    const { db } = database;
    const { merchant, program, member } = await memberWithPoints(300, "Europe/Berlin");
    const reward = await createReward(db, program, { costPoints: 100, voucherValidDays: 10 });
    const issue = async (iso: string) =>
      (
        await redeemReward(db, {
          merchantId: merchant.id,
          memberId: member.id,
          rewardId: reward.id,
          actor: shopper,
          now: new Date(iso),
        })
      ).voucher;
    // Clocks go forward on 29 March 2026. Issued at 11:00 CET on 20 March: valid through
    // 30 March, lapsing at midnight CEST (22:00 UTC); ten 24-hour days would end it at 12:00.
    expect((await issue("2026-03-20T10:00:00Z")).expiresAt).toBe("2026-03-30T22:00:00.000Z");
    // 00:30 CET on 29 March is still 28 March in UTC: the local date is the one that counts.
    expect((await issue("2026-03-28T23:30:00Z")).expiresAt).toBe("2026-04-08T22:00:00.000Z");
    // Clocks go back on 25 October 2026. Issued at 12:00 CEST on 20 October: valid through
    // 30 October, lapsing at midnight CET (23:00 UTC).
    const autumn = await issue("2026-10-20T10:00:00Z");
    expect(autumn.expiresAt).toBe("2026-10-30T23:00:00.000Z");
    // What the member is shown: the last day it can be used, in the program's time zone.
    expect(autumn.lastValidDate).toBe("2026-10-30");
    const counter = { merchantId: merchant.id, code: autumn.code, actor: shopper };
    await expect(useVoucher(db, { ...counter, now: new Date("2026-10-30T23:00:00Z") })).rejects.toMatchObject({
      code: "voucher_expired",
    });
    expect((await useVoucher(db, { ...counter, now: new Date("2026-10-30T22:59:59Z") })).voucher.status).toBe("used");
  });

  it("redeems once per idempotency key: a retry returns the first voucher and spends nothing more", async () => {
    const { db } = database;
    const { merchant, program, member } = await memberWithPoints(500);
    const reward = await createReward(db, program, { costPoints: 100, stock: 5 });
    const request = {
      merchantId: merchant.id,
      memberId: member.id,
      rewardId: reward.id,
      actor: shopper,
      idempotencyKey: "redeem-confirmation-1",
    };
    const first = await redeemReward(db, request);
    const retried = await redeemReward(db, request);
    expect(retried).toEqual(first);
    expect(await db.select().from(vouchers).where(eq(vouchers.memberId, member.id))).toHaveLength(1);
    expect(await db.select().from(pointEntries).where(eq(pointEntries.redemptionId, first.redemptionId))).toHaveLength(
      1,
    );
    const [after] = await db.select().from(rewards).where(eq(rewards.id, reward.id));
    expect(after!.stock).toBe(4);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(400);
    // A new confirmation, with its own key, is a second redemption.
    await redeemReward(db, { ...request, idempotencyKey: "redeem-confirmation-2" });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(300);
  });

  it("refuses the same key for another reward and writes nothing", async () => {
    const { db } = database;
    const { merchant, program, member } = await memberWithPoints(500);
    const coffee = await createReward(db, program, { costPoints: 100 });
    const cake = await createReward(db, program, { costPoints: 150 });
    const request = {
      merchantId: merchant.id,
      memberId: member.id,
      actor: shopper,
      idempotencyKey: "redeem-confirmation-3",
    };
    await redeemReward(db, { ...request, rewardId: coffee.id });
    await expect(redeemReward(db, { ...request, rewardId: cake.id })).rejects.toMatchObject({
      code: "idempotency_conflict",
    });
    expect(await db.select().from(redemptions).where(eq(redemptions.memberId, member.id))).toHaveLength(1);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(400);
  });

  it("keeps each member's keys their own: the same key from another member neither replays nor blocks", async () => {
    const { db } = database;
    const { merchant, program, member } = await memberWithPoints(500);
    const neighbour = await createMember(db, program);
    await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: neighbour.id,
      amountMinor: 50_000,
      actor: { type: "system" },
    });
    const reward = await createReward(db, program, { costPoints: 100 });
    const key = "redeem-confirmation-4";
    const mine = await redeemReward(db, {
      merchantId: merchant.id,
      memberId: member.id,
      rewardId: reward.id,
      actor: shopper,
      idempotencyKey: key,
    });
    const theirs = await redeemReward(db, {
      merchantId: merchant.id,
      memberId: neighbour.id,
      rewardId: reward.id,
      actor: shopper,
      idempotencyKey: key,
    });
    expect(theirs.voucher.code).not.toBe(mine.voucher.code);
    expect((await expectLedgerConsistent(db, neighbour.id)).pointsBalance).toBe(400);
    // Nor can a member take a key the merchant's till will send with a purchase.
    const sale = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 1_000,
      actor: { type: "system" },
      idempotencyKey: key,
    });
    expect(sale).toMatchObject({ memberId: member.id, amountMinor: 1_000 });
  });

  it("lets a refused redemption be retried with its key once the balance covers it", async () => {
    const { db } = database;
    const { merchant, program, member } = await memberWithPoints(50);
    const reward = await createReward(db, program, { costPoints: 100 });
    const request = {
      merchantId: merchant.id,
      memberId: member.id,
      rewardId: reward.id,
      actor: shopper,
      idempotencyKey: "redeem-confirmation-5",
    };
    await expect(redeemReward(db, request)).rejects.toMatchObject({ code: "insufficient_points" });
    await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 5_000,
      actor: { type: "system" },
    });
    expect((await redeemReward(db, request)).balance).toBe(0);
  });

  it("locks a reward whose minimum tier the version in force no longer has, for members of every tier", async () => {
    const { db } = database;
    const { merchant, program, member } = await memberWithPoints(500);
    const newcomer = await createMember(db, program);
    await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: newcomer.id,
      amountMinor: 20_000,
      actor: { type: "system" },
    });
    await db.update(members).set({ tierKey: "platinum" }).where(eq(members.id, member.id));
    const dropped = await createReward(db, program, { minTierKey: "diamond", stock: 5 });
    for (const who of [member, newcomer]) {
      await expect(
        redeemReward(db, { merchantId: merchant.id, memberId: who.id, rewardId: dropped.id, actor: shopper }),
      ).rejects.toMatchObject({ code: "reward_unavailable" });
      const [row] = await db.select().from(members).where(eq(members.id, who.id));
      const shown = (await getMemberDashboard(db, row!)).rewards.find((reward) => reward.id === dropped.id);
      expect(shown?.lock).toBe("tier_missing");
    }
    const [after] = await db.select().from(rewards).where(eq(rewards.id, dropped.id));
    expect(after!.stock).toBe(5);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(500);
  });
});

import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db";
import { pointEntries, redemptions, vouchers, type PurchaseLine } from "@/db/schema";
import { createDraftVersion } from "@/lib/programs/create-draft-version";
import { saveDraftEarningRule } from "@/lib/programs/edit-draft";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { refundPurchase } from "@/lib/purchases/refund-purchase";
import { createMember, createProgram, createReward } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { addEarningRules, createStore } from "@/lib/testing/rules-factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { cancelVoucher } from "./cancel-voucher";
import { redeemReward } from "./redeem-reward";
import { useVoucher } from "./use-voucher";

const system = { type: "system" } as const;
// A Tuesday (local Riga time).
const now = new Date("2026-03-10T10:00:00Z");
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** A program whose gift rule gives a tote bag for 50.00 of shoes (1 point per 1.00, no tiers). */
async function giftProgram(db: Db, conditions: Record<string, unknown> = {}) {
  const created = await createProgram(db, { tiers: [] });
  const tote = await createReward(db, created.program, { name: "Tote bag", kind: "gift", costPoints: 300 });
  await addEarningRules(db, created.version, [
    {
      key: "shoe-gift",
      name: "Tote bag with shoes",
      kind: "gift",
      giftRewardId: tote.id,
      conditions: { categories: ["shoes"], minimumSpendMinor: 5_000, ...conditions },
    },
  ]);
  const member = await createMember(db, created.program);
  return { ...created, tote, member };
}

const buy = (
  db: Db,
  input: { merchantId: string; memberId: string; lines: PurchaseLine[]; storeId?: string; idempotencyKey?: string },
) =>
  recordPurchase(db, {
    ...input,
    amountMinor: input.lines.reduce((sum, line) => sum + line.amountMinor, 0),
    actor: system,
    now,
  });

const entriesOf = (db: Db, memberId: string) =>
  db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId)).orderBy(asc(pointEntries.id));

describe("gift on conditions", () => {
  it("issues the gift's voucher at no point cost, once per purchase, explained on the result", async () => {
    const { db } = database;
    const { merchant, member, tote } = await giftProgram(db);

    const sale = await buy(db, {
      merchantId: merchant.id,
      memberId: member.id,
      lines: [
        { category: "shoes", amountMinor: 6_000 },
        { category: "socks", amountMinor: 1_000 },
      ],
      idempotencyKey: "pos:1",
    });
    expect(sale.pointsEarned).toBe(70);
    expect(sale.balance).toBe(70);
    expect(sale.vouchersIssued).toEqual([
      expect.objectContaining({ source: "gift", ruleKey: "shoe-gift", rewardId: tote.id, rewardName: "Tote bag" }),
    ]);
    const again = await buy(db, {
      merchantId: merchant.id,
      memberId: member.id,
      lines: [
        { category: "shoes", amountMinor: 6_000 },
        { category: "socks", amountMinor: 1_000 },
      ],
      idempotencyKey: "pos:1",
    });
    expect(again).toEqual(sale);

    const entries = await entriesOf(db, member.id);
    expect(entries.map((entry) => [entry.kind, entry.points, entry.balanceAfter])).toEqual([
      ["earn", 70, 70],
      ["adjust", 300, 370],
      ["redeem", -300, 70],
    ]);
    expect(entries[1]).toMatchObject({
      awardKey: `gift:${sale.purchaseId}:shoe-gift`,
      reason: "Gift: Tote bag with shoes",
      purchaseId: null,
    });
    // The gift is spent from its own lot: the member's earned points keep their lot untouched.
    const [redemption] = await db.select().from(redemptions).where(eq(redemptions.memberId, member.id));
    expect(redemption).toMatchObject({ rewardId: tote.id, pointsSpent: 300, entryId: entries[2]!.id });
    const member2 = await expectLedgerConsistent(db, member.id);
    expect(member2.lifetimePoints).toBe(70);
  });

  it("issues nothing when the covered lines miss the minimum, or outside the rule's days or stores", async () => {
    const { db } = database;
    const store = await createStore(db, (await createProgram(db)).merchant.id);
    const cases = [
      {
        conditions: {},
        lines: [
          { category: "shoes", amountMinor: 3_000 },
          { category: "socks", amountMinor: 4_000 },
        ],
      },
      { conditions: { daysOfWeek: [0, 6] }, lines: [{ category: "shoes", amountMinor: 6_000 }] },
      { conditions: { storeIds: [store.id] }, lines: [{ category: "shoes", amountMinor: 6_000 }] },
    ];
    for (const { conditions, lines } of cases) {
      const { merchant, member } = await giftProgram(db, conditions);
      const sale = await buy(db, { merchantId: merchant.id, memberId: member.id, lines });
      expect(sale.vouchersIssued).toEqual([]);
      expect(await db.select().from(vouchers).where(eq(vouchers.memberId, member.id))).toEqual([]);
    }
  });

  it("cancels the unused gift on a full refund only, and never turns a gift into points", async () => {
    const { db } = database;
    const { merchant, member } = await giftProgram(db);
    const lines = [{ category: "shoes", amountMinor: 10_000 }];
    const sale = await buy(db, { merchantId: merchant.id, memberId: member.id, lines });
    const code = sale.vouchersIssued[0]!.code;

    const partial = await refundPurchase(db, {
      merchantId: merchant.id,
      purchaseId: sale.purchaseId,
      amountMinor: 4_000,
      actor: system,
      now,
    });
    expect(partial).toMatchObject({ pointsReversed: 40, balance: 60, giftsCancelled: [] });
    const full = await refundPurchase(db, { merchantId: merchant.id, purchaseId: sale.purchaseId, actor: system, now });
    expect(full).toMatchObject({ pointsReversed: 60, balance: 0, giftsCancelled: [code] });
    const [voucher] = await db.select().from(vouchers).where(eq(vouchers.code, code));
    expect(voucher!.status).toBe("cancelled");
    const entries = await entriesOf(db, member.id);
    expect(entries.slice(-2).map((entry) => [entry.kind, entry.points, entry.balanceAfter, entry.reason])).toEqual([
      ["reverse", 300, 300, "Purchase refunded"],
      ["reverse", -300, 0, "Purchase refunded"],
    ]);
    await expectLedgerConsistent(db, member.id);

    // A member cancelling their own gift voucher gets nothing back either.
    const second = await buy(db, { merchantId: merchant.id, memberId: member.id, lines });
    const cancelled = await cancelVoucher(db, {
      merchantId: merchant.id,
      code: second.vouchersIssued[0]!.code,
      memberId: member.id,
      actor: { type: "member", userId: "00000000-0000-4000-8000-0000000000aa" },
      now,
    });
    expect(cancelled).toMatchObject({ pointsRefunded: 0, balance: 100 });
    await expectLedgerConsistent(db, member.id);
  });

  it("leaves a gift already used as it is when the purchase is refunded", async () => {
    const { db } = database;
    const { merchant, member } = await giftProgram(db);
    const sale = await buy(db, {
      merchantId: merchant.id,
      memberId: member.id,
      lines: [{ category: "shoes", amountMinor: 5_000 }],
    });
    const code = sale.vouchersIssued[0]!.code;
    await useVoucher(db, { merchantId: merchant.id, code, actor: system, now });
    const refund = await refundPurchase(db, {
      merchantId: merchant.id,
      purchaseId: sale.purchaseId,
      actor: system,
      now,
    });
    expect(refund).toMatchObject({ balance: 0, giftsCancelled: [] });
    const [voucher] = await db.select().from(vouchers).where(eq(vouchers.code, code));
    expect(voucher!.status).toBe("used");
    await expectLedgerConsistent(db, member.id);
  });

  it("keeps an ordinary redemption's cancellation refunding its points", async () => {
    const { db } = database;
    const { merchant, member, program } = await giftProgram(db);
    await buy(db, {
      merchantId: merchant.id,
      memberId: member.id,
      lines: [{ category: "socks", amountMinor: 20_000 }],
    });
    const coffee = await createReward(db, program, { costPoints: 150 });
    const redeemed = await redeemReward(db, {
      merchantId: merchant.id,
      memberId: member.id,
      rewardId: coffee.id,
      actor: system,
      now,
    });
    const cancelled = await cancelVoucher(db, {
      merchantId: merchant.id,
      code: redeemed.voucher.code,
      actor: system,
      now,
    });
    expect(cancelled).toMatchObject({ pointsRefunded: 150, balance: 200 });
  });

  it("saves a gift rule in a draft only with an active reward of the program, on giftRewardId", async () => {
    const { db } = database;
    const { merchant, program, tote } = await giftProgram(db);
    const other = await createProgram(db);
    const foreign = await createReward(db, other.program);
    await createDraftVersion(db, { merchantId: merchant.id, programId: program.id });
    const save = (giftRewardId: string) =>
      saveDraftEarningRule(db, {
        merchantId: merchant.id,
        programId: program.id,
        rule: { key: "gift-2", name: "Gift", kind: "gift", giftRewardId, conditions: { minimumSpendMinor: 1_000 } },
      });
    await expect(save(foreign.id)).rejects.toMatchObject({ code: "invalid_input", details: { field: "giftRewardId" } });
    expect(await save(tote.id)).toMatchObject({ kind: "gift", giftRewardId: tote.id });
  });
});

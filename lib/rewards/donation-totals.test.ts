import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { createMember, createProgram, createReward } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { cancelVoucher } from "./cancel-voucher";
import { donationTotals } from "./donation-totals";
import { redeemReward } from "./redeem-reward";

const system = { type: "system" } as const;
const now = new Date("2026-03-10T10:00:00Z");
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("donation totals", () => {
  it("adds up the points given to each cause and their value, less cancelled gifts, for one program", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { tiers: [] });
    const trees = await createReward(db, program, { name: "Plant a tree", kind: "donation", costPoints: 500 });
    const meals = await createReward(db, program, {
      name: "A school meal",
      kind: "donation",
      costPoints: 300,
      value: 250,
      position: 1,
    });
    await createReward(db, program, { name: "Never chosen", kind: "donation", costPoints: 100 });
    const coffee = await createReward(db, program, { name: "Coffee", costPoints: 100 });
    const other = await createProgram(db, { tiers: [] });
    const otherCause = await createReward(db, other.program, { kind: "donation", costPoints: 100 });

    const give = async (p: { merchant: { id: string }; program: { id: string } }, rewardIds: string[]) => {
      const member = await createMember(db, p.program);
      await recordPurchase(db, {
        merchantId: p.merchant.id,
        memberId: member.id,
        amountMinor: 500_000,
        actor: system,
        now,
      });
      const codes = [];
      for (const rewardId of rewardIds) {
        const redeemed = await redeemReward(db, {
          merchantId: p.merchant.id,
          memberId: member.id,
          rewardId,
          actor: system,
          now,
        });
        codes.push(redeemed.voucher.code);
      }
      return codes;
    };
    await give({ merchant, program }, [trees.id, trees.id, meals.id, coffee.id]);
    const [cancelled] = await give({ merchant, program }, [trees.id, meals.id]);
    await cancelVoucher(db, { merchantId: merchant.id, code: cancelled!, actor: system, now });
    await give(other, [otherCause.id]);

    expect(await donationTotals(db, { merchantId: merchant.id, programId: program.id, pointValueMinor: 1 })).toEqual([
      // 2 trees kept (the third was cancelled), at 1 cent a point.
      { rewardId: trees.id, rewardName: "Plant a tree", points: 1_000, valueMinor: 1_000 },
      // 2 meals, each a fixed 2.50.
      { rewardId: meals.id, rewardName: "A school meal", points: 600, valueMinor: 500 },
    ]);
    // Another merchant asking about this program sees nothing.
    expect(
      await donationTotals(db, { merchantId: other.merchant.id, programId: program.id, pointValueMinor: 1 }),
    ).toEqual([]);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { programs } from "@/db/schema";
import { createDraftVersion } from "@/lib/programs/create-draft-version";
import { saveDraftEarningRule, updateDraftSettings } from "@/lib/programs/edit-draft";
import { publishDraftVersion } from "@/lib/programs/publish-draft-version";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { redeemReward } from "@/lib/rewards/redeem-reward";
import { createMember, createProgram, createReward, defaultSettings } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase } from "@/lib/testing/test-database";

const system = { type: "system" } as const;
const now = new Date("2026-03-10T10:00:00Z");
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("stamp card from existing mechanics", () => {
  it("gives one stamp per visit whatever the amount, and a free item at 8 stamps, built through the draft", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { tiers: [] });
    await db.update(programs).set({ pointsLabel: "stamps" }).where(eq(programs.id, program.id));
    const freeCoffee = await createReward(db, program, { name: "Free coffee", kind: "free_product", costPoints: 8 });
    const ref = { merchantId: merchant.id, programId: program.id };

    await createDraftVersion(db, ref);
    await updateDraftSettings(db, { ...ref, settings: { ...defaultSettings, earnRate: { points: 0, perMinor: 100 } } });
    await saveDraftEarningRule(db, {
      ...ref,
      rule: { key: "stamp", name: "One stamp per visit", kind: "campaign", points: 1 },
    });
    const version = await publishDraftVersion(db, { ...ref, now });

    const member = await createMember(db, program);
    const amounts = [350, 12_000, 90, 4_500, 700, 1_000, 2_250];
    for (const amountMinor of amounts) {
      const sale = await recordPurchase(db, { ...ref, memberId: member.id, amountMinor, actor: system, now });
      expect(sale.pointsEarned).toBe(1);
    }
    await expect(
      redeemReward(db, { ...ref, memberId: member.id, rewardId: freeCoffee.id, actor: system, now }),
    ).rejects.toMatchObject({ code: "insufficient_points" });

    const eighth = await recordPurchase(db, { ...ref, memberId: member.id, amountMinor: 420, actor: system, now });
    expect(eighth).toMatchObject({
      pointsEarned: 1,
      balance: 8,
      explanation: [
        { ruleKey: "base_rate", label: "base rate", points: 0 },
        { ruleKey: "rule:stamp", label: "One stamp per visit", points: 1 },
      ],
    });
    const redeemed = await redeemReward(db, {
      ...ref,
      memberId: member.id,
      rewardId: freeCoffee.id,
      actor: system,
      now,
    });
    expect(redeemed).toMatchObject({ pointsSpent: 8, balance: 0 });
    expect(version.settings.earnRate.points).toBe(0);
    await expectLedgerConsistent(db, member.id);
  });
});

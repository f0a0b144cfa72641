import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { rewards } from "@/db/schema";
import { createMerchant } from "@/lib/merchants/create-merchant";
import { joinProgram } from "@/lib/members/join-program";
import { loadProgramContext } from "@/lib/programs/program-context";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { redeemReward } from "@/lib/rewards/redeem-reward";
import { listMemberContent } from "@/lib/content/program-content";
import { purchasePaidTier } from "@/lib/tiers/purchase-paid-tier";
import { createUser } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase } from "@/lib/testing/test-database";
import { programTemplates } from ".";

const now = new Date("2026-03-10T10:00:00Z");
const system = { type: "system" } as const;
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function fromTemplate(template: string, currency = "EUR") {
  const { db } = database;
  const owner = await createUser(db, { emailVerified: now });
  const slug = `t-${template.replaceAll("_", "-")}-${currency.toLowerCase()}`;
  const created = await createMerchant(db, {
    userId: owner.id,
    name: `Shop ${template}`,
    slug,
    currency,
    timeZone: "Europe/Riga",
    defaultLocale: "en",
    brandColor: "#0f766e",
    goal: "retention",
    template,
    now,
  });
  const member = await joinProgram(db, {
    programId: created.program.id,
    email: `${slug}@example.test`,
    name: "Mia Member",
    joinedAt: now,
  });
  return { ...created, member, owner };
}

describe.each(programTemplates.map((template) => template.key))("the %s template", (key) => {
  it("creates a published program a member can join, earn in and redeem from", async () => {
    const { db } = database;
    const { merchant, program, member, storeId } = await fromTemplate(key);
    const context = await loadProgramContext(db, { programId: program.id, merchantId: merchant.id });
    expect(context.version.number).toBe(1);
    expect(context.version.status).toBe("published");

    const purchase = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 4_250,
      storeId,
      actor: system,
      occurredAt: now,
      now,
    });
    const template = programTemplates.find((candidate) => candidate.key === key)!;
    const built = template.build({ currency: "EUR", now });
    if (built.settings.earnRate.points > 0 || built.rules.some((rule) => rule.kind === "campaign")) {
      expect(purchase.pointsEarned).toBeGreaterThan(0);
    } else {
      // A discount card earns no points; the sale counts towards the member's tier.
      expect(purchase.pointsEarned).toBe(0);
      expect(purchase.tierKey).toBe(built.tiers[0]!.key);
    }

    const catalog = await db
      .select()
      .from(rewards)
      .where(and(eq(rewards.merchantId, merchant.id), eq(rewards.programId, program.id)))
      .orderBy(asc(rewards.costPoints));
    expect(catalog).toHaveLength(built.rewards.length);
    const cheapest = catalog.find((reward) => reward.minTierKey === null);
    // Certificates are issued, not redeemed: their own test below.
    if (!cheapest || built.certificates) return;
    let balance = purchase.balance;
    for (let visit = 1; balance < cheapest.costPoints && visit <= 20; visit++) {
      const next = await recordPurchase(db, {
        merchantId: merchant.id,
        memberId: member.id,
        amountMinor: 10_000,
        actor: system,
        occurredAt: new Date(now.getTime() + visit * 60_000),
        now: new Date(now.getTime() + visit * 60_000),
      });
      balance = next.balance;
    }
    const redemption = await redeemReward(db, {
      merchantId: merchant.id,
      memberId: member.id,
      rewardId: cheapest.id,
      actor: { type: "member", userId: member.userId ?? "00000000-0000-0000-0000-000000000000" },
      now: new Date(now.getTime() + 3_600_000),
    });
    expect(redemption.voucher.code).toBeTruthy();
    await expectLedgerConsistent(db, member.id);
  });
});

describe("template specifics", () => {
  it("stamp card: one stamp per visit whatever the amount, a free item at ten", async () => {
    const { db } = database;
    const { merchant, member } = await fromTemplate("stamp_card", "USD");
    const small = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 150,
      actor: system,
      occurredAt: now,
      now,
    });
    const large = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 99_00,
      actor: system,
      occurredAt: now,
      now,
    });
    expect([small.pointsEarned, large.pointsEarned]).toEqual([1, 1]);
  });

  it("spend tiers: a year's spend moves the member up, and the new tier earns faster", async () => {
    const { db } = database;
    const { merchant, member } = await fromTemplate("spend_tiers", "GBP");
    const first = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 400_00,
      actor: system,
      occurredAt: now,
      now,
    });
    expect(first.tierKey).toBe("vib");
    const second = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 100_00,
      actor: system,
      occurredAt: now,
      now,
    });
    expect(second.pointsEarned).toBe(125);
  });

  it("tiered discount card: silver, then gold past the spend threshold", async () => {
    const { db } = database;
    const { merchant, program, member } = await fromTemplate("discount_tiered", "JPY");
    const context = await loadProgramContext(db, { programId: program.id, merchantId: merchant.id });
    expect(context.tiers.map((tier) => [tier.key, tier.discountPercent, tier.threshold])).toEqual([
      ["silver", 5, 0],
      ["gold", 10, 500],
      ["platinum", 15, 2000],
    ]);
    const sale = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 600,
      actor: system,
      occurredAt: now,
      now,
    });
    expect(sale.tierKey).toBe("gold");
  });

  it("paid membership: the Plus tier is for sale and is not earned", async () => {
    const { db } = database;
    const { merchant, program, member, owner } = await fromTemplate("paid_membership", "SEK");
    const context = await loadProgramContext(db, { programId: program.id, merchantId: merchant.id });
    const plus = context.tiers.find((tier) => tier.key === "plus")!;
    expect([plus.priceMinor, plus.periodMonths]).toEqual([4_900, 12]);
    expect(member.tierKey).toBe("member");
    const bought = await purchasePaidTier(db, {
      merchantId: merchant.id,
      memberId: member.id,
      tierKey: "plus",
      paymentProvider: "counter",
      idempotencyKey: "plus-purchase-1",
      actor: { type: "staff", userId: owner.id },
      now,
    });
    expect(bought).toMatchObject({ tierKey: "plus" });
  });

  it("certificates: 600.00 earns 600 points, and 500 of them become a certificate by themselves", async () => {
    const { db } = database;
    const { merchant, member } = await fromTemplate("certificates", "USD");
    const sale = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 60_000,
      actor: system,
      occurredAt: now,
      now,
    });
    expect(sale.pointsEarned).toBe(600);
    expect(sale.vouchersIssued).toHaveLength(1);
    expect(sale.balance).toBe(100);
    await expectLedgerConsistent(db, member.id);
  });

  it("gift on conditions: a skincare purchase of 50.00 or more brings the gift, another does not", async () => {
    const { db } = database;
    const { merchant, member } = await fromTemplate("gift_on_conditions", "USD");
    const sale = (amountMinor: number, category: string, minutes: number) =>
      recordPurchase(db, {
        merchantId: merchant.id,
        memberId: member.id,
        amountMinor,
        lines: [{ amountMinor, category }],
        actor: system,
        occurredAt: new Date(now.getTime() + minutes * 60_000),
        now: new Date(now.getTime() + minutes * 60_000),
      });
    expect((await sale(6_000, "skincare", 1)).vouchersIssued).toHaveLength(1);
    expect((await sale(6_000, "fragrance", 2)).vouchersIssued).toHaveLength(0);
    expect((await sale(4_000, "skincare", 3)).vouchersIssued).toHaveLength(0);
    await expectLedgerConsistent(db, member.id);
  });

  it("club: a new member sees the guide and the tiered items locked", async () => {
    const { db } = database;
    const { merchant, program, member } = await fromTemplate("club", "USD");
    const items = await listMemberContent(db, {
      merchantId: merchant.id,
      programId: program.id,
      member: { tierKey: member.tierKey },
      now,
    });
    expect(items.map((item) => [item.title, item.locked])).toEqual([
      ["Care guide", false],
      ["Early access: the spring sale", true],
      ["VIP evening", true],
    ]);
  });

  it("progressive discount: lifetime spend lifts the discount and keeps it", async () => {
    const { db } = database;
    const { merchant, member } = await fromTemplate("discount_progressive", "USD");
    const first = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 25_000,
      actor: system,
      occurredAt: now,
      now,
    });
    expect(first.tierKey).toBe("five");
    expect(first.discountPercent).toBe(5);
  });
});

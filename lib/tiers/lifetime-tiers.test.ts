import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db";
import { members, tiers } from "@/db/schema";
import { findMembersForCounter } from "@/lib/members/find-members";
import { getMemberDashboard } from "@/lib/members/member-dashboard";
import { forgetVersionDefinitions } from "@/lib/programs/version-definitions";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { refundPurchase } from "@/lib/purchases/refund-purchase";
import { createMember, createProgram } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { recordQualification } from "./record-qualification";
import { reviewTiers } from "./review-tiers";

const system = { type: "system" } as const;
const timeZone = "Europe/Riga";
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** A progressive discount card: 5 % from the start, 10 % from 500.00 and 15 % from 2,000.00 spent, ever. */
async function progressiveCard(db: Db, window: "lifetime" | "calendar_year") {
  const created = await createProgram(db, {
    timeZone,
    settings: { tierQualification: { basis: "spend", window, months: 12 } },
    tiers: [
      { key: "bronze", threshold: 0 },
      { key: "silver", threshold: 50_000 },
      { key: "gold", threshold: 200_000 },
    ],
  });
  for (const [key, discountPercent] of [
    ["bronze", 5],
    ["silver", 10],
    ["gold", 15],
  ] as const) {
    await db
      .update(tiers)
      .set({ discountPercent })
      .where(and(eq(tiers.programVersionId, created.version.id), eq(tiers.key, key)));
  }
  forgetVersionDefinitions();
  const member = await createMember(db, created.program);
  await db.update(members).set({ tierKey: "bronze" }).where(eq(members.id, member.id));
  return { ...created, member };
}

/** Spend recorded in an earlier month, as the purchases of past years left it. */
async function spentBefore(
  db: Db,
  program: { merchant: { id: string } },
  memberId: string,
  at: string,
  spendMinor: number,
) {
  await db.transaction((tx) =>
    recordQualification(tx, {
      merchantId: program.merchant.id,
      memberId,
      at: new Date(at),
      timeZone,
      points: 0,
      spendMinor,
      visits: 0,
    }),
  );
}

describe("progressive discount by cumulative spend (lifetime window)", () => {
  it("qualifies on the lifetime total across years, returns the discount, and is never lowered by a review", async () => {
    const { db } = database;
    const card = await progressiveCard(db, "lifetime");
    const { merchant, member } = card;
    await spentBefore(db, card, member.id, "2024-05-10T10:00:00Z", 120_000);
    await spentBefore(db, card, member.id, "2025-02-10T10:00:00Z", 60_000);

    const now = new Date("2026-03-10T10:00:00Z");
    const sale = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 30_000,
      actor: system,
      now,
    });
    // 1,200 + 600 + 300 = 2,100.00 over three years: gold, though no single year reaches silver.
    expect(sale).toMatchObject({ tierKey: "gold", discountPercent: 15 });

    const [row] = await db.select().from(members).where(eq(members.id, member.id));
    const dashboard = await getMemberDashboard(db, row!, { now: now });
    expect(dashboard.tier).toMatchObject({
      qualifyingValue: 210_000,
      discountPercent: 15,
      current: { key: "gold", discountPercent: 15 },
    });
    const [found] = await findMembersForCounter(db, { merchantId: merchant.id, query: row!.memberNumber });
    expect(found).toMatchObject({ tierKey: "gold", discountPercent: 15 });

    // Years later, with nothing bought since: the review sweep leaves the tier alone.
    await reviewTiers(db, { now: new Date("2028-01-05T10:00:00Z"), merchantId: merchant.id });
    await reviewTiers(db, { now: new Date("2029-01-05T10:00:00Z"), merchantId: merchant.id });
    const [after] = await db.select({ tierKey: members.tierKey }).from(members).where(eq(members.id, member.id));
    expect(after!.tierKey).toBe("gold");
  });

  it("counts a refund out of the lifetime total", async () => {
    const { db } = database;
    const card = await progressiveCard(db, "lifetime");
    const { merchant, member } = card;
    const now = new Date("2026-03-10T10:00:00Z");
    const sale = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 60_000,
      actor: system,
      now,
    });
    expect(sale.tierKey).toBe("silver");
    await refundPurchase(db, {
      merchantId: merchant.id,
      purchaseId: sale.purchaseId,
      amountMinor: 20_000,
      actor: system,
      now,
    });
    const [row] = await db.select().from(members).where(eq(members.id, member.id));
    expect((await getMemberDashboard(db, row!, { now: now })).tier.qualifyingValue).toBe(40_000);
  });

  it("still lowers a calendar-year card at the year's end (the contrast)", async () => {
    const { db } = database;
    const card = await progressiveCard(db, "calendar_year");
    const { merchant, member } = card;
    const now = new Date("2026-03-10T10:00:00Z");
    const sale = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 60_000,
      actor: system,
      now,
    });
    expect(sale).toMatchObject({ tierKey: "silver", discountPercent: 10 });
    await reviewTiers(db, { now: new Date("2028-01-05T10:00:00Z"), merchantId: merchant.id });
    const [after] = await db.select({ tierKey: members.tierKey }).from(members).where(eq(members.id, member.id));
    expect(after!.tierKey).toBe("bronze");
  });
});

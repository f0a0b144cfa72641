import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { createMember, createProgram } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { merchantOverview } from "./merchant-overview";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("merchantOverview", () => {
  it("counts one merchant's members, activity, outstanding points and tiers, and nobody else's", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const other = await createProgram(db);
    const [a, b] = [await createMember(db, program), await createMember(db, program)];
    await createMember(db, other.program);
    const system = { type: "system" } as const;
    await recordPurchase(db, { merchantId: merchant.id, memberId: a.id, amountMinor: 60_000, actor: system });
    await recordPurchase(db, { merchantId: merchant.id, memberId: b.id, amountMinor: 1_000, actor: system });

    const overview = await merchantOverview(db, merchant.id);
    expect(overview).toMatchObject({
      members: 2,
      newMembers30: 2,
      purchases30: 2,
      activeMembers30: 2,
      outstandingPoints: 610,
    });
    expect(overview.tiers).toEqual([
      { tierKey: "silver", tierName: "Silver", rank: 0, members: 1 },
      { tierKey: "gold", tierName: "Gold", rank: 1, members: 1 },
    ]);
  });

  it("sums outstanding points past 2^31 across a merchant", async () => {
    const { db } = database;
    const now = new Date("2026-06-15T12:00:00Z");
    const { merchant, program } = await createProgram(db, {
      currency: "IRR",
      settings: { earnRate: { points: 1_000, perMinor: 1 } },
      tiers: [],
    });
    const system = { type: "system" } as const;
    for (let index = 0; index < 3; index++) {
      const member = await createMember(db, program);
      await recordPurchase(db, {
        merchantId: merchant.id,
        memberId: member.id,
        amountMinor: 1_000_000,
        actor: system,
        now,
      });
    }
    const overview = await merchantOverview(db, merchant.id, now);
    expect(overview.outstandingPoints).toBe(3_000_000_000);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { pointEntries, purchases, rewards, vouchers } from "@/db/schema";
import { redeemReward } from "@/lib/rewards/redeem-reward";
import { createMember, createProgram, createReward } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { recordPurchase } from "@/lib/purchases/record-purchase";

// PGlite runs one session at a time and cannot show a race; these run on PostgreSQL, with a
// pool of 60 connections, from scripts/test.sh.
const system = { type: "system" } as const;
let database: Database;
beforeAll(async () => {
  if (onPostgres) database = await createTestDatabase();
});
afterAll(() => database?.close());

const settled = <T>(calls: Promise<T>[]) => Promise.allSettled(calls);

describe.runIf(onPostgres)("under concurrent requests on PostgreSQL", () => {
  it("50 members redeeming the last unit of a reward at once get exactly one voucher", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const reward = await createReward(db, program, { costPoints: 10, stock: 1 });
    const members = await Promise.all(Array.from({ length: 50 }, () => createMember(db, program)));
    for (const member of members) {
      await recordPurchase(db, { merchantId: merchant.id, memberId: member.id, amountMinor: 1_000, actor: system });
    }
    const results = await settled(
      members.map((member) =>
        redeemReward(db, { merchantId: merchant.id, memberId: member.id, rewardId: reward.id, actor: system }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "out_of_stock" });
    const [after] = await db.select().from(rewards).where(eq(rewards.id, reward.id));
    expect(after!.stock).toBe(0);
    for (const member of members) await expectLedgerConsistent(db, member.id);
  });

  it("one member firing 50 redemptions that the balance covers once gets exactly one", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const reward = await createReward(db, program, { costPoints: 100 });
    const member = await createMember(db, program);
    await recordPurchase(db, { merchantId: merchant.id, memberId: member.id, amountMinor: 15_000, actor: system });
    const results = await settled(
      Array.from({ length: 50 }, () =>
        redeemReward(db, { merchantId: merchant.id, memberId: member.id, rewardId: reward.id, actor: system }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "insufficient_points" });
    expect(await db.select().from(vouchers).where(eq(vouchers.memberId, member.id))).toHaveLength(1);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(50);
  });

  it("50 concurrent posts of one purchase with one idempotency key make one entry and 50 identical answers", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    const request = {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 2_599,
      actor: system,
      idempotencyKey: "race-key-0001",
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => recordPurchase(db, request)));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await db.select().from(purchases).where(eq(purchases.memberId, member.id))).toHaveLength(1);
    expect(await db.select().from(pointEntries).where(eq(pointEntries.memberId, member.id))).toHaveLength(1);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(25);
  });

  it("the same key with a different amount, concurrently, is an error and writes no second entry", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    const request = { merchantId: merchant.id, memberId: member.id, actor: system, idempotencyKey: "race-key-0002" };
    const results = await settled(
      Array.from({ length: 20 }, (_, i) =>
        recordPurchase(db, { ...request, amountMinor: i % 2 === 0 ? 1_000 : 2_000 }),
      ),
    );
    const won = results.find((r) => r.status === "fulfilled");
    expect(won).toBeDefined();
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "idempotency_conflict" });
    expect(await db.select().from(pointEntries).where(eq(pointEntries.memberId, member.id))).toHaveLength(1);
    await expectLedgerConsistent(db, member.id);
  });
});

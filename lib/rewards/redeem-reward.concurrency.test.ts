import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { pointEntries, redemptions, rewards, vouchers } from "@/db/schema";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { createMember, createProgram, createReward } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { redeemReward } from "./redeem-reward";

// A double press and a network retry arrive together on different connections: only
// PostgreSQL can run them at once (PGlite is one session).
const system = { type: "system" } as const;
let database: Database;
beforeAll(async () => {
  if (onPostgres) database = await createTestDatabase();
});
afterAll(() => database?.close());

describe.runIf(onPostgres)("redeeming with one idempotency key, concurrently on PostgreSQL", () => {
  it("two requests with the same key spend once and get the same voucher", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const reward = await createReward(db, program, { costPoints: 100, stock: 10 });
    const member = await createMember(db, program);
    await recordPurchase(db, { merchantId: merchant.id, memberId: member.id, amountMinor: 50_000, actor: system });
    const request = {
      merchantId: merchant.id,
      memberId: member.id,
      rewardId: reward.id,
      actor: system,
      idempotencyKey: "double-press-0001",
    };
    const [first, second] = await Promise.all([redeemReward(db, request), redeemReward(db, request)]);
    expect(second).toEqual(first);
    expect(await db.select().from(redemptions).where(eq(redemptions.memberId, member.id))).toHaveLength(1);
    expect(await db.select().from(vouchers).where(eq(vouchers.memberId, member.id))).toHaveLength(1);
    const [after] = await db.select().from(rewards).where(eq(rewards.id, reward.id));
    expect(after!.stock).toBe(9);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(400);
  });

  it("20 retries with one key, while the balance covers several, still spend once", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const reward = await createReward(db, program, { costPoints: 100 });
    const member = await createMember(db, program);
    await recordPurchase(db, { merchantId: merchant.id, memberId: member.id, amountMinor: 100_000, actor: system });
    const request = {
      merchantId: merchant.id,
      memberId: member.id,
      rewardId: reward.id,
      actor: system,
      idempotencyKey: "network-retry-0001",
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => redeemReward(db, request)));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(
      await db.select().from(pointEntries).where(eq(pointEntries.redemptionId, answers[0]!.redemptionId)),
    ).toHaveLength(1);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(900);
  });
});

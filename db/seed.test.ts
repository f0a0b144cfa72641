import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { members, merchants, purchases, rewards, staffMembers, users } from "@/db/schema";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase } from "@/lib/testing/test-database";
import { demo, seedDemo } from "./seed";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("seedDemo", () => {
  it("creates a demo merchant with staff, members with history and a one-of-a-kind reward, once", async () => {
    const { db } = database;
    expect(await seedDemo(db)).toEqual({ created: true });
    expect(await seedDemo(db)).toEqual({ created: false });

    const [merchant] = await db.select().from(merchants).where(eq(merchants.slug, demo.merchantSlug));
    const roles = await db.select({ role: staffMembers.role }).from(staffMembers).where(eq(staffMembers.merchantId, merchant!.id));
    expect(roles.map((r) => r.role).sort()).toEqual(["cashier", "manager", "owner"]);
    const memberRows = await db.select().from(members).where(eq(members.merchantId, merchant!.id));
    expect(memberRows.length).toBeGreaterThanOrEqual(24);
    const [sales] = await db.select({ n: count() }).from(purchases).where(eq(purchases.merchantId, merchant!.id));
    expect(sales!.n).toBeGreaterThan(200);
    const rewardRows = await db.select().from(rewards).where(eq(rewards.merchantId, merchant!.id));
    expect(rewardRows).toHaveLength(6);
    expect(rewardRows.filter((r) => r.stock === 1)).toHaveLength(1);
    for (const member of memberRows) await expectLedgerConsistent(db, member.id);

    // Staff roles need a verified address, and the demo is signed into without a mailbox.
    const accounts = await db
      .select({ verifiedAt: users.emailVerified })
      .from(users)
      .where(inArray(users.email, [demo.owner, demo.manager, demo.cashier, demo.shopper]));
    expect(accounts).toHaveLength(4);
    expect(accounts.every((account) => account.verifiedAt !== null)).toBe(true);
  });
});

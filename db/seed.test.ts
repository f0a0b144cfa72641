import { asc, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db";
import { memberChallenges, members, merchants, purchases, rewards, staffMembers, users } from "@/db/schema";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { demo, seedDemo } from "./seed";

const seededAt = new Date("2026-11-18T10:00:00Z");

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** What a member of the demo can see of their standing, by e-mail (ids and numbers are random). */
async function demoStanding(db: Db) {
  const rows = await db
    .select({
      email: members.email,
      balance: members.pointsBalance,
      lifetime: members.lifetimePoints,
      tier: members.tierKey,
      visits: members.visitCount,
    })
    .from(members)
    .orderBy(asc(members.email));
  const progress = await db
    .select({ progress: memberChallenges.progress, completedAt: memberChallenges.completedAt })
    .from(memberChallenges);
  return {
    rows,
    challengeProgress: progress.map((p) => p.progress).sort(),
    completed: progress.filter((p) => p.completedAt).length,
  };
}

describe("seedDemo", { timeout: 120_000 }, () => {
  it("creates a demo merchant with staff, members with history and a one-of-a-kind reward, once", async () => {
    const { db } = database;
    expect(await seedDemo(db, seededAt)).toEqual({ created: true });
    expect(await seedDemo(db, seededAt)).toEqual({ created: false });

    const [merchant] = await db.select().from(merchants).where(eq(merchants.slug, demo.merchantSlug));
    const roles = await db
      .select({ role: staffMembers.role })
      .from(staffMembers)
      .where(eq(staffMembers.merchantId, merchant!.id));
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

  // The e2e specs run on a demo seeded the day they run: it must be the same demo on any day.
  // Dates are the driver's business nowhere here, so once (on PGlite) is enough.
  it.skipIf(onPostgres).each([
    ["the first of a month, just after local midnight", "2026-12-31T22:30:00Z"],
    ["the last day of a month, just before local midnight", "2027-02-28T21:50:00Z"],
    ["the day summer time begins", "2027-03-28T00:30:00Z"],
    ["the day summer time ends", "2027-10-31T02:30:00Z"],
    ["a Friday, when Gold members earn a bonus", "2026-11-20T12:00:00Z"],
  ])("gives every member the same balance, tier, visits and challenge progress when seeded on %s", async (_, at) => {
    const other = await createTestDatabase();
    try {
      await seedDemo(other.db, new Date(at));
      expect(await demoStanding(other.db)).toEqual(await demoStanding(database.db));
    } finally {
      await other.close();
    }
  });
});

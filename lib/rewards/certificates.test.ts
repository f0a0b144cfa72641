import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db";
import { pointEntries, programVersions, redemptions, rewards, vouchers } from "@/db/schema";
import { createDraftVersion } from "@/lib/programs/create-draft-version";
import { updateDraftSettings } from "@/lib/programs/edit-draft";
import { publishDraftVersion } from "@/lib/programs/publish-draft-version";
import { forgetVersionDefinitions } from "@/lib/programs/version-definitions";
import { recordPurchase } from "@/lib/purchases/record-purchase";
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

/** A program issuing a certificate for `reward` every `everyPoints` points (1 point per 1.00). */
async function certificateProgram(db: Db, everyPoints: number, reward: Partial<typeof rewards.$inferInsert> = {}) {
  const created = await createProgram(db, { tiers: [] });
  const certificate = await createReward(db, created.program, {
    name: "€10 certificate",
    kind: "fixed_discount",
    value: 1_000,
    costPoints: everyPoints,
    ...reward,
  });
  await db
    .update(programVersions)
    .set({ settings: { ...defaultSettings, certificates: { everyPoints, rewardId: certificate.id } } })
    .where(eq(programVersions.id, created.version.id));
  forgetVersionDefinitions();
  const member = await createMember(db, created.program);
  return { ...created, certificate, member };
}

const buy = (db: Db, merchantId: string, memberId: string, amountMinor: number, idempotencyKey?: string) =>
  recordPurchase(db, { merchantId, memberId, amountMinor, actor: system, idempotencyKey, now });

describe("automatic certificates", () => {
  it("turns every N points into a voucher in the earning's transaction, several at once, exactly once", async () => {
    const { db } = database;
    const { merchant, member, certificate } = await certificateProgram(db, 100);

    const below = await buy(db, merchant.id, member.id, 5_000);
    expect(below).toMatchObject({ pointsEarned: 50, balance: 50, vouchersIssued: [] });

    const crossing = await buy(db, merchant.id, member.id, 27_000, "till-1:42");
    expect(crossing.pointsEarned).toBe(270);
    expect(crossing.balance).toBe(20);
    expect(crossing.vouchersIssued).toHaveLength(3);
    expect(crossing.vouchersIssued[0]).toMatchObject({
      source: "certificate",
      ruleKey: null,
      rewardId: certificate.id,
      rewardName: "€10 certificate",
      pointsSpent: 100,
      lastValidDate: "2026-04-09",
    });

    // Retried, the sale answers the same and issues nothing more.
    const retried = await buy(db, merchant.id, member.id, 27_000, "till-1:42");
    expect(retried).toEqual(crossing);

    const spent = await db
      .select()
      .from(redemptions)
      .where(eq(redemptions.memberId, member.id))
      .orderBy(asc(redemptions.createdAt));
    expect(spent.map((row) => [row.rewardId, row.pointsSpent, row.status])).toEqual([
      [certificate.id, 100, "completed"],
      [certificate.id, 100, "completed"],
      [certificate.id, 100, "completed"],
    ]);
    const codes = await db.select().from(vouchers).where(eq(vouchers.memberId, member.id));
    expect(codes.map((voucher) => voucher.status)).toEqual(["issued", "issued", "issued"]);
    const entries = await db
      .select()
      .from(pointEntries)
      .where(eq(pointEntries.memberId, member.id))
      .orderBy(asc(pointEntries.id));
    expect(entries.map((entry) => [entry.kind, entry.points, entry.balanceAfter, entry.actorType])).toEqual([
      ["earn", 50, 50, "system"],
      ["earn", 270, 320, "system"],
      ["redeem", -100, 220, "system"],
      ["redeem", -100, 120, "system"],
      ["redeem", -100, 20, "system"],
    ]);
    expect(entries[2]!.explanation).toEqual([
      { ruleKey: `certificate:${certificate.id}`, label: "Certificate: €10 certificate", points: -100 },
    ]);
    await expectLedgerConsistent(db, member.id);
  });

  it("issues no more than the stock holds and keeps the rest of the points on the balance", async () => {
    const { db } = database;
    const { merchant, member, certificate } = await certificateProgram(db, 100, { stock: 1 });
    const result = await buy(db, merchant.id, member.id, 35_000);
    expect(result.vouchersIssued).toHaveLength(1);
    expect(result.balance).toBe(250);
    const [row] = await db.select().from(rewards).where(eq(rewards.id, certificate.id));
    expect(row!.stock).toBe(0);
    await expectLedgerConsistent(db, member.id);
  });

  it("issues nothing for an archived certificate reward", async () => {
    const { db } = database;
    const { merchant, member } = await certificateProgram(db, 100, { status: "archived" });
    const result = await buy(db, merchant.id, member.id, 35_000);
    expect(result).toMatchObject({ balance: 350, vouchersIssued: [] });
  });

  it("takes certificates in a draft only for an active reward of the program, on the rewardId field", async () => {
    const { db } = database;
    const { merchant, program, version } = await createProgram(db, { tiers: [] });
    const other = await createProgram(db, { tiers: [] });
    const own = await createReward(db, program, { name: "Certificate" });
    const archived = await createReward(db, program, { status: "archived" });
    const foreign = await createReward(db, other.program);
    await createDraftVersion(db, { merchantId: merchant.id, programId: program.id });
    const save = (certificates: unknown) =>
      updateDraftSettings(db, {
        merchantId: merchant.id,
        programId: program.id,
        settings: { ...defaultSettings, certificates } as never,
      });

    for (const rewardId of [archived.id, foreign.id]) {
      await expect(save({ everyPoints: 100, rewardId })).rejects.toMatchObject({
        code: "invalid_input",
        details: { field: "rewardId" },
      });
    }
    await expect(save({ everyPoints: 0, rewardId: own.id })).rejects.toMatchObject({
      details: { field: "everyPoints" },
    });
    await expect(save({ everyPoints: 100, rewardId: "not-an-id" })).rejects.toMatchObject({
      details: { field: "rewardId" },
    });
    const saved = await save({ everyPoints: 100, rewardId: own.id });
    expect(saved.settings.certificates).toEqual({ everyPoints: 100, rewardId: own.id });

    // Archived after the save: publishing refuses the draft rather than issue nothing.
    await db.update(rewards).set({ status: "archived" }).where(eq(rewards.id, own.id));
    await expect(
      publishDraftVersion(db, { merchantId: merchant.id, programId: program.id, now }),
    ).rejects.toMatchObject({ code: "invalid_input", details: { field: "rewardId" } });
    await db.update(rewards).set({ status: "active" }).where(eq(rewards.id, own.id));
    const published = await publishDraftVersion(db, { merchantId: merchant.id, programId: program.id, now });
    expect(published.settings.certificates?.rewardId).toBe(own.id);
    const [draft] = await db
      .select()
      .from(programVersions)
      .where(and(eq(programVersions.programId, program.id), eq(programVersions.status, "superseded")));
    expect(draft!.id).toBe(version.id);
  });
});

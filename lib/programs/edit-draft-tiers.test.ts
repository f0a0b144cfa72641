import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { programs, tiers } from "@/db/schema";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { createMember, createProgram } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { createDraftVersion } from "./create-draft-version";
import { discardDraftVersion } from "./discard-draft-version";
import { removeDraftTier, saveDraftTier } from "./edit-draft-tiers";
import { listMerchantPrograms, loadBuilderProgram } from "./list-merchant-programs";
import { publishDraftVersion } from "./publish-draft-version";
import { updateProgramIdentity } from "./update-program-identity";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const at = new Date("2026-05-04T10:00:00Z");

async function tiersOf(versionId: string) {
  return database.db
    .select({ key: tiers.key, rank: tiers.rank, threshold: tiers.threshold, name: tiers.name })
    .from(tiers)
    .where(eq(tiers.programVersionId, versionId))
    .orderBy(asc(tiers.rank));
}

describe("saveDraftTier and removeDraftTier", () => {
  it("edit only the draft, keep keys stable, and the new version is in force after publish", async () => {
    const { db } = database;
    const { merchant, program, version } = await createProgram(db);
    const ref = { merchantId: merchant.id, programId: program.id };
    const draft = await createDraftVersion(db, ref);
    await saveDraftTier(db, {
      ...ref,
      tier: { key: "gold", name: "Gold+", rank: 1, threshold: 400, earnMultiplierPercent: 175, perks: ["Free refill"] },
    });
    await saveDraftTier(db, {
      ...ref,
      tier: {
        key: "vip",
        name: "VIP",
        rank: 3,
        threshold: 0,
        priceMinor: 4_900,
        periodMonths: 12,
        translations: { lv: { name: "VIP klubs", perks: ["Bezmaksas piegāde"] } },
      },
    });
    await removeDraftTier(db, { ...ref, key: "platinum" });

    expect(await tiersOf(version.id)).toEqual([
      { key: "silver", rank: 0, threshold: 0, name: "Silver" },
      { key: "gold", rank: 1, threshold: 500, name: "Gold" },
      { key: "platinum", rank: 2, threshold: 2000, name: "Platinum" },
    ]);
    expect(await tiersOf(draft.id)).toEqual([
      { key: "silver", rank: 0, threshold: 0, name: "Silver" },
      { key: "gold", rank: 1, threshold: 400, name: "Gold+" },
      { key: "vip", rank: 3, threshold: 0, name: "VIP" },
    ]);
    const [vip] = await db
      .select()
      .from(tiers)
      .where(and(eq(tiers.programVersionId, draft.id), eq(tiers.key, "vip")));
    expect(vip).toMatchObject({ priceMinor: 4_900, periodMonths: 12, translations: { lv: { name: "VIP klubs" } } });

    const member = await createMember(db, program);
    await publishDraftVersion(db, { ...ref, now: at });
    const sale = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 45_000,
      actor: { type: "system" },
      occurredAt: at,
      now: at,
    });
    // 450 qualifying points reach the edited Gold's 400, under version 2.
    expect(sale).toMatchObject({ tierKey: "gold", programVersion: 2 });
  });

  it("refuse a rank another tier holds, a half-set paid tier and a negative threshold, changing nothing", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const ref = { merchantId: merchant.id, programId: program.id };
    const draft = await createDraftVersion(db, ref);
    const before = await tiersOf(draft.id);
    await expect(
      saveDraftTier(db, { ...ref, tier: { key: "bronze", name: "Bronze", rank: 1, threshold: 10 } }),
    ).rejects.toMatchObject({ code: "invalid_input", details: { field: "rank", validation: "rankTaken" } });
    await expect(
      saveDraftTier(db, { ...ref, tier: { key: "paid", name: "Paid", rank: 5, threshold: 0, priceMinor: 100 } }),
    ).rejects.toMatchObject({ code: "invalid_input", details: { field: "periodMonths" } });
    await expect(
      saveDraftTier(db, { ...ref, tier: { key: "gold", name: "Gold", rank: 1, threshold: -5 } }),
    ).rejects.toMatchObject({ code: "invalid_input", details: { field: "threshold" } });
    // Moving a tier to its own rank is no clash.
    await saveDraftTier(db, { ...ref, tier: { key: "gold", name: "Gold", rank: 1, threshold: 600 } });
    expect(await tiersOf(draft.id)).toEqual(
      before.map((tier) => (tier.key === "gold" ? { ...tier, threshold: 600 } : tier)),
    );
  });

  it("need an open draft and never reach another merchant's program", async () => {
    const { db } = database;
    const { merchant, program, version } = await createProgram(db);
    const other = await createProgram(db);
    const tier = { key: "gold", name: "Gold", rank: 1, threshold: 1 };
    await expect(saveDraftTier(db, { merchantId: merchant.id, programId: program.id, tier })).rejects.toMatchObject({
      code: "no_draft",
    });
    await createDraftVersion(db, { merchantId: merchant.id, programId: program.id });
    await expect(
      saveDraftTier(db, { merchantId: other.merchant.id, programId: program.id, tier }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      removeDraftTier(db, { merchantId: other.merchant.id, programId: program.id, key: "gold" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      removeDraftTier(db, { merchantId: merchant.id, programId: program.id, key: "nope" }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await tiersOf(version.id)).map((row) => row.key)).toEqual(["silver", "gold", "platinum"]);
  });
});

describe("updateProgramIdentity", () => {
  it("changes the program's identity, keeps only written translations, and is scoped to the merchant", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const other = await createProgram(db);
    const identity = {
      name: "Test Club",
      description: "Earn on every visit",
      pointsLabel: "stars",
      brandColor: "#0F766E",
      goal: "share_of_wallet" as const,
      translations: { lv: { name: "Testa klubs", description: "" }, tr: { name: "", description: "" } },
    };
    await expect(
      updateProgramIdentity(db, { merchantId: other.merchant.id, programId: program.id, identity }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      updateProgramIdentity(db, {
        merchantId: merchant.id,
        programId: program.id,
        identity: { ...identity, brandColor: "teal" },
      }),
    ).rejects.toMatchObject({ code: "invalid_input", details: { field: "brandColor" } });
    await updateProgramIdentity(db, { merchantId: merchant.id, programId: program.id, identity });
    const [row] = await db.select().from(programs).where(eq(programs.id, program.id));
    expect(row).toMatchObject({
      name: "Test Club",
      pointsLabel: "stars",
      brandColor: "#0f766e",
      goal: "share_of_wallet",
      translations: { lv: { name: "Testa klubs" } },
    });
    expect(Object.keys(row!.translations)).toEqual(["lv"]);
  });
});

describe("listMerchantPrograms and loadBuilderProgram", () => {
  it("list the merchant's own programs with versions and members, and load one by slug", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    await createProgram(db);
    await createMember(db, program);
    await createMember(db, program);
    await createDraftVersion(db, { merchantId: merchant.id, programId: program.id });
    expect(await listMerchantPrograms(db, { merchantId: merchant.id })).toEqual([
      expect.objectContaining({ slug: program.slug, publishedVersion: 1, draftVersion: 2, members: 2 }),
    ]);
    const loaded = await loadBuilderProgram(db, { merchantId: merchant.id, slug: program.slug });
    expect(loaded).toMatchObject({ published: { number: 1 }, draft: { number: 2 } });
    expect(loaded.editable.version.status).toBe("draft");
    const stranger = await createProgram(db);
    await expect(
      loadBuilderProgram(db, { merchantId: stranger.merchant.id, slug: program.slug }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("discardDraftVersion", () => {
  it("removes the draft and its rows, leaves the published version, and is scoped to the merchant", async () => {
    const { db } = database;
    const { merchant, program, version } = await createProgram(db);
    const other = await createProgram(db);
    const ref = { merchantId: merchant.id, programId: program.id };
    const draft = await createDraftVersion(db, ref);
    await expect(
      discardDraftVersion(db, { merchantId: other.merchant.id, programId: program.id }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await discardDraftVersion(db, ref);
    expect(await tiersOf(draft.id)).toEqual([]);
    expect((await tiersOf(version.id)).length).toBe(3);
    await expect(discardDraftVersion(db, ref)).rejects.toMatchObject({ code: "no_draft" });
    expect((await loadBuilderProgram(db, { merchantId: merchant.id, slug: program.slug })).draft).toBeNull();
  });
});

import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { badges, challenges, earningRules, pointEntries, programVersions, rewards, tiers } from "@/db/schema";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { createMember, createProgram, createReward } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { addEarningRules, createSegment, createStore } from "@/lib/testing/rules-factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { createDraftVersion } from "./create-draft-version";
import { removeDraftEarningRule, saveDraftEarningRule, updateDraftSettings } from "./edit-draft";
import { loadProgramContext } from "./program-context";
import { publishDraftVersion } from "./publish-draft-version";
import { forgetVersionDefinitions } from "@/lib/programs/version-definitions";

const system = { type: "system" } as const;
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function publishedProgram() {
  const { db } = database;
  const created = await createProgram(db);
  const { merchant, version } = created;
  await addEarningRules(db, version, [
    { key: "welcome", name: "Welcome bonus", kind: "action", action: "sign_up", points: 100 },
    { key: "weekend", name: "Weekend double", kind: "campaign", multiplier: 200, conditions: { daysOfWeek: [0, 6] } },
  ]);
  await db.insert(badges).values({
    merchantId: merchant.id,
    programVersionId: version.id,
    key: "first",
    name: "First",
    criterion: "first_purchase",
  });
  await db.insert(challenges).values({
    merchantId: merchant.id,
    programVersionId: version.id,
    key: "three_visits",
    name: "Three visits",
    criterion: "visits",
    target: 3,
    startsAt: new Date("2026-03-01T00:00:00Z"),
    endsAt: new Date("2026-04-01T00:00:00Z"),
    prizePoints: 30,
  });
  forgetVersionDefinitions();
  return created;
}

async function versionsOf(programId: string) {
  return database.db
    .select()
    .from(programVersions)
    .where(eq(programVersions.programId, programId))
    .orderBy(asc(programVersions.number));
}

async function keysOf(versionId: string) {
  const { db } = database;
  const keys = async (table: typeof earningRules | typeof tiers | typeof badges | typeof challenges) =>
    (await db.select({ key: table.key }).from(table).where(eq(table.programVersionId, versionId)))
      .map((row) => row.key)
      .sort();
  return {
    rules: await keys(earningRules),
    tiers: await keys(tiers),
    badges: await keys(badges),
    challenges: await keys(challenges),
  };
}

describe("createDraftVersion", () => {
  it("copies the published version with its rules, tiers, badges and challenges, keeping their keys", async () => {
    const { db } = database;
    const { merchant, program, version } = await publishedProgram();
    const draft = await createDraftVersion(db, { merchantId: merchant.id, programId: program.id });
    expect(draft).toMatchObject({ number: 2, status: "draft", publishedAt: null, settings: version.settings });
    expect(await keysOf(draft.id)).toEqual(await keysOf(version.id));
    expect(await keysOf(draft.id)).toEqual({
      rules: ["weekend", "welcome"],
      tiers: ["gold", "platinum", "silver"],
      badges: ["first"],
      challenges: ["three_visits"],
    });
    const [copied] = await db
      .select()
      .from(earningRules)
      .where(and(eq(earningRules.programVersionId, draft.id), eq(earningRules.key, "weekend")));
    expect(copied).toMatchObject({ merchantId: merchant.id, multiplier: 200, conditions: { daysOfWeek: [0, 6] } });
  });

  it("returns the existing draft instead of opening a second one, even when asked at once", async () => {
    const { db } = database;
    const { merchant, program } = await publishedProgram();
    const drafts = await Promise.all(
      Array.from({ length: 5 }, () => createDraftVersion(db, { merchantId: merchant.id, programId: program.id })),
    );
    expect(new Set(drafts.map((draft) => draft.id)).size).toBe(1);
    expect((await versionsOf(program.id)).map((version) => version.status)).toEqual(["published", "draft"]);
  });

  it("does not find another merchant's program", async () => {
    const { db } = database;
    const { program } = await publishedProgram();
    const other = await createProgram(db);
    await expect(
      createDraftVersion(db, { merchantId: other.merchant.id, programId: program.id }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await versionsOf(program.id)).toHaveLength(1);
  });
});

describe("editing a draft", () => {
  it("changes only the draft: the version in force keeps earning as before until publish", async () => {
    const { db } = database;
    const { merchant, program } = await publishedProgram();
    const ref = { merchantId: merchant.id, programId: program.id };
    const draft = await createDraftVersion(db, ref);
    await updateDraftSettings(db, { ...ref, settings: { ...draft.settings, earnRate: { points: 2, perMinor: 100 } } });
    await saveDraftEarningRule(db, {
      ...ref,
      rule: {
        key: "weekend",
        name: "Weekend triple",
        kind: "campaign",
        multiplier: 300,
        conditions: { daysOfWeek: [6] },
      },
    });
    await saveDraftEarningRule(db, { ...ref, rule: { key: "bonus", name: "Bonus", kind: "campaign", points: 20 } });
    await removeDraftEarningRule(db, { ...ref, key: "welcome" });

    const inForce = await loadProgramContext(db, { programId: program.id });
    expect(inForce.version.settings.earnRate).toEqual({ points: 1, perMinor: 100 });
    expect(inForce.rules.map((rule) => [rule.key, rule.multiplier])).toEqual([
      ["welcome", null],
      ["weekend", 200],
    ]);
    const editing = await loadProgramContext(db, { programId: program.id, merchantId: merchant.id, status: "draft" });
    expect(editing.version.settings.earnRate).toEqual({ points: 2, perMinor: 100 });
    expect(editing.rules.map((rule) => [rule.key, rule.name, rule.multiplier, rule.points])).toEqual([
      ["bonus", "Bonus", null, 20],
      ["weekend", "Weekend triple", 300, null],
    ]);
  });

  it("refuses edits without a draft, invalid rules and settings, and other tenants' stores and segments", async () => {
    const { db } = database;
    const { merchant, program } = await publishedProgram();
    const ref = { merchantId: merchant.id, programId: program.id };
    const rule = { key: "bonus", name: "Bonus", kind: "campaign" as const, points: 20 };
    await expect(saveDraftEarningRule(db, { ...ref, rule })).rejects.toMatchObject({ code: "no_draft" });
    const draft = await createDraftVersion(db, ref);

    const other = await createProgram(db);
    const foreignStore = await createStore(db, other.merchant.id);
    const foreignSegment = await createSegment(db, other.program, {});
    const invalid = [
      { ...rule, kind: "multiplier" as const, points: null, multiplier: 50 },
      { ...rule, kind: "action" as const, action: "referral" as const },
      { ...rule, points: null },
      { ...rule, key: "Not a key" },
      { ...rule, startsAt: "2026-03-08T00:00:00Z", endsAt: "2026-03-01T00:00:00Z" },
      { ...rule, conditions: { daysOfWeek: [7] } },
      { ...rule, conditions: { storeIds: [foreignStore.id] } },
      { ...rule, conditions: { segmentId: foreignSegment.id } },
    ];
    for (const candidate of invalid) {
      await expect(saveDraftEarningRule(db, { ...ref, rule: candidate })).rejects.toMatchObject({
        code: "invalid_input",
      });
    }
    await expect(
      updateDraftSettings(db, { ...ref, settings: { ...draft.settings, earnRate: { points: 1, perMinor: 0 } } }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(removeDraftEarningRule(db, { ...ref, key: "missing" })).rejects.toMatchObject({ code: "not_found" });
    expect((await keysOf(draft.id)).rules).toEqual(["weekend", "welcome"]);
    expect((await loadProgramContext(db, { programId: program.id, status: "draft" })).version.settings).toEqual(
      draft.settings,
    );
  });
});

describe("publishDraftVersion", () => {
  it("puts the draft in force, supersedes the old version and keeps it, and entries point at the version of their day", async () => {
    const { db } = database;
    const { merchant, program, version: first } = await publishedProgram();
    const member = await createMember(db, program);
    const ref = { merchantId: merchant.id, programId: program.id };
    const saturday = new Date("2026-01-03T12:00:00Z");
    const sale = {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 1_000,
      actor: system,
      occurredAt: saturday,
    };
    const before = await recordPurchase(db, { ...sale, now: new Date("2026-01-03T12:05:00Z") });
    expect(before.pointsEarned).toBe(20);

    const draft = await createDraftVersion(db, ref);
    await saveDraftEarningRule(db, {
      ...ref,
      rule: {
        key: "weekend",
        name: "Weekend triple",
        kind: "campaign",
        multiplier: 300,
        conditions: { daysOfWeek: [0, 6] },
      },
    });
    const publishedAt = new Date("2026-01-05T08:00:00Z");
    const published = await publishDraftVersion(db, { ...ref, now: publishedAt });
    expect(published).toMatchObject({ id: draft.id, number: 2, status: "published", publishedAt });

    const versions = await versionsOf(program.id);
    expect(versions.map((version) => [version.number, version.status])).toEqual([
      [1, "superseded"],
      [2, "published"],
    ]);
    expect(versions[0]!.publishedAt).toEqual(first.publishedAt);
    expect((await keysOf(first.id)).rules).toEqual(["weekend", "welcome"]);
    const [oldWeekend] = await db
      .select()
      .from(earningRules)
      .where(and(eq(earningRules.programVersionId, first.id), eq(earningRules.key, "weekend")));
    expect(oldWeekend!.multiplier).toBe(200);

    const after = await recordPurchase(db, { ...sale, now: new Date("2026-01-05T09:00:00Z") });
    expect(after.pointsEarned).toBe(30);
    expect(after.explanation).toContainEqual({ ruleKey: "rule:weekend", label: "Weekend triple", points: 20 });
    const entries = await db
      .select()
      .from(pointEntries)
      .where(eq(pointEntries.memberId, member.id))
      .orderBy(asc(pointEntries.id));
    expect(entries.map((entry) => [entry.programVersionId, entry.points])).toEqual([
      [first.id, 20],
      [draft.id, 30],
    ]);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(50);

    const third = await createDraftVersion(db, ref);
    expect(third.number).toBe(3);
    expect((await keysOf(third.id)).rules).toEqual(["weekend", "welcome"]);
  });

  it("refuses to publish without a draft and changes nothing", async () => {
    const { db } = database;
    const { merchant, program } = await publishedProgram();
    await expect(publishDraftVersion(db, { merchantId: merchant.id, programId: program.id })).rejects.toMatchObject({
      code: "no_draft",
    });
    expect((await versionsOf(program.id)).map((version) => version.status)).toEqual(["published"]);
  });

  it("refuses a draft with a broken rule written around the builder, and leaves the version in force", async () => {
    const { db } = database;
    const { merchant, program } = await publishedProgram();
    const ref = { merchantId: merchant.id, programId: program.id };
    const draft = await createDraftVersion(db, ref);
    await addEarningRules(db, { id: draft.id, merchantId: merchant.id }, [{ key: "broken", kind: "multiplier" }]);
    await expect(publishDraftVersion(db, ref)).rejects.toMatchObject({ code: "invalid_input" });
    expect((await versionsOf(program.id)).map((version) => version.status)).toEqual(["published", "draft"]);
  });

  it("refuses a draft that drops a tier an active reward requires, naming the rewards, and changes nothing", async () => {
    const { db } = database;
    const { merchant, program } = await publishedProgram();
    const ref = { merchantId: merchant.id, programId: program.id };
    const goldLounge = await createReward(db, program, { name: "Gold lounge", minTierKey: "gold" });
    await createReward(db, program, { name: "Old gold mug", minTierKey: "gold", status: "archived" });
    await createReward(db, program, { name: "Platinum dinner", minTierKey: "platinum" });
    const draft = await createDraftVersion(db, ref);
    await db.delete(tiers).where(and(eq(tiers.programVersionId, draft.id), eq(tiers.key, "gold")));

    await expect(publishDraftVersion(db, ref)).rejects.toMatchObject({
      code: "reward_tier_missing",
      details: { rewards: [{ id: goldLounge.id, name: "Gold lounge", minTierKey: "gold" }] },
    });
    expect((await versionsOf(program.id)).map((version) => version.status)).toEqual(["published", "draft"]);

    // Once the reward asks for a tier the draft keeps, the draft publishes.
    await db.update(rewards).set({ minTierKey: "platinum" }).where(eq(rewards.id, goldLounge.id));
    expect(await publishDraftVersion(db, ref)).toMatchObject({ id: draft.id, status: "published" });
  });

  it("does not publish another merchant's draft", async () => {
    const { db } = database;
    const { merchant, program } = await publishedProgram();
    await createDraftVersion(db, { merchantId: merchant.id, programId: program.id });
    const other = await createProgram(db);
    await expect(
      publishDraftVersion(db, { merchantId: other.merchant.id, programId: program.id }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await versionsOf(program.id)).map((version) => version.status)).toEqual(["published", "draft"]);
  });
});

import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { tiers, type ProgramSettings } from "@/db/schema";
import type { EarningSettings } from "@/lib/rules/earning-settings";
import { createProgram, defaultSettings } from "@/lib/testing/factories";
import { addEarningRules, earningRule, tierRow } from "@/lib/testing/rules-factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { createDraftVersion } from "./create-draft-version";
import { diffVersions, type VersionChange } from "./diff-versions";
import { saveDraftEarningRule, updateDraftSettings } from "./edit-draft";
import { defaultComparison, listProgramVersions, loadVersionDiff, type VersionSummary } from "./load-version-diff";
import { publishDraftVersion } from "./publish-draft-version";
import { forgetVersionDefinitions, type VersionDefinitions } from "./version-definitions";

type Side = Parameters<typeof diffVersions>[0];

function version(parts: Partial<Omit<Side, "version">> & { settings?: Partial<EarningSettings> } = {}): Side {
  return {
    version: { settings: { ...defaultSettings, ...parts.settings } as ProgramSettings },
    rules: parts.rules ?? [],
    tiers: parts.tiers ?? [],
    badges: parts.badges ?? [],
    challenges: parts.challenges ?? [],
  };
}

const badge = (spec: Partial<VersionDefinitions["badges"][number]> & { key: string }) => ({
  id: randomUUID(),
  merchantId: randomUUID(),
  programVersionId: randomUUID(),
  name: spec.key,
  description: "",
  icon: "award",
  translations: {},
  criterion: "visits" as const,
  target: 5,
  ...spec,
});

const challenge = (spec: Partial<VersionDefinitions["challenges"][number]> & { key: string }) => ({
  id: randomUUID(),
  merchantId: randomUUID(),
  programVersionId: randomUUID(),
  name: spec.key,
  description: "",
  criterion: "visits" as const,
  target: 3,
  startsAt: new Date("2026-03-01T00:00:00Z"),
  endsAt: new Date("2026-04-01T00:00:00Z"),
  prizePoints: 30,
  prizeBadgeKey: null,
  requiresOptIn: false,
  translations: {},
  ...spec,
});

const weekend = earningRule({
  key: "weekend",
  name: "Weekend double",
  kind: "campaign",
  multiplier: 150,
  conditions: { daysOfWeek: [6, 0] },
});

describe("diffVersions", () => {
  it("finds nothing between a version and its copy (new ids, lists in another order)", () => {
    const a = version({ rules: [weekend], tiers: [tierRow({ key: "gold", threshold: 500 })] });
    const b = version({
      rules: [{ ...weekend, id: randomUUID(), conditions: { daysOfWeek: [0, 6] } }],
      tiers: [{ ...a.tiers[0]!, id: randomUUID() }],
    });
    expect(diffVersions(a, b)).toEqual([]);
  });

  it("names each changed setting with its value before and after", () => {
    const changes = diffVersions(
      version(),
      version({
        settings: {
          earnRate: { points: 2, perMinor: 100 },
          rounding: "nearest",
          minimumSpendMinor: 500,
          expiry: { policy: "after_earning", months: 12 },
          referral: { referrerPoints: 100, refereePoints: 0, maxPerMember: 0 },
          tierQualification: { basis: "spend", window: "calendar_year", months: 12 },
          birthdayMode: "day",
          saleTimeWindow: { daysBack: 7, minutesAhead: 5 },
        },
      }),
    );
    expect(changes).toEqual<VersionChange[]>([
      {
        type: "changed",
        subject: "settings",
        key: "earnRate",
        name: "earnRate",
        field: "earnRate",
        before: { points: 1, perMinor: 100 },
        after: { points: 2, perMinor: 100 },
      },
      setting("rounding", "down", "nearest"),
      setting("minimumSpendMinor", 0, 500),
      setting("expiry", { policy: "never" }, { policy: "after_earning", months: 12 }),
      setting("referral.referrerPoints", 0, 100),
      setting(
        "tierQualification",
        { basis: "points", window: "calendar_year" },
        { basis: "spend", window: "calendar_year" },
      ),
      setting("birthdayMode", "month", "day"),
      setting("saleTimeWindow", null, { daysBack: 7, minutesAhead: 5 }),
    ]);
  });

  it("ignores what does not matter: months of an expiry that never happens, an absent birthday mode", () => {
    const changes = diffVersions(
      version({ settings: { expiry: { policy: "never", months: 0 } } }),
      version({ settings: { expiry: { policy: "never", months: 24 }, birthdayMode: "month" } }),
    );
    expect(changes).toEqual([]);
  });

  it("matches earning rules by key: a changed field, a renamed rule, an added and a removed one", () => {
    const welcome = earningRule({ key: "welcome", name: "Welcome", kind: "action", action: "sign_up", points: 100 });
    const pilot = earningRule({
      key: "pilot",
      name: "Store pilot",
      kind: "multiplier",
      multiplier: 120,
      rolloutPercent: 10,
    });
    const changes = diffVersions(
      version({ rules: [weekend, welcome] }),
      version({
        rules: [
          {
            ...weekend,
            id: randomUUID(),
            name: "Weekend treat",
            multiplier: 200,
            conditions: { daysOfWeek: [0, 5, 6] },
          },
          pilot,
        ],
      }),
    );
    expect(changes).toEqual<VersionChange[]>([
      item("rule", "weekend", "Weekend treat", "name", "Weekend double", "Weekend treat"),
      item("rule", "weekend", "Weekend treat", "multiplier", 150, 200),
      item("rule", "weekend", "Weekend treat", "conditions.daysOfWeek", [0, 6], [0, 5, 6]),
      {
        type: "added",
        subject: "rule",
        key: "pilot",
        name: "Store pilot",
        details: { kind: "multiplier", multiplier: 120, rolloutPercent: 10 },
      },
      { type: "removed", subject: "rule", key: "welcome", name: "Welcome" },
    ]);
  });

  it("reports a rule's conditions, window and pilot share, and which languages its texts are in", () => {
    const store = randomUUID();
    const changes = diffVersions(
      version({ rules: [weekend] }),
      version({
        rules: [
          {
            ...weekend,
            conditions: { daysOfWeek: [0, 6], storeIds: [store], excludedCategories: ["gift_card"] },
            rolloutPercent: 30,
            endsAt: new Date("2026-06-01T00:00:00Z"),
            translations: { lv: { name: "Nedēļas nogale" } },
          },
        ],
      }),
    );
    expect(changes.map((change) => change.type === "changed" && [change.field, change.before, change.after])).toEqual([
      ["conditions.storeIds", null, [store]],
      ["conditions.excludedCategories", null, ["gift_card"]],
      ["rolloutPercent", 100, 30],
      ["endsAt", null, "2026-06-01T00:00:00.000Z"],
      ["translations", null, ["lv"]],
    ]);
  });

  it("reports tiers, badges and challenges added, removed and changed", () => {
    const silver = tierRow({ key: "silver", name: "Silver", threshold: 0 });
    const gold = tierRow({ key: "gold", name: "Gold", rank: 1, threshold: 500, earnMultiplierPercent: 150 });
    const changes = diffVersions(
      version({
        tiers: [silver],
        badges: [badge({ key: "regular", name: "Regular", target: 5 }), badge({ key: "first", name: "First" })],
        challenges: [challenge({ key: "spring", name: "Spring visits" })],
      }),
      version({
        tiers: [{ ...silver, perks: ["Free coffee"] }, gold],
        badges: [badge({ key: "regular", name: "Regular", target: 10 })],
        challenges: [challenge({ key: "spring", name: "Spring visits", prizePoints: 50 })],
      }),
    );
    expect(changes).toEqual<VersionChange[]>([
      item("tier", "silver", "Silver", "perks", [], ["Free coffee"]),
      {
        type: "added",
        subject: "tier",
        key: "gold",
        name: "Gold",
        details: { threshold: 500, earnMultiplierPercent: 150 },
      },
      item("badge", "regular", "Regular", "target", 5, 10),
      { type: "removed", subject: "badge", key: "first", name: "First" },
      item("challenge", "spring", "Spring visits", "prizePoints", 30, 50),
    ]);
  });
});

function setting(field: string, before: unknown, after: unknown): VersionChange {
  return { type: "changed", subject: "settings", key: field, name: field, field, before, after } as VersionChange;
}

function item(
  subject: "rule" | "tier" | "badge" | "challenge",
  key: string,
  name: string,
  field: string,
  before: unknown,
  after: unknown,
): VersionChange {
  return { type: "changed", subject, key, name, field, before, after } as VersionChange;
}

describe("loadVersionDiff and defaultComparison", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it("compares a draft with the version in force, then the published version with the one before", async () => {
    const { db } = database;
    const { merchant, program, version: v1 } = await createProgram(db);
    await addEarningRules(db, v1, [{ key: "weekend", name: "Weekend double", kind: "campaign", multiplier: 150 }]);
    const ref = { merchantId: merchant.id, programId: program.id };
    expect(defaultComparison(await listProgramVersions(db, ref))).toBeNull();

    const draft = await createDraftVersion(db, ref);
    await updateDraftSettings(db, { ...ref, settings: { ...defaultSettings, earnRate: { points: 2, perMinor: 100 } } });
    await saveDraftEarningRule(db, {
      ...ref,
      rule: { key: "weekend", name: "Weekend double", kind: "campaign", multiplier: 200 },
    });
    await db
      .update(tiers)
      .set({ threshold: 750 })
      .where(and(eq(tiers.programVersionId, draft.id), eq(tiers.key, "gold")));
    forgetVersionDefinitions();

    const versions = await listProgramVersions(db, ref);
    expect(versions.map((v: VersionSummary) => [v.number, v.status])).toEqual([
      [2, "draft"],
      [1, "published"],
    ]);
    expect(defaultComparison(versions)).toEqual({ from: 1, to: 2 });
    const { changes } = await loadVersionDiff(db, { ...ref, from: 1, to: 2 });
    expect(changes.map((change) => change.type === "changed" && [change.subject, change.key, change.field])).toEqual([
      ["settings", "earnRate", "earnRate"],
      ["rule", "weekend", "multiplier"],
      ["tier", "gold", "threshold"],
    ]);
    // Backwards reads the same changes the other way round.
    const back = await loadVersionDiff(db, { ...ref, from: 2, to: 1 });
    expect(back.changes[0]).toMatchObject({
      before: { points: 2, perMinor: 100 },
      after: { points: 1, perMinor: 100 },
    });

    await publishDraftVersion(db, { ...ref, now: new Date("2026-03-01T00:00:00Z") });
    const afterPublish = await listProgramVersions(db, ref);
    expect(afterPublish.map((v) => v.status)).toEqual(["published", "superseded"]);
    expect(defaultComparison(afterPublish)).toEqual({ from: 1, to: 2 });
    expect((await loadVersionDiff(db, { ...ref, from: 1, to: 2 })).changes).toHaveLength(3);
  });

  it("finds no version of another merchant's program", async () => {
    const { db } = database;
    const { program } = await createProgram(db);
    const other = await createProgram(db);
    await expect(
      loadVersionDiff(db, { merchantId: other.merchant.id, programId: program.id, from: 1, to: 1 }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await listProgramVersions(db, { merchantId: other.merchant.id, programId: program.id })).toEqual([]);
  });
});

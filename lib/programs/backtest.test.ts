import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { pointEntries } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { createMember, createProgram, createReward, defaultSettings } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { backtestDraft } from "./backtest";
import { createDraftVersion } from "./create-draft-version";
import { saveDraftEarningRule, updateDraftSettings } from "./edit-draft";

const system = { type: "system" } as const;
const now = new Date("2026-06-30T12:00:00Z");
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/**
 * Published: 1 pt per 1.00. Draft: 2 pts per 1.00 and a "big basket" campaign of 5 points on
 * sales of 50.00 or more. Tiers by points in the period: bronze 0, silver 50, gold 150.
 *   A: 40.00 (10 June), 60.00 (20 June)  published 40 + 60 = 100   draft 80 + 120 + 5 = 205
 *   B: 30.00 (15 June)                     published 30              draft 60
 *   C: 10.00 (1 June); 25.00 in January, outside 90 days   published 10   draft 20
 */
async function handBuiltProgram() {
  const { db } = database;
  const setup = await createProgram(db, {
    tiers: [
      { key: "bronze", threshold: 0 },
      { key: "silver", threshold: 50 },
      { key: "gold", threshold: 150 },
    ],
  });
  const ref = { merchantId: setup.merchant.id, programId: setup.program.id };
  const [a, b, c] = [
    await createMember(db, setup.program),
    await createMember(db, setup.program),
    await createMember(db, setup.program),
  ];
  const sale = async (memberId: string, amountMinor: number, at: string) =>
    recordPurchase(db, { ...ref, memberId, amountMinor, actor: system, occurredAt: new Date(at), now: new Date(at) });
  await sale(a!.id, 4_000, "2026-06-10T10:00:00Z");
  await sale(a!.id, 6_000, "2026-06-20T10:00:00Z");
  await sale(b!.id, 3_000, "2026-06-15T10:00:00Z");
  await sale(c!.id, 2_500, "2026-01-10T10:00:00Z");
  await sale(c!.id, 1_000, "2026-06-01T10:00:00Z");
  const cheap = await createReward(db, setup.program, { name: "Cookie", costPoints: 50 });
  const dear = await createReward(db, setup.program, { name: "Mug", costPoints: 150 });
  await createReward(db, setup.program, { name: "Grinder", costPoints: 1_000 });
  await createDraftVersion(db, ref);
  await updateDraftSettings(db, { ...ref, settings: { ...defaultSettings, earnRate: { points: 2, perMinor: 100 } } });
  await saveDraftEarningRule(db, {
    ...ref,
    rule: {
      key: "big-basket",
      name: "Big basket",
      kind: "campaign",
      points: 5,
      conditions: { minimumSpendMinor: 5_000 },
    },
  });
  return { ...setup, ref, a: a!, b: b!, c: c!, cheap, dear };
}

describe("backtestDraft", () => {
  it("prices the period's sales by both versions, matching the hand-computed case, and writes nothing", async () => {
    const { db } = database;
    const { ref, a, b, c, cheap, dear } = await handBuiltProgram();
    const [before] = await db.select({ n: count() }).from(pointEntries);

    const report = await backtestDraft(db, { ...ref, days: 90, now });

    expect(report).toMatchObject({ days: 90, purchases: 4, members: 3, currency: "EUR" });
    expect(report.published).toEqual({ versionNumber: 1, pointsIssued: 140, costMinor: 140 });
    expect(report.draft).toEqual({ versionNumber: 2, pointsIssued: 285, costMinor: 285 });
    expect(report.liabilityChangeMinor).toBe(145);
    expect(report.tierMoves.up).toBe(2);
    expect(report.tierMoves.down).toBe(0);
    expect(
      report.tierMoves.members
        .map(({ memberId, fromTier, toTier }) => ({ memberId, fromTier, toTier }))
        .sort((x, y) => x.memberId.localeCompare(y.memberId)),
    ).toEqual(
      [
        { memberId: a.id, fromTier: "silver", toTier: "gold" },
        { memberId: b.id, fromTier: "bronze", toTier: "silver" },
      ].sort((x, y) => x.memberId.localeCompare(y.memberId)),
    );
    expect(report.newlyAffordable).toEqual([
      { rewardId: cheap.id, name: "Cookie", costPoints: 50, members: 1 },
      { rewardId: dear.id, name: "Mug", costPoints: 150, members: 1 },
    ]);
    expect(report.biggestChanges.map(({ memberId, published, draft }) => ({ memberId, published, draft }))).toEqual([
      { memberId: a.id, published: 100, draft: 205 },
      { memberId: b.id, published: 30, draft: 60 },
      { memberId: c.id, published: 10, draft: 20 },
    ]);
    const [after] = await db.select({ n: count() }).from(pointEntries);
    expect(after!.n).toBe(before!.n);
  });

  it("counts only the chosen period: 16 days before 30 June hold A's second sale and B's", async () => {
    const { ref } = await handBuiltProgram();
    const report = await backtestDraft(database.db, { ...ref, days: 16, now });
    expect(report.purchases).toBe(2);
    expect(report.published.pointsIssued).toBe(60 + 30);
    expect(report.draft.pointsIssued).toBe(125 + 60);
  });

  it("refuses a period outside 7-365 days, and a program without a draft", async () => {
    const { db } = database;
    const { ref } = await handBuiltProgram();
    for (const days of [6, 366, 30.5]) {
      const error = await backtestDraft(db, { ...ref, days, now }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details).toMatchObject({ field: "days" });
    }
    const bare = await createProgram(db);
    const noDraft = await backtestDraft(db, {
      merchantId: bare.merchant.id,
      programId: bare.program.id,
      days: 30,
      now,
    }).catch((caught: unknown) => caught);
    expect((noDraft as AppError).code).toBe("no_draft");
  });

  it("never reads another merchant's program", async () => {
    const { db } = database;
    const { ref } = await handBuiltProgram();
    const other = await createProgram(db);
    const error = await backtestDraft(db, {
      merchantId: other.merchant.id,
      programId: ref.programId,
      days: 30,
      now,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
  });
});

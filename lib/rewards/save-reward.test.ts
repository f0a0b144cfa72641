import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { rewards } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { createMember, createProgram } from "@/lib/testing/factories";
import { createStore } from "@/lib/testing/rules-factories";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { archiveReward } from "./archive-reward";
import { redeemReward } from "./redeem-reward";
import { saveReward } from "./save-reward";
import { recordPurchase } from "@/lib/purchases/record-purchase";

const system = { type: "system" } as const;
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const coffee = {
  name: "Free coffee",
  kind: "free_product",
  costPoints: "150",
  stock: "3",
  minTierKey: "gold",
  perMemberLimit: "2",
  availableFrom: "2026-12-01T09:00",
  availableUntil: "2026-12-24T18:00",
  voucherValidDays: "14",
  rolloutPercent: "40",
  translations: { lv: { name: "Bezmaksas kafija" } },
} as const;

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, field: error.details?.field };
}

describe("saveReward", () => {
  it("adds a reward with its window read in the program's time zone, its rollout and translations", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { timeZone: "Europe/Riga" });
    const store = await createStore(db, merchant.id);
    const saved = await saveReward(db, {
      merchantId: merchant.id,
      programId: program.id,
      reward: { ...coffee, rolloutStoreIds: [store.id] },
    });
    expect(saved).toMatchObject({
      name: "Free coffee",
      costPoints: 150,
      stock: 3,
      minTierKey: "gold",
      perMemberLimit: 2,
      voucherValidDays: 14,
      rolloutPercent: 40,
      rolloutStoreIds: [store.id],
      value: null,
      status: "active",
      translations: { lv: { name: "Bezmaksas kafija" } },
    });
    // Riga is UTC+2 in December.
    expect(saved.availableFrom).toEqual(new Date("2026-12-01T07:00:00Z"));
    expect(saved.availableUntil).toEqual(new Date("2026-12-24T16:00:00Z"));
  });

  it("edits a reward in place, keeping its id", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const created = await saveReward(db, { merchantId: merchant.id, programId: program.id, reward: coffee });
    const edited = await saveReward(db, {
      merchantId: merchant.id,
      programId: program.id,
      rewardId: created.id,
      reward: { ...coffee, name: "5 € off", kind: "fixed_discount", value: 500, minTierKey: null },
    });
    expect(edited).toMatchObject({ id: created.id, name: "5 € off", value: 500, minTierKey: null });
    expect(await db.select().from(rewards).where(eq(rewards.programId, program.id))).toHaveLength(1);
  });

  it("refuses bad input on its field and changes nothing", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const other = await createProgram(db);
    const otherStore = await createStore(db, other.merchant.id);
    const ref = { merchantId: merchant.id, programId: program.id };
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ costPoints: "0" }, "costPoints"],
      [{ availableUntil: "2026-11-30T09:00" }, "availableUntil"],
      [{ kind: "percent_discount" }, "value"],
      [{ kind: "percent_discount", value: 10_001 }, "value"],
      [{ minTierKey: "diamond" }, "minTierKey"],
      [{ rolloutStoreIds: [otherStore.id] }, "rolloutStoreIds"],
      [{ rolloutPercent: "101" }, "rolloutPercent"],
      [{ imageUrl: "javascript:alert(1)" }, "imageUrl"],
    ];
    for (const [change, field] of cases) {
      expect(await refusal(saveReward(db, { ...ref, reward: { ...coffee, ...change } as never }))).toEqual({
        code: "invalid_input",
        field,
      });
    }
    expect(await db.select().from(rewards).where(eq(rewards.programId, program.id))).toHaveLength(0);
  });

  it("does not find another merchant's reward or program", async () => {
    const { db } = database;
    const mine = await createProgram(db);
    const theirs = await createProgram(db);
    const their = await saveReward(db, {
      merchantId: theirs.merchant.id,
      programId: theirs.program.id,
      reward: coffee,
    });
    expect(
      await refusal(saveReward(db, { merchantId: mine.merchant.id, programId: theirs.program.id, reward: coffee })),
    ).toEqual({ code: "not_found", field: undefined });
    expect(
      await refusal(
        saveReward(db, {
          merchantId: mine.merchant.id,
          programId: mine.program.id,
          rewardId: their.id,
          reward: { ...coffee, name: "Taken" },
        }),
      ),
    ).toEqual({ code: "not_found", field: undefined });
    expect(
      await refusal(archiveReward(db, { merchantId: mine.merchant.id, rewardId: their.id, archived: true })),
    ).toEqual({ code: "not_found", field: undefined });
    const [unchanged] = await db.select().from(rewards).where(eq(rewards.id, their.id));
    expect(unchanged).toMatchObject({ name: "Free coffee", status: "active" });
  });

  it("applies a stock edit relative to the stock the editor saw, keeping redemptions made meanwhile", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { tiers: [] });
    const ref = { merchantId: merchant.id, programId: program.id };
    const reward = await saveReward(db, {
      ...ref,
      reward: { ...coffee, minTierKey: null, rolloutPercent: 100, stock: 5 },
    });
    const member = await createMember(db, program);
    await recordPurchase(db, { merchantId: merchant.id, memberId: member.id, amountMinor: 100_000, actor: system });
    // The manager opened the form at 5; a member redeems one before they save 10.
    await redeemReward(db, {
      merchantId: merchant.id,
      memberId: member.id,
      rewardId: reward.id,
      actor: system,
      now: new Date("2026-12-02T10:00:00Z"),
    });
    const edited = await saveReward(db, {
      ...ref,
      rewardId: reward.id,
      stockSeen: 5,
      reward: { ...coffee, minTierKey: null, rolloutPercent: 100, stock: 10 },
    });
    expect(edited.stock).toBe(9);
    const unlimited = await saveReward(db, {
      ...ref,
      rewardId: reward.id,
      stockSeen: 9,
      reward: { ...coffee, minTierKey: null, rolloutPercent: 100, stock: null },
    });
    expect(unlimited.stock).toBeNull();
  });
});

describe.runIf(onPostgres)("saveReward racing redemptions on PostgreSQL", () => {
  it("loses no redemption made while a stock edit runs", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { tiers: [] });
    const ref = { merchantId: merchant.id, programId: program.id };
    const reward = await saveReward(db, {
      ...ref,
      reward: { ...coffee, minTierKey: null, rolloutPercent: 100, stock: 5 },
    });
    const members = await Promise.all([1, 2, 3].map(() => createMember(db, program)));
    for (const member of members) {
      await recordPurchase(db, { merchantId: merchant.id, memberId: member.id, amountMinor: 100_000, actor: system });
    }
    const now = new Date("2026-12-02T10:00:00Z");
    await Promise.all([
      ...members.map((member) =>
        redeemReward(db, { merchantId: merchant.id, memberId: member.id, rewardId: reward.id, actor: system, now }),
      ),
      saveReward(db, {
        ...ref,
        rewardId: reward.id,
        stockSeen: 5,
        reward: { ...coffee, minTierKey: null, rolloutPercent: 100, stock: 10 },
      }),
    ]);
    const [after] = await db.select().from(rewards).where(eq(rewards.id, reward.id));
    expect(after!.stock).toBe(5 + 5 - 3);
  });
});

describe("archiveReward", () => {
  it("archives and puts back a reward", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const reward = await saveReward(db, { merchantId: merchant.id, programId: program.id, reward: coffee });
    expect((await archiveReward(db, { merchantId: merchant.id, rewardId: reward.id, archived: true })).status).toBe(
      "archived",
    );
    expect((await archiveReward(db, { merchantId: merchant.id, rewardId: reward.id, archived: false })).status).toBe(
      "active",
    );
  });
});

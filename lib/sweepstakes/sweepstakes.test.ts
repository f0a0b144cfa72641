import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { pointEntries, redemptions, rewards, sweepstakeEntries, sweepstakes } from "@/db/schema";
import { createSweepstake, givePoints } from "@/lib/testing/engagement-factories";
import { createMember, createProgram } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { drawSweepstake } from "./draw-sweepstake";
import { enterSweepstake } from "./enter-sweepstake";
import { listMemberSweepstakes } from "./member-sweepstakes";
import { replayDraw } from "./replay-draw";

const shopper = { type: "member", userId: "00000000-0000-4000-8000-000000000002" } as const;
const drawAt = new Date("2026-06-30T18:00:00Z");
const beforeDraw = new Date("2026-06-01T12:00:00Z");
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function setup(options: Omit<Parameters<typeof createSweepstake>[2], "drawAt"> = {}) {
  const { db } = database;
  const { merchant, program } = await createProgram(db);
  const { sweepstake, reward } = await createSweepstake(db, program, { drawAt, ...options });
  return { merchant, program, sweepstake, reward };
}

async function memberWithPoints(program: { id: string }, points: number) {
  const member = await createMember(database.db, program);
  if (points > 0) await givePoints(database.db, member, points);
  return member;
}

function buy(member: { id: string; merchantId: string }, sweepstakeId: string, entries: number, now = beforeDraw) {
  return enterSweepstake(database.db, {
    merchantId: member.merchantId,
    memberId: member.id,
    sweepstakeId,
    entries,
    source: "points",
    actor: shopper,
    now,
  });
}

async function entriesOf(sweepstakeId: string) {
  return database.db.select().from(sweepstakeEntries).where(eq(sweepstakeEntries.sweepstakeId, sweepstakeId));
}

describe("enterSweepstake", () => {
  it("buys entries at the entry reward's price, with one redemption and one ledger entry", async () => {
    const { db } = database;
    const { program, sweepstake, reward } = await setup({ costPoints: 50 });
    const member = await memberWithPoints(program, 200);
    const result = await buy(member, sweepstake.id, 3);
    expect(result).toMatchObject({ entriesAdded: 3, entriesHeld: 3, pointsSpent: 150, balance: 50 });
    const [redemption] = await db.select().from(redemptions).where(eq(redemptions.memberId, member.id));
    expect(redemption).toMatchObject({ id: result.redemptionId, rewardId: reward!.id, pointsSpent: 150 });
    const spent = await db
      .select()
      .from(pointEntries)
      .where(and(eq(pointEntries.memberId, member.id), eq(pointEntries.kind, "redeem")));
    expect(spent).toHaveLength(1);
    expect(spent[0]).toMatchObject({ points: -150, redemptionId: redemption!.id });
    expect(redemption!.entryId).toBe(spent[0]!.id);
    const entries = await entriesOf(sweepstake.id);
    expect(entries.map((e) => [e.memberId, e.redemptionId, e.source])).toEqual(
      Array(3).fill([member.id, redemption!.id, "points"]),
    );
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(50);
  });

  it("refuses entries the balance cannot cover and changes nothing", async () => {
    const { db } = database;
    const { program, sweepstake } = await setup({ costPoints: 50 });
    const member = await memberWithPoints(program, 100);
    await expect(buy(member, sweepstake.id, 3)).rejects.toMatchObject({ code: "insufficient_points" });
    expect(await entriesOf(sweepstake.id)).toHaveLength(0);
    expect(await db.select().from(redemptions).where(eq(redemptions.memberId, member.id))).toHaveLength(0);
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(100);
  });

  it("counts stock and the per-member limit in entries", async () => {
    const { db } = database;
    const { program, sweepstake, reward } = await setup({ costPoints: 10, stock: 5, perMemberLimit: 4 });
    const first = await memberWithPoints(program, 1_000);
    const second = await memberWithPoints(program, 1_000);
    await buy(first, sweepstake.id, 3);
    await expect(buy(first, sweepstake.id, 2)).rejects.toMatchObject({ code: "reward_limit_reached" });
    await expect(buy(second, sweepstake.id, 3)).rejects.toMatchObject({ code: "out_of_stock" });
    await buy(second, sweepstake.id, 2);
    const [after] = await db.select().from(rewards).where(eq(rewards.id, reward!.id));
    expect(after!.stock).toBe(0);
    expect((await expectLedgerConsistent(db, first.id)).pointsBalance).toBe(970);
    expect((await expectLedgerConsistent(db, second.id)).pointsBalance).toBe(980);
  });

  it("refuses entries at or after the draw time, and once drawn", async () => {
    const { db } = database;
    const { program, sweepstake } = await setup({ costPoints: 10 });
    const member = await memberWithPoints(program, 100);
    await expect(buy(member, sweepstake.id, 1, drawAt)).rejects.toMatchObject({ code: "sweepstake_closed" });
    await db.update(sweepstakes).set({ status: "drawn", drawnAt: beforeDraw }).where(eq(sweepstakes.id, sweepstake.id));
    await expect(buy(member, sweepstake.id, 1)).rejects.toMatchObject({ code: "sweepstake_closed" });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(100);
    expect(await entriesOf(sweepstake.id)).toHaveLength(0);
  });

  it("gives free entries for actions, once per award key", async () => {
    const { db } = database;
    const { program, sweepstake } = await setup({ costPoints: null });
    const member = await memberWithPoints(program, 0);
    const action = (awardKey?: string) =>
      enterSweepstake(db, {
        merchantId: member.merchantId,
        memberId: member.id,
        sweepstakeId: sweepstake.id,
        entries: 2,
        source: "action",
        actor: shopper,
        now: beforeDraw,
        awardKey,
      });
    expect(await action("review:123")).toMatchObject({ entriesAdded: 2, entriesHeld: 2, pointsSpent: 0 });
    expect(await action("review:123")).toMatchObject({ entriesAdded: 0, entriesHeld: 2 });
    expect(await action()).toMatchObject({ entriesAdded: 2, entriesHeld: 4 });
    await expect(buy(member, sweepstake.id, 1)).rejects.toMatchObject({ code: "reward_unavailable" });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(0);
  });

  it("rejects bad counts and other merchants' sweepstakes", async () => {
    const { program, sweepstake } = await setup();
    const member = await memberWithPoints(program, 1_000);
    await expect(buy(member, sweepstake.id, 0)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(buy(member, sweepstake.id, 1.5)).rejects.toMatchObject({ code: "invalid_input" });
    const other = await setup();
    await expect(buy(member, other.sweepstake.id, 1)).rejects.toMatchObject({ code: "not_found" });
    expect((await expectLedgerConsistent(database.db, member.id)).pointsBalance).toBe(1_000);
  });
});

describe("drawSweepstake", () => {
  async function filledSweepstake(winnersCount: number) {
    const { program, merchant, sweepstake } = await setup({ costPoints: 10, winnersCount });
    const members = [];
    for (const entries of [1, 5, 2, 8, 3]) {
      const member = await memberWithPoints(program, 100);
      await buy(member, sweepstake.id, entries);
      members.push(member);
    }
    return { merchant, program, sweepstake, members };
  }

  it("draws once, at or after the draw time, reproducibly from the recorded seed, no member twice", async () => {
    const { db } = database;
    const { merchant, sweepstake } = await filledSweepstake(3);
    const draw = (now: Date) => drawSweepstake(db, { merchantId: merchant.id, sweepstakeId: sweepstake.id, now });
    await expect(draw(new Date(drawAt.getTime() - 1))).rejects.toMatchObject({ code: "sweepstake_not_due" });

    const result = await draw(drawAt);
    expect(result.entriesCount).toBe(19);
    expect(result.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(result.winners.map((w) => w.place)).toEqual([1, 2, 3]);
    expect(new Set(result.winners.map((w) => w.memberId)).size).toBe(3);

    const [row] = await db.select().from(sweepstakes).where(eq(sweepstakes.id, sweepstake.id));
    expect(row).toMatchObject({ status: "drawn", drawSeed: result.seed, drawnAt: drawAt });
    const entries = await entriesOf(sweepstake.id);
    const recorded = entries
      .filter((e) => e.winningPlace !== null)
      .sort((a, b) => a.winningPlace! - b.winningPlace!)
      .map((e) => ({ place: e.winningPlace!, entryId: e.id, memberId: e.memberId }));
    expect(recorded).toEqual(result.winners);
    expect(replayDraw(entries, row!.drawSeed!, row!.winnersCount)).toEqual(recorded);

    await expect(draw(new Date(drawAt.getTime() + 60_000))).rejects.toMatchObject({ code: "sweepstake_already_drawn" });
    const after = await db
      .select()
      .from(sweepstakeEntries)
      .where(and(eq(sweepstakeEntries.sweepstakeId, sweepstake.id), isNotNull(sweepstakeEntries.winningPlace)));
    expect(after).toHaveLength(3);
  });

  it("uses a seed given in advance, and gives every member a place when places outnumber them", async () => {
    const { db } = database;
    const { merchant, sweepstake, members } = await filledSweepstake(10);
    const seed = "5eed".repeat(16);
    const result = await drawSweepstake(db, {
      merchantId: merchant.id,
      sweepstakeId: sweepstake.id,
      now: drawAt,
      seed,
    });
    expect(result.seed).toBe(seed);
    expect(result.winners.map((w) => w.memberId).sort()).toEqual(members.map((m) => m.id).sort());
    expect(replayDraw(await entriesOf(sweepstake.id), seed, 10)).toEqual(result.winners);
    const [winner] = result.winners;
    const standing = await listMemberSweepstakes(db, {
      merchantId: merchant.id,
      memberId: winner!.memberId,
      now: drawAt,
    });
    expect(standing).toEqual([
      expect.objectContaining({ id: sweepstake.id, status: "drawn", acceptsEntries: false, wonPlaces: [1] }),
    ]);
  });

  it("refuses a malformed seed and another merchant's sweepstake", async () => {
    const { db } = database;
    const { merchant, sweepstake } = await setup();
    const other = await setup();
    await expect(
      drawSweepstake(db, { merchantId: merchant.id, sweepstakeId: sweepstake.id, now: drawAt, seed: "1234" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      drawSweepstake(db, { merchantId: other.merchant.id, sweepstakeId: sweepstake.id, now: drawAt }),
    ).rejects.toMatchObject({ code: "not_found" });
    const [row] = await db.select().from(sweepstakes).where(eq(sweepstakes.id, sweepstake.id));
    expect(row).toMatchObject({ status: "open", drawSeed: null });
  });

  it("lists a member's entries and what one costs", async () => {
    const { program, merchant, sweepstake, reward } = await setup({ costPoints: 25 });
    const member = await memberWithPoints(program, 100);
    await buy(member, sweepstake.id, 2);
    expect(
      await listMemberSweepstakes(database.db, { merchantId: merchant.id, memberId: member.id, now: beforeDraw }),
    ).toEqual([
      {
        id: sweepstake.id,
        name: "Summer draw",
        prize: "A bicycle",
        drawAt: drawAt.toISOString(),
        status: "open",
        acceptsEntries: true,
        winnersCount: 1,
        entriesHeld: 2,
        entryRewardId: reward!.id,
        entryCostPoints: 25,
        drawnAt: null,
        wonPlaces: [],
      },
    ]);
  });

  it.runIf(onPostgres)("draws once when 10 draws race, with entries being bought at the same time", async () => {
    const { db } = database;
    const { program, merchant, sweepstake } = await filledSweepstake(2);
    const late = await Promise.all(Array.from({ length: 5 }, () => memberWithPoints(program, 100)));
    const drawing = Array.from({ length: 10 }, () =>
      drawSweepstake(db, { merchantId: merchant.id, sweepstakeId: sweepstake.id, now: drawAt }),
    );
    const buying = late.map((member) => buy(member, sweepstake.id, 1, new Date(drawAt.getTime() - 1)));
    const [draws, purchases] = await Promise.all([Promise.allSettled(drawing), Promise.allSettled(buying)]);
    expect(draws.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of draws)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "sweepstake_already_drawn" });
    const drawn = draws.find((r) => r.status === "fulfilled")!.value;
    const entries = await entriesOf(sweepstake.id);
    // Every entry that was bought is in the draw, whichever side of it the purchase landed.
    expect(drawn.entriesCount).toBe(entries.length);
    expect(entries.filter((e) => e.winningPlace !== null)).toHaveLength(2);
    for (const [i, r] of purchases.entries()) {
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "sweepstake_closed" });
      const balance = (await expectLedgerConsistent(db, late[i]!.id)).pointsBalance;
      expect(balance).toBe(r.status === "fulfilled" ? 90 : 100);
    }
  });
});

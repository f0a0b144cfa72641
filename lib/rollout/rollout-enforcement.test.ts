import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { enrolMember } from "@/lib/members/enrol-member";
import { getMemberDashboard } from "@/lib/members/member-dashboard";
import { joinProgram } from "@/lib/members/join-program";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { redeemReward } from "@/lib/rewards/redeem-reward";
import { listMemberRewards } from "@/lib/rewards/list-rewards";
import { awardActionPoints } from "@/lib/rules/award-action-points";
import { createMember, createProgram, createReward } from "@/lib/testing/factories";
import { givePoints } from "@/lib/testing/engagement-factories";
import { addEarningRules, createStore, updateMember } from "@/lib/testing/rules-factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { earningRuleSchema } from "@/lib/validation/rules";
import { programReaches, rewardReaches, ruleReaches } from "./rollout";
import { setProgramRollout, setRewardRollout } from "./set-rollout";

const system = { type: "system" } as const;
const at = new Date("2026-03-06T12:00:00Z");
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** Members of the program until `wanted` says it has one in and one out. */
async function oneInOneOut(program: { id: string }, isIn: (member: { id: string }) => boolean) {
  const { db } = database;
  let inside: Awaited<ReturnType<typeof createMember>> | undefined;
  let outside: typeof inside;
  while (!inside || !outside) {
    const member = await createMember(db, program);
    if (isIn(member)) inside ??= member;
    else outside ??= member;
  }
  return { inside, outside };
}

describe("a rule piloted to a share of members", () => {
  it("pays a member inside it and not one outside, whose explanation has no line for it", async () => {
    const { db } = database;
    const { merchant, program, version } = await createProgram(db, { tiers: [] });
    const rule = {
      key: "pilot_double",
      name: "Pilot double",
      kind: "campaign" as const,
      multiplier: 200,
      rolloutPercent: 30,
    };
    await addEarningRules(db, version, [rule]);
    const { inside, outside } = await oneInOneOut(program, (member) => ruleReaches(rule, member.id));
    const buy = (memberId: string) =>
      recordPurchase(db, { merchantId: merchant.id, memberId, amountMinor: 1_000, actor: system, now: at });

    const paid = await buy(inside.id);
    expect(paid.pointsEarned).toBe(20);
    expect(paid.explanation.map((line) => line.ruleKey)).toEqual(["base_rate", "rule:pilot_double"]);
    const unpaid = await buy(outside.id);
    expect(unpaid.pointsEarned).toBe(10);
    expect(unpaid.explanation.map((line) => line.ruleKey)).toEqual(["base_rate"]);
  });

  it("pays action points only to the members in the rule's share", async () => {
    const { db } = database;
    const { merchant, program, version } = await createProgram(db, { tiers: [] });
    const rule = {
      key: "review_pilot",
      kind: "action" as const,
      action: "profile_completed" as const,
      points: 50,
      rolloutPercent: 50,
    };
    await addEarningRules(db, version, [rule]);
    const { inside, outside } = await oneInOneOut(program, (member) => ruleReaches(rule, member.id));
    const award = (memberId: string) =>
      awardActionPoints(db, { merchantId: merchant.id, memberId, action: "profile_completed", actor: system, now: at });
    expect(await award(inside.id)).toMatchObject({ awarded: true, points: 50 });
    expect(await award(outside.id)).toMatchObject({ awarded: false, reason: "no_rule" });
  });

  it("takes a share of 0-100 in the draft's rule schema", () => {
    const base = { key: "weekend", name: "Weekend", kind: "multiplier", multiplier: 200 };
    expect(earningRuleSchema.parse(base).rolloutPercent).toBe(100);
    expect(earningRuleSchema.parse({ ...base, rolloutPercent: 10 }).rolloutPercent).toBe(10);
    expect(earningRuleSchema.safeParse({ ...base, rolloutPercent: 101 }).error?.issues[0]).toMatchObject({
      path: ["rolloutPercent"],
      message: "tooLarge",
    });
    expect(earningRuleSchema.safeParse({ ...base, rolloutPercent: -1 }).success).toBe(false);
  });
});

describe("a reward piloted to a share of members or to stores", () => {
  it("is not listed for a member outside it, and redeeming it is refused as not found", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { tiers: [] });
    const everyone = await createReward(db, program, { name: "For all", costPoints: 10 });
    const pilot = await createReward(db, program, { name: "Pilot", costPoints: 10, rolloutPercent: 50 });
    const { inside, outside } = await oneInOneOut(program, (member) =>
      rewardReaches(pilot, { id: member.id, enrolledAtStoreId: null }),
    );
    await givePoints(db, inside, 100);
    await givePoints(db, outside, 100);

    const names = async (member: typeof inside) =>
      (await getMemberDashboard(db, member, { now: at })).rewards.map((reward) => reward.name).sort();
    expect(await names(inside)).toEqual(["For all", "Pilot"]);
    expect(await names(outside)).toEqual(["For all"]);
    // A visitor (the public page) sees only what everyone is offered.
    expect((await listMemberRewards(db, program.id, null)).map((reward) => reward.id)).toEqual([everyone.id]);

    const redeem = (memberId: string) =>
      redeemReward(db, { merchantId: merchant.id, memberId, rewardId: pilot.id, actor: system, now: at });
    await expect(redeem(outside.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await redeem(inside.id)).pointsSpent).toBe(10);
  });

  it("limited to a store, reaches the members whose home store it is", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { tiers: [] });
    const [storeA, storeB] = [await createStore(db, merchant.id, "A"), await createStore(db, merchant.id, "B")];
    const reward = await createReward(db, program, { name: "Store A only", costPoints: 10 });
    await setRewardRollout(db, {
      merchantId: merchant.id,
      rewardId: reward.id,
      rollout: { rolloutStoreIds: [storeA.id] },
    });
    const atA = await updateMember(db, (await createMember(db, program)).id, { enrolledAtStoreId: storeA.id });
    const atB = await updateMember(db, (await createMember(db, program)).id, { enrolledAtStoreId: storeB.id });
    expect((await listMemberRewards(db, program.id, atA)).map((r) => r.name)).toEqual(["Store A only"]);
    expect(await listMemberRewards(db, program.id, atB)).toEqual([]);
  });

  it("takes only the merchant's own stores and a share of 0-100", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { tiers: [] });
    const other = await createProgram(db, { tiers: [] });
    const foreignStore = await createStore(db, other.merchant.id);
    const reward = await createReward(db, program);
    const set = (rollout: object) => setRewardRollout(db, { merchantId: merchant.id, rewardId: reward.id, rollout });
    await expect(set({ rolloutStoreIds: [foreignStore.id] })).rejects.toMatchObject({
      code: "invalid_input",
      details: { field: "rolloutStoreIds" },
    });
    await expect(set({ rolloutPercent: 150 })).rejects.toMatchObject({
      code: "invalid_input",
      details: { field: "rolloutPercent", validation: "tooLarge" },
    });
    // Another merchant cannot reach this reward at all.
    await expect(
      setRewardRollout(db, { merchantId: other.merchant.id, rewardId: reward.id, rollout: { rolloutPercent: 10 } }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await set({ rolloutPercent: 10 })).toMatchObject({ rolloutPercent: 10, rolloutStoreIds: [] });
  });
});

describe("a program piloted at some stores or to a share", () => {
  it("refuses a member from another store (or joining online) and takes one from its store", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { tiers: [] });
    const [storeA, storeB] = [await createStore(db, merchant.id, "A"), await createStore(db, merchant.id, "B")];
    await setProgramRollout(db, {
      merchantId: merchant.id,
      programId: program.id,
      rollout: { rolloutStoreIds: [storeA.id] },
    });
    const join = (email: string, storeId: string | null) => enrolMember(db, { programId: program.id, email, storeId });
    await expect(join("b@example.test", storeB.id)).rejects.toMatchObject({ code: "program_not_available" });
    await expect(join("online@example.test", null)).rejects.toMatchObject({ code: "program_not_available" });
    const member = await join("a@example.test", storeA.id);
    expect(member.enrolledAtStoreId).toBe(storeA.id);
  });

  it("pays nothing to a member it no longer reaches, though the sale is recorded", async () => {
    const { db } = database;
    const { merchant, program, version } = await createProgram(db, { tiers: [] });
    await addEarningRules(db, version, [{ key: "welcome", kind: "action", action: "profile_completed", points: 50 }]);
    const store = await createStore(db, merchant.id);
    const member = await createMember(db, program);
    // Narrowed to a store after this member joined online.
    await setProgramRollout(db, {
      merchantId: merchant.id,
      programId: program.id,
      rollout: { rolloutStoreIds: [store.id] },
    });
    const sale = await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 1_000,
      actor: system,
      now: at,
    });
    expect(sale).toMatchObject({ pointsEarned: 0, balance: 0 });
    expect(sale.explanation).toEqual([
      { ruleKey: "rollout", label: "program not available to this member", points: 0 },
    ]);
    expect(
      await awardActionPoints(db, {
        merchantId: merchant.id,
        memberId: member.id,
        action: "profile_completed",
        actor: system,
        now: at,
      }),
    ).toMatchObject({ awarded: false, reason: "no_rule" });
  });

  it("takes the people its share reaches, by e-mail, and keeps them as it widens", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { tiers: [] });
    await setProgramRollout(db, { merchantId: merchant.id, programId: program.id, rollout: { rolloutPercent: 20 } });
    const emails = Array.from({ length: 40 }, (_, i) => `pilot-${i}@example.test`);
    const reach = (percent: number) =>
      emails.filter((email) =>
        programReaches(
          { ...program, rolloutPercent: percent, rolloutStoreIds: [] },
          { email, enrolledAtStoreId: null },
        ),
      );
    const inside = reach(20);
    const outside = emails.find((email) => !inside.includes(email))!;
    expect(inside.length).toBeGreaterThan(0);
    await expect(joinProgram(db, { programId: program.id, email: outside })).rejects.toMatchObject({
      code: "program_not_available",
    });
    await joinProgram(db, { programId: program.id, email: inside[0]! });
    await setProgramRollout(db, { merchantId: merchant.id, programId: program.id, rollout: { rolloutPercent: 60 } });
    expect(inside.every((email) => reach(60).includes(email))).toBe(true);
    await joinProgram(db, { programId: program.id, email: reach(60).find((email) => !inside.includes(email))! });
  });
});

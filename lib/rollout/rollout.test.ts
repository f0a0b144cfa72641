import { describe, expect, it } from "vitest";
import { defaultSettings } from "@/lib/testing/factories";
import { earningRule } from "@/lib/testing/rules-factories";
import { computePurchasePoints } from "@/lib/rules/compute-purchase-points";
import { inRollout, programReaches, rewardReaches, rolloutBucket, rolloutSubject, ruleReaches } from "./rollout";

// 1,000 member ids, the same on every run.
const memberIds = Array.from(
  { length: 1_000 },
  (_, i) => `00000000-0000-4000-8000-${(i * 7_919 + 13).toString(16).padStart(12, "0")}`,
);
const storeA = "00000000-0000-4000-8000-00000000000a";
const storeB = "00000000-0000-4000-8000-00000000000b";

describe("rollout buckets", () => {
  it("are stable numbers 0-99", () => {
    for (const id of memberIds.slice(0, 50)) {
      const bucket = rolloutBucket(id, "rule:weekend");
      expect(bucket).toBe(rolloutBucket(id, "rule:weekend"));
      expect(Number.isInteger(bucket) && bucket >= 0 && bucket < 100).toBe(true);
    }
  });

  it("a 10% pilot reaches about 10% of 1,000 members, and the same members stay in at 30%", () => {
    const rule = (rolloutPercent: number) => ({ key: "weekend", rolloutPercent });
    const at10 = memberIds.filter((id) => ruleReaches(rule(10), id));
    const at30 = memberIds.filter((id) => ruleReaches(rule(30), id));
    expect(at10.length).toBeGreaterThanOrEqual(70);
    expect(at10.length).toBeLessThanOrEqual(130);
    expect(at30.length).toBeGreaterThanOrEqual(250);
    expect(at30.length).toBeLessThanOrEqual(350);
    expect(at10.every((id) => at30.includes(id))).toBe(true);
    expect(memberIds.filter((id) => ruleReaches(rule(100), id))).toHaveLength(1_000);
    expect(memberIds.filter((id) => ruleReaches(rule(0), id))).toHaveLength(0);
  });

  it("different subjects at the same share pick different members", () => {
    const a = new Set(memberIds.filter((id) => ruleReaches({ key: "weekend", rolloutPercent: 10 }, id)));
    const b = memberIds.filter((id) => ruleReaches({ key: "birthday-boost", rolloutPercent: 10 }, id));
    const both = b.filter((id) => a.has(id)).length;
    // Independent 10% draws overlap in about 1% of members, not in all of them.
    expect(both).toBeLessThan(b.length / 2);
  });

  it("a store pilot reaches members whose home store is one of its stores, never one without a home store", () => {
    const pilot = { rolloutPercent: 100, rolloutStoreIds: [storeA] };
    const subject = rolloutSubject.reward("r1");
    expect(inRollout(pilot, { key: "m1", homeStoreId: storeA }, subject)).toBe(true);
    expect(inRollout(pilot, { key: "m1", homeStoreId: storeB }, subject)).toBe(false);
    expect(inRollout(pilot, { key: "m1", homeStoreId: null }, subject)).toBe(false);
    expect(inRollout({ rolloutPercent: 100, rolloutStoreIds: [] }, { key: "m1", homeStoreId: null }, subject)).toBe(
      true,
    );
  });

  it("a program's share is decided by the e-mail, in any case, so a person gets the same answer before and after joining", () => {
    const program = { id: "p1", rolloutPercent: 40, rolloutStoreIds: [] };
    for (let i = 0; i < 50; i++) {
      const email = `Person${i}@Example.test`;
      expect(programReaches(program, { email, enrolledAtStoreId: null })).toBe(
        programReaches(program, { email: email.toLowerCase(), id: `m${i}`, enrolledAtStoreId: null }),
      );
    }
  });

  it("a reward's share and stores both have to reach the member", () => {
    const reward = { id: "r1", rolloutPercent: 50, rolloutStoreIds: [storeA] };
    const inShare = memberIds.find((id) =>
      rewardReaches({ ...reward, rolloutStoreIds: [] }, { id, enrolledAtStoreId: null }),
    )!;
    expect(rewardReaches(reward, { id: inShare, enrolledAtStoreId: storeA })).toBe(true);
    expect(rewardReaches(reward, { id: inShare, enrolledAtStoreId: storeB })).toBe(false);
  });
});

describe("a piloted rule in the earning engine", () => {
  const pilot = earningRule({
    key: "pilot_double",
    name: "Pilot double",
    kind: "campaign",
    multiplier: 200,
    rolloutPercent: 10,
  });
  const earn = (memberId: string) =>
    computePurchasePoints({
      settings: defaultSettings,
      rules: [pilot],
      tier: null,
      purchase: {
        amountMinor: 1_000,
        lines: [],
        storeId: null,
        occurredAt: new Date("2026-01-02T12:00:00Z"),
        localDayOfWeek: 5,
      },
      memberSegmentIds: [],
      memberId,
    });

  it("pays the members in its share and leaves no line for the others, about 10% of 1,000", () => {
    const results = memberIds.map((id) => ({ id, result: earn(id) }));
    const reached = results.filter(({ result }) => result.points === 20);
    const outside = results.filter(({ result }) => result.points === 10);
    expect(reached.length + outside.length).toBe(1_000);
    expect(reached.length).toBeGreaterThanOrEqual(70);
    expect(reached.length).toBeLessThanOrEqual(130);
    expect(reached[0]!.result.explanation).toEqual([
      { ruleKey: "base_rate", label: "base rate", points: 10 },
      { ruleKey: "rule:pilot_double", label: "Pilot double", points: 10 },
    ]);
    expect(outside[0]!.result.explanation).toEqual([{ ruleKey: "base_rate", label: "base rate", points: 10 }]);
  });
});

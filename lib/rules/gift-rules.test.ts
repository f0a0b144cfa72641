import { describe, expect, it } from "vitest";
import { earningRule } from "@/lib/testing/rules-factories";
import { purchaseFacts } from "./compute-purchase-points";
import { giftRulesMet } from "./gift-rules";

const sale = purchaseFacts(
  { amountMinor: 6_000, lines: [], storeId: null, occurredAt: new Date("2026-05-04T10:00:00Z") },
  "Europe/Riga",
);
const gift = (rolloutPercent: number) =>
  earningRule({
    key: `gift-${rolloutPercent}`,
    kind: "gift",
    giftRewardId: "00000000-0000-4000-8000-000000000009",
    conditions: { minimumSpendMinor: 5_000 },
    rolloutPercent,
  });

describe("giftRulesMet", () => {
  it("meets a gift rule whose conditions the sale meets, and not one below its minimum spend", () => {
    const member = "00000000-0000-4000-8000-000000000001";
    expect(giftRulesMet([gift(100)], sale, [], member)).toHaveLength(1);
    expect(giftRulesMet([gift(100)], { ...sale, amountMinor: 4_000 }, [], member)).toHaveLength(0);
  });

  it("reaches only the members of a piloted rule's share", () => {
    const members = Array.from({ length: 200 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    expect(members.filter((member) => giftRulesMet([gift(0)], sale, [], member).length > 0)).toHaveLength(0);
    const reached = members.filter((member) => giftRulesMet([gift(30)], sale, [], member).length > 0).length;
    expect(reached).toBeGreaterThan(30);
    expect(reached).toBeLessThan(90);
  });
});

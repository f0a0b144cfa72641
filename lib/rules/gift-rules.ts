import type { PurchaseLine } from "@/db/schema";
import { ruleReaches } from "@/lib/rollout/rollout";
import { ruleApplies, type EarningRule, type PurchaseFacts } from "./compute-purchase-points";

/**
 * The `gift` rules a sale meets, in rule position order: inside the rule's window, days,
 * stores and segment (`ruleApplies`), and spending, on the lines the rule covers, more than
 * zero and at least its minimum spend. The lines it covers: those of its `categories` when
 * set, less its `excludedCategories`; the whole part paid in money when it names neither or
 * the sale has no lines (a sale without lines never meets a rule limited to categories); and
 * reaching the member when the rule is piloted to a share of members (lib/rollout).
 * Pure, like computePurchasePoints; each met rule earns one voucher per purchase.
 */
export function giftRulesMet(
  rules: EarningRule[],
  purchase: PurchaseFacts,
  memberSegmentIds: readonly string[],
  memberId: string,
): EarningRule[] {
  const paidInMoney = Math.max(0, purchase.amountMinor - (purchase.paidWithPointsMinor ?? 0));
  return (
    rules
      .filter((rule) => rule.kind === "gift" && rule.giftRewardId !== null)
      // A piloted gift rule reaches only its share of members, as an earning rule does.
      .filter((rule) => ruleReaches(rule, memberId) && ruleApplies(rule, purchase, memberSegmentIds))
      .filter((rule) => {
        const amount = coveredAmount(rule, purchase.lines, paidInMoney);
        return amount > 0 && amount >= (rule.conditions.minimumSpendMinor ?? 0);
      })
      .sort((a, b) => a.position - b.position || a.key.localeCompare(b.key))
  );
}

function coveredAmount(rule: EarningRule, lines: PurchaseLine[], paidInMoney: number): number {
  const categories = rule.conditions.categories ?? [];
  const excluded = rule.conditions.excludedCategories ?? [];
  if (categories.length === 0 && (excluded.length === 0 || lines.length === 0)) return paidInMoney;
  if (lines.length === 0) return 0;
  const covered = lines.filter(
    (line) =>
      !(line.category !== undefined && excluded.includes(line.category)) &&
      (categories.length === 0 || (line.category !== undefined && categories.includes(line.category))),
  );
  return Math.min(
    paidInMoney,
    covered.reduce((sum, line) => sum + line.amountMinor, 0),
  );
}

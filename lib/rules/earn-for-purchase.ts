import type { Tx } from "@/db";
import type { ProgramContext } from "@/lib/programs/program-context";
import { memberSegments } from "@/lib/segments/member-segments";
import { computePurchasePoints, ruleApplies, type PurchaseFacts, type PurchasePoints } from "./compute-purchase-points";
import { localDayOfWeek } from "@/lib/time-zone";

/**
 * Gathers what the pure earning engine needs for one sale of a member (the tier, the local day
 * of the week, and segment membership, asked only for segments that an otherwise applicable
 * campaign names) and computes the points under the version in `context`.
 */
export async function earnForPurchase(
  tx: Tx,
  input: {
    merchantId: string;
    memberId: string;
    tierKey: string | null;
    context: ProgramContext;
    purchase: Omit<PurchaseFacts, "localDayOfWeek">;
    now: Date;
  },
): Promise<PurchasePoints> {
  const { context } = input;
  const purchase = {
    ...input.purchase,
    localDayOfWeek: localDayOfWeek(input.purchase.occurredAt, context.program.timeZone),
  };
  const segmentIds = new Set<string>();
  for (const rule of context.rules) {
    const segmentId = rule.conditions.segmentId;
    if (rule.kind !== "action" && segmentId && ruleApplies(rule, purchase, [segmentId])) segmentIds.add(segmentId);
  }
  const memberSegmentIds =
    segmentIds.size === 0
      ? []
      : await memberSegments(tx, {
          merchantId: input.merchantId,
          memberId: input.memberId,
          now: input.now,
          segmentIds: [...segmentIds],
        });
  return computePurchasePoints({
    settings: context.version.settings,
    rules: context.rules,
    tier: context.tiers.find((tier) => tier.key === input.tierKey) ?? null,
    purchase,
    memberSegmentIds,
  });
}

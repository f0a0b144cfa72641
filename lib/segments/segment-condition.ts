import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { members, purchases, type SegmentRules } from "@/db/schema";
import { startOfLocalDayAfter } from "@/lib/time-zone";
import type { RfmGroup } from "./rfm-groups";

const day = 86_400_000;

type Evaluation = { merchantId: string; now: Date; timeZone: string };

/**
 * One SQL condition over `members` that holds when the member satisfies every present rule of
 * a segment, so listing a segment and checking one member share a single definition.
 * Purchase history counts completed and partly refunded sales up to `now` (net of refunds),
 * within the last `windowDays` days when set; an empty list counts as absent.
 *
 * The window counts local calendar days in the program's time zone, as voucher validity and
 * point expiry do: a sale on local date D counts through the end of D + windowDays, so the
 * window opens at the local midnight `windowDays` dates before today. Membership then changes
 * only at local midnight, never mid-day or an hour off across a DST change.
 */
export function segmentCondition(rules: SegmentRules, at: Evaluation): SQL {
  const since = rules.windowDays ? startOfLocalDayAfter(at.now, -rules.windowDays, at.timeZone) : null;
  const history = purchaseHistory(at, since);
  const conditions: (SQL | undefined)[] = [];
  if (hasItems(rules.tierKeys)) conditions.push(inArray(members.tierKey, rules.tierKeys));
  if (rules.minSpendMinor !== undefined) {
    conditions.push(
      sql`(select coalesce(sum(${purchases.amountMinor} - ${purchases.refundedMinor}), 0) from ${purchases} where ${history}) >= ${rules.minSpendMinor}`,
    );
  }
  if (rules.minVisits !== undefined) {
    conditions.push(sql`(select count(*) from ${purchases} where ${history}) >= ${rules.minVisits}`);
  }
  if (hasItems(rules.categories)) {
    const category = sql`line.value ->> 'category'`;
    conditions.push(
      sql`exists (select 1 from ${purchases}, jsonb_array_elements(${purchases.lines}) as line where ${history} and ${inArray(category, rules.categories)})`,
    );
  }
  if (hasItems(rules.storeIds)) {
    conditions.push(
      sql`(${inArray(members.enrolledAtStoreId, rules.storeIds)} or exists (select 1 from ${purchases} where ${history} and ${inArray(purchases.storeId, rules.storeIds)}))`,
    );
  }
  if (rules.birthdayMonth !== undefined) {
    conditions.push(sql`extract(month from ${members.birthday}) = ${rules.birthdayMonth}`);
  }
  const joinedLocalDate = sql`(timezone(${at.timeZone}, ${members.joinedAt}))::date`;
  if (rules.joinedFrom) conditions.push(sql`${joinedLocalDate} >= ${rules.joinedFrom}::date`);
  if (rules.joinedUntil) conditions.push(sql`${joinedLocalDate} <= ${rules.joinedUntil}::date`);
  if (rules.marketingConsent !== undefined) conditions.push(eq(members.marketingConsent, rules.marketingConsent));
  if (hasItems(rules.rfmGroups)) conditions.push(inArray(rfmGroupOf(at), rules.rfmGroups));
  return and(eq(members.merchantId, at.merchantId), ...conditions) ?? sql`true`;
}

/** The member's RFM group (see rfm-groups.ts) as an SQL expression over `members`. */
export function rfmGroupOf(at: Evaluation): SQL<RfmGroup> {
  const history = purchaseHistory(at, null);
  const lastPurchase = sql`(select max(${purchases.occurredAt}) from ${purchases} where ${history})`;
  const yearAgo = new Date(at.now.getTime() - 365 * day);
  const purchasesInYear = sql`(select count(*) from ${purchases} where ${history} and ${purchases.occurredAt} > ${yearAgo.toISOString()}::timestamptz)`;
  const within = (days: number) =>
    sql`${lastPurchase} > ${new Date(at.now.getTime() - days * day).toISOString()}::timestamptz`;
  const joinedWithin30Days = sql`${members.joinedAt} > ${new Date(at.now.getTime() - 30 * day).toISOString()}::timestamptz`;
  return sql<RfmGroup>`case
    when ${lastPurchase} is null then 'prospect'
    when ${within(30)} and ${purchasesInYear} >= 10 then 'champion'
    when ${within(90)} and ${purchasesInYear} >= 4 then 'loyal'
    when ${joinedWithin30Days} then 'new'
    when ${within(90)} then 'active'
    when ${within(180)} then 'at_risk'
    else 'lost' end`;
}

function purchaseHistory(at: Evaluation, since: Date | null): SQL {
  return sql`${purchases.merchantId} = ${at.merchantId} and ${purchases.memberId} = ${members.id} and ${purchases.status} <> 'refunded' and ${purchases.occurredAt} <= ${at.now.toISOString()}::timestamptz${
    since ? sql` and ${purchases.occurredAt} >= ${since.toISOString()}::timestamptz` : sql``
  }`;
}

function hasItems<T>(list: T[] | undefined): list is T[] {
  return list !== undefined && list.length > 0;
}

import { and, count, countDistinct, eq, gte, lt, lte, ne, sql, type Column, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { challenges, memberChallenges, members, purchases, redemptions, type BadgeCriterion } from "@/db/schema";
import type { Member } from "@/lib/members/load-member";
import { localWeekNumber, weeklyStreak } from "./weekly-streak";

export type ActivityQuery = {
  merchantId: string;
  member: Pick<Member, "id" | "visitCount" | "lifetimeSpendMinor">;
  criterion: BadgeCriterion;
  timeZone: string;
  /** Purchases after `now` are not counted; it is also the week a streak is measured to. */
  now: Date;
  /**
   * A challenge's window [from, to). Without one the measure is lifetime: visits and spend then
   * come from the member's running totals. `challengeKey` names the challenge being measured,
   * in any of its program versions.
   */
  window?: { from: Date; to: Date; challengeKey: string };
};

/**
 * `value` decides whether a criterion is met; `progress` is what a member is shown while it is
 * not. They differ only for a weekly streak: met by the longest streak, shown as the current one.
 */
export type ActivityMeasure = { value: number; progress: number };

/** How far a member has got on one badge or challenge criterion. */
export async function measureActivity(db: Db, query: ActivityQuery): Promise<ActivityMeasure> {
  const value = await measure(db, query);
  return typeof value === "number" ? { value, progress: value } : value;
}

async function measure(db: Db, query: ActivityQuery): Promise<number | ActivityMeasure> {
  const { member, window } = query;
  switch (query.criterion) {
    case "visits":
      if (!window) return member.visitCount;
      return countPurchases(db, query);
    case "first_purchase":
      return countPurchases(db, query);
    case "spend": {
      if (!window) return member.lifetimeSpendMinor;
      const [row] = await db
        .select({ total: sql<number>`coalesce(sum(${purchases.amountMinor} - ${purchases.refundedMinor}), 0)::int8` })
        .from(purchases)
        .where(purchaseScope(query));
      return row?.total ?? 0;
    }
    case "first_redemption": {
      const [row] = await db
        .select({ n: count() })
        .from(redemptions)
        .where(
          and(
            eq(redemptions.memberId, member.id),
            eq(redemptions.merchantId, query.merchantId),
            eq(redemptions.status, "completed"),
            ...timeBounds(redemptions.createdAt, query),
          ),
        );
      return row?.n ?? 0;
    }
    case "referrals": {
      const [row] = await db
        .select({ n: count() })
        .from(members)
        .where(
          and(
            eq(members.referredByMemberId, member.id),
            eq(members.merchantId, query.merchantId),
            ...timeBounds(members.joinedAt, query),
          ),
        );
      return row?.n ?? 0;
    }
    case "weekly_streak": {
      const rows = await db.select({ at: purchases.occurredAt }).from(purchases).where(purchaseScope(query));
      const streak = weeklyStreak(
        rows.map((row) => localWeekNumber(row.at, query.timeZone)),
        localWeekNumber(query.now, query.timeZone),
      );
      // Inside a challenge only its own window counts, so the best run there is the progress.
      return window ? streak.longest : { value: streak.longest, progress: streak.current };
    }
    case "joined_challenge": {
      // By key: the same challenge carried into a new program version is still one challenge.
      const [row] = await db
        .select({ n: countDistinct(challenges.key) })
        .from(memberChallenges)
        .innerJoin(challenges, eq(challenges.id, memberChallenges.challengeId))
        .where(
          and(
            eq(memberChallenges.memberId, member.id),
            eq(memberChallenges.merchantId, query.merchantId),
            ...timeBounds(memberChallenges.joinedAt, query),
            ...(window ? [ne(challenges.key, window.challengeKey)] : []),
          ),
        );
      return row?.n ?? 0;
    }
  }
}

async function countPurchases(db: Db, query: ActivityQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(purchases).where(purchaseScope(query));
  return row?.n ?? 0;
}

/** The member's purchases in the window; a fully refunded one was no visit. */
function purchaseScope(query: ActivityQuery): SQL | undefined {
  return and(
    eq(purchases.memberId, query.member.id),
    eq(purchases.merchantId, query.merchantId),
    ne(purchases.status, "refunded"),
    ...timeBounds(purchases.occurredAt, query, true),
  );
}

/**
 * The window's bounds, if any. Only a purchase's time (the sale's own time, which the caller
 * sets) is also held to `now`: other rows are stamped by the database clock, which may run a
 * moment ahead of the caller's `now` within the same request.
 */
function timeBounds(column: Column, query: ActivityQuery, upToNow = false): SQL[] {
  const bounds = upToNow ? [lte(column, query.now)] : [];
  if (query.window) bounds.push(gte(column, query.window.from), lt(column, query.window.to));
  return bounds;
}

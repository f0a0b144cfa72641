import { and, count, countDistinct, eq, gte, isNotNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { memberSubscriptions, members, programs, purchases, programGoals } from "@/db/schema";

export type ProgramGoal = (typeof programGoals)[number];

/**
 * The figure that tracks each goal: `share` a fraction (0-1), `money` minor units of the
 * program's currency, `ratio` a plain number (visits per member).
 */
export const goalFigureKinds = {
  retention: "share",
  share_of_wallet: "money",
  visit_frequency: "ratio",
  customer_insight: "share",
  profit_centre: "money",
} as const satisfies Record<ProgramGoal, "share" | "money" | "ratio">;

export type GoalFigure = {
  programId: string;
  programName: string;
  programSlug: string;
  currency: string;
  goal: ProgramGoal;
  kind: (typeof goalFigureKinds)[ProgramGoal];
  /** The last 30 days up to `now`, and the 30 days before them; null when there is nothing to divide by. */
  current: number | null;
  previous: number | null;
};

const dayMs = 86_400_000;
export const goalPeriodDays = 30;

type Window = { from: Date; to: Date };
type Scope = { merchantId: string; programId: string };

/**
 * Each program's goal figure for this 30 days and the previous 30:
 * - retention: the share of members (joined before the period ended) who bought in it;
 * - share of wallet: spend (net of refunds) per member who bought in the period;
 * - visit frequency: purchases per member who bought in the period;
 * - customer insight: the share of members with a complete profile (birthday, phone and
 *   marketing consent). Profiles keep no history, so the previous figure is today's profiles
 *   of the members who had joined by the previous period's end;
 * - profit centre: paid-tier revenue, the memberships bought (not cancelled) in the period.
 */
export async function goalFigures(db: Db, input: { merchantId: string; now: Date }): Promise<GoalFigure[]> {
  const programRows = await db
    .select({
      id: programs.id,
      name: programs.name,
      slug: programs.slug,
      currency: programs.currency,
      goal: programs.goal,
    })
    .from(programs)
    .where(eq(programs.merchantId, input.merchantId))
    .orderBy(programs.createdAt, programs.name);
  const current = { from: new Date(input.now.getTime() - goalPeriodDays * dayMs), to: input.now };
  const previous = { from: new Date(input.now.getTime() - 2 * goalPeriodDays * dayMs), to: current.from };
  return Promise.all(
    programRows.map(async (program) => {
      const scope = { merchantId: input.merchantId, programId: program.id };
      const [now, before] = await Promise.all([
        figureFor(db, program.goal, scope, current),
        figureFor(db, program.goal, scope, previous),
      ]);
      return {
        programId: program.id,
        programName: program.name,
        programSlug: program.slug,
        currency: program.currency,
        goal: program.goal,
        kind: goalFigureKinds[program.goal],
        current: now,
        previous: before,
      };
    }),
  );
}

function figureFor(db: Db, goal: ProgramGoal, scope: Scope, window: Window): Promise<number | null> {
  switch (goal) {
    case "retention":
      return activeShare(db, scope, window);
    case "share_of_wallet":
      return purchaseFigures(db, scope, window).then(({ spend, buyers }) => (buyers ? spend / buyers : null));
    case "visit_frequency":
      return purchaseFigures(db, scope, window).then(({ visits, buyers }) => (buyers ? visits / buyers : null));
    case "customer_insight":
      return completeProfileShare(db, scope, window);
    case "profit_centre":
      return paidTierRevenue(db, scope, window);
  }
}

const inWindow = (window: Window) => and(gte(purchases.occurredAt, window.from), lt(purchases.occurredAt, window.to));

async function purchaseFigures(db: Db, scope: Scope, window: Window) {
  const [row] = await db
    .select({
      visits: count(),
      buyers: countDistinct(purchases.memberId),
      spend: sql<number>`coalesce(sum(${purchases.amountMinor} - ${purchases.refundedMinor}), 0)::float8`,
    })
    .from(purchases)
    .where(
      and(
        eq(purchases.merchantId, scope.merchantId),
        eq(purchases.programId, scope.programId),
        ne(purchases.status, "refunded"),
        inWindow(window),
      ),
    );
  return { visits: Number(row?.visits ?? 0), buyers: Number(row?.buyers ?? 0), spend: Number(row?.spend ?? 0) };
}

const membersBy = (scope: Scope, window: Window) =>
  and(
    eq(members.merchantId, scope.merchantId),
    eq(members.programId, scope.programId),
    lt(members.joinedAt, window.to),
  );

async function activeShare(db: Db, scope: Scope, window: Window): Promise<number | null> {
  const [[all], { buyers }] = await Promise.all([
    db.select({ n: count() }).from(members).where(membersBy(scope, window)),
    purchaseFigures(db, scope, window),
  ]);
  const total = Number(all?.n ?? 0);
  return total ? buyers / total : null;
}

async function completeProfileShare(db: Db, scope: Scope, window: Window): Promise<number | null> {
  const [row] = await db
    .select({
      total: count(),
      complete: sql<number>`count(*) filter (where ${and(
        isNotNull(members.birthday),
        isNotNull(members.phone),
        ne(members.phone, ""),
        eq(members.marketingConsent, true),
      )})::int`,
    })
    .from(members)
    .where(membersBy(scope, window));
  const total = Number(row?.total ?? 0);
  return total ? Number(row?.complete ?? 0) / total : null;
}

async function paidTierRevenue(db: Db, scope: Scope, window: Window): Promise<number> {
  const [row] = await db
    .select({ revenue: sql<number>`coalesce(sum(${memberSubscriptions.amountMinor}), 0)::float8` })
    .from(memberSubscriptions)
    .innerJoin(members, and(eq(members.id, memberSubscriptions.memberId), eq(members.merchantId, scope.merchantId)))
    .where(
      and(
        eq(memberSubscriptions.merchantId, scope.merchantId),
        eq(members.programId, scope.programId),
        ne(memberSubscriptions.status, "cancelled"),
        gte(memberSubscriptions.periodStart, window.from),
        lt(memberSubscriptions.periodStart, window.to),
      ),
    );
  return Number(row?.revenue ?? 0);
}

/** The change from the previous period as a fraction (0.25 = up a quarter); null when either is unknown or zero before. */
export function goalTrend(figure: Pick<GoalFigure, "current" | "previous">): number | null {
  if (figure.current === null || figure.previous === null || figure.previous === 0) return null;
  return (figure.current - figure.previous) / figure.previous;
}

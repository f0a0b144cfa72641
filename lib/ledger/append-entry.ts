import { and, eq, gte, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { namedRows } from "@/db/rows";
import { members, pointEntries, pointLots, type EntryExplanation, type PointEntryKind } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { isUniqueViolation } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { limits } from "@/lib/limits";

export type AppendEntryInput = {
  merchantId: string;
  memberId: string;
  kind: PointEntryKind;
  /** Signed: positive entries add a lot, negative ones spend lots oldest first. */
  points: number;
  actor: Actor;
  programVersionId?: string | null;
  purchaseId?: string | null;
  redemptionId?: string | null;
  reversesEntryId?: number | null;
  reason?: string | null;
  /** Makes the entry once-only per member; a second one fails with `already_awarded`. */
  awardKey?: string | null;
  explanation?: EntryExplanation;
  shortfall?: number;
  /** When the points of a positive entry expire; null for never. */
  expiresAt?: Date | null;
  /** When the entry takes effect; now unless history is being imported (the demo seed). */
  at?: Date;
  /** For a negative entry: take the points from this lot (expiry) instead of oldest first. */
  fromLotEntryId?: number;
  /** A purchase's spend and visit, added to the member's totals in the same update as the balance. */
  purchase?: { spendMinor: number };
};

export type PointEntry = typeof pointEntries.$inferSelect;
/** An appended entry; a spend oldest-first also says the earliest expiry of the lots it used. */
export type AppendedEntry = PointEntry & { spentLotsExpireAt: Date | null };

/**
 * The only writer of the ledger. Must run inside a transaction: the entry, the member's
 * cached balance and the lots change together or not at all. A negative entry the balance
 * cannot cover is refused with `insufficient_points`, and an entry past the bounds of
 * lib/limits.ts (per entry, per balance) with `invalid_input` on `points`; neither writes anything.
 */
export async function appendEntry(tx: Tx, input: AppendEntryInput): Promise<AppendedEntry> {
  if (!Number.isInteger(input.points) || input.points === 0) {
    throw new AppError("invalid_input", "A ledger entry moves a non-zero whole number of points");
  }
  if (Math.abs(input.points) > limits.maxEntryPoints) {
    throw new AppError(
      "invalid_input",
      `A ledger entry moves at most ${limits.maxEntryPoints} points, not ${input.points}`,
      {
        field: "points",
        validation: "tooLarge",
      },
    );
  }
  const written = await writeEntry(tx, input);
  if (!written) {
    const [member] = await tx
      .select({ balance: members.pointsBalance })
      .from(members)
      .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)));
    if (!member) throw new AppError("not_found", "Member not found");
    if (input.points < 0) throw new AppError("insufficient_points", "The balance does not cover this entry");
    throw new AppError("invalid_input", `A balance holds at most ${limits.maxBalancePoints} points`, {
      field: "points",
      validation: "tooLarge",
    });
  }
  const entry: PointEntry = {
    id: Number(written.id),
    merchantId: input.merchantId,
    memberId: input.memberId,
    kind: input.kind,
    points: input.points,
    balanceAfter: written.balance_after,
    programVersionId: input.programVersionId ?? null,
    purchaseId: input.purchaseId ?? null,
    redemptionId: input.redemptionId ?? null,
    reversesEntryId: input.reversesEntryId ?? null,
    reason: input.reason ?? null,
    explanation: input.explanation ?? [],
    awardKey: input.awardKey ?? null,
    shortfall: input.shortfall ?? 0,
    ...actorColumns(input.actor),
    createdAt: pointEntries.createdAt.mapFromDriverValue(written.created_at) as Date,
  };
  if (input.points > 0) return { ...entry, spentLotsExpireAt: null };
  if (input.fromLotEntryId !== undefined) {
    await spendLot(tx, input.memberId, input.fromLotEntryId, -input.points);
    return { ...entry, spentLotsExpireAt: null };
  }
  return { ...entry, spentLotsExpireAt: await spendLotsOldestFirst(tx, input.memberId, -input.points) };
}

/**
 * One statement, so the hot paths pay one round trip for it: the member's balance moves (the
 * condition is the guard: it locks the row and only matches when the balance covers the
 * entry, so concurrent spends can never take it below zero), the entry is written with the
 * balance after, and a positive entry opens its lot. When the guard does not match, nothing
 * is written and no row comes back.
 */
async function writeEntry(tx: Tx, input: AppendEntryInput) {
  const at = input.at?.toISOString() ?? null;
  const earned = input.kind === "earn" || input.kind === "bonus" ? input.points : 0;
  const { actorType, actorId } = actorColumns(input.actor);
  // Only what the member does (buying, redeeming) counts as activity for the inactivity expiry
  // policy: a birthday bonus, a staff adjustment or a refund does not keep points alive.
  const lastActivity =
    input.kind === "earn" || input.kind === "redeem"
      ? sql`greatest(last_activity_at, coalesce(${at}::timestamptz, now()))`
      : sql`last_activity_at`;
  // Plain SQL: one statement updates the member, writes the entry and opens its lot (a CTE the
  // query builder cannot write), on the hottest path of the ledger.
  const [written] = await namedRows<{ id: string | number; balance_after: number; created_at: string }>(
    tx,
    sql`
      WITH member AS (
        UPDATE members SET
          points_balance = points_balance + ${input.points}::int8,
          lifetime_points = lifetime_points + ${earned}::int8,
          lifetime_spend_minor = lifetime_spend_minor + ${input.purchase?.spendMinor ?? 0}::bigint,
          visit_count = visit_count + ${input.purchase ? 1 : 0}::int,
          last_activity_at = ${lastActivity}
        WHERE id = ${input.memberId}::uuid AND merchant_id = ${input.merchantId}::uuid
          AND points_balance + ${input.points}::int8 >= 0
          AND points_balance + ${input.points}::int8 <= ${limits.maxBalancePoints}::int8
          AND lifetime_points + ${earned}::int8 <= ${limits.maxBalancePoints}::int8
        RETURNING points_balance
      ), entry AS (
        INSERT INTO point_entries (merchant_id, member_id, kind, points, balance_after, program_version_id,
          purchase_id, redemption_id, reverses_entry_id, reason, award_key, explanation, shortfall,
          actor_type, actor_id, created_at)
        SELECT ${input.merchantId}::uuid, ${input.memberId}::uuid, ${input.kind}::point_entry_kind,
          ${input.points}::int8, points_balance, ${input.programVersionId ?? null}::uuid,
          ${input.purchaseId ?? null}::uuid, ${input.redemptionId ?? null}::uuid,
          ${input.reversesEntryId ?? null}::bigint, ${input.reason ?? null}::text, ${input.awardKey ?? null}::text,
          ${JSON.stringify(input.explanation ?? [])}::jsonb, ${input.shortfall ?? 0}::int8,
          ${actorType}::actor_type, ${actorId}::text, coalesce(${at}::timestamptz, now())
        FROM member
        RETURNING id, balance_after, created_at
      ), lot AS (
        INSERT INTO point_lots (entry_id, merchant_id, member_id, remaining, expires_at)
        SELECT id, ${input.merchantId}::uuid, ${input.memberId}::uuid, ${input.points}::int8,
          ${input.expiresAt?.toISOString() ?? null}::timestamptz
        FROM entry WHERE ${input.points}::int8 > 0
      )
      SELECT id, balance_after, created_at FROM entry`,
  ).catch((error: unknown) => {
    if (isUniqueViolation(error, "point_entries_member_award_key")) {
      throw new AppError("already_awarded", `Already awarded: ${input.awardKey}`);
    }
    throw error;
  });
  return written;
}

async function spendLot(tx: Tx, memberId: string, lotEntryId: number, amount: number) {
  const [lot] = await tx
    .update(pointLots)
    .set({ remaining: sql`${pointLots.remaining} - ${amount}` })
    .where(and(eq(pointLots.entryId, lotEntryId), eq(pointLots.memberId, memberId), gte(pointLots.remaining, amount)))
    .returning({ entryId: pointLots.entryId });
  if (!lot) throw new AppError("invalid_input", `Lot ${lotEntryId} does not hold ${amount} points for this member`);
}

/**
 * Spends the oldest lots first, in one statement: each open lot gives what is still owed after
 * the older lots. Returns the earliest expiry among the lots it took from.
 */
async function spendLotsOldestFirst(tx: Tx, memberId: string, amount: number): Promise<Date | null> {
  // Plain SQL: a window function over the lots feeding an UPDATE ... FROM.
  const taken = await namedRows<{ points: number; expires_at: string | null }>(
    tx,
    sql`
    WITH open AS (
      SELECT entry_id, remaining, expires_at,
        sum(remaining) OVER (ORDER BY entry_id) - remaining AS owed_before
      FROM point_lots
      WHERE member_id = ${memberId}::uuid AND remaining > 0
    ), taken AS (
      SELECT entry_id, least(remaining, ${amount}::int8 - owed_before)::int8 AS points, expires_at
      FROM open
      WHERE owed_before < ${amount}::int8
    )
    UPDATE point_lots SET remaining = point_lots.remaining - taken.points
    FROM taken
    WHERE point_lots.entry_id = taken.entry_id
    RETURNING taken.points, taken.expires_at`,
  );
  // The balance check passed, so the lots must cover it; if not, the cache and the lots
  // disagree and the transaction must not commit.
  const short = amount - taken.reduce((sum, lot) => sum + lot.points, 0);
  if (short > 0) throw new Error(`Ledger lots short by ${short} points for member ${memberId}`);
  const expiries = taken.flatMap((lot) =>
    lot.expires_at ? [pointLots.expiresAt.mapFromDriverValue(lot.expires_at) as Date] : [],
  );
  return expiries.length > 0 ? new Date(Math.min(...expiries.map(Number))) : null;
}

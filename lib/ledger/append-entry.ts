import { and, asc, eq, gt, gte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { members, pointEntries, pointLots, type EntryExplanation, type PointEntryKind } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";
import { isUniqueViolation } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";

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
};

export type PointEntry = typeof pointEntries.$inferSelect;
/** An appended entry; a spend oldest-first also says the earliest expiry of the lots it used. */
export type AppendedEntry = PointEntry & { spentLotsExpireAt: Date | null };

/**
 * The only writer of the ledger. Must run inside a transaction: the entry, the member's
 * cached balance and the lots change together or not at all. A negative entry the balance
 * cannot cover is refused with `insufficient_points` and writes nothing.
 */
export async function appendEntry(tx: Db, input: AppendEntryInput): Promise<AppendedEntry> {
  if (!Number.isSafeInteger(input.points) || input.points === 0) {
    throw new AppError("invalid_input", "A ledger entry moves a non-zero whole number of points");
  }
  const earned = input.kind === "earn" || input.kind === "bonus" ? input.points : 0;
  const owner = and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId));
  // The conditional update is the guard: it locks the member row and only succeeds when the
  // balance covers the entry, so concurrent spends can never take it below zero.
  const [member] = await tx
    .update(members)
    .set({
      pointsBalance: sql`${members.pointsBalance} + ${input.points}`,
      lifetimePoints: sql`${members.lifetimePoints} + ${earned}`,
      // Only what the member does (buying, redeeming) counts as activity for the inactivity
      // expiry policy: a birthday bonus, a staff adjustment or a refund does not keep points alive.
      lastActivityAt:
        input.kind === "earn" || input.kind === "redeem"
          ? sql`greatest(${members.lastActivityAt}, ${(input.at ?? new Date()).toISOString()}::timestamptz)`
          : sql`${members.lastActivityAt}`,
    })
    .where(input.points < 0 ? and(owner, gte(members.pointsBalance, -input.points)) : owner)
    .returning({ balance: members.pointsBalance });
  if (!member) {
    const [exists] = await tx.select({ id: members.id }).from(members).where(owner);
    if (!exists) throw new AppError("not_found", "Member not found");
    throw new AppError("insufficient_points", "The balance does not cover this entry");
  }

  const [entry] = await insertEntry(tx, input, member.balance);
  if (!entry) throw new Error("Ledger insert returned no row");

  if (input.points > 0) {
    await tx.insert(pointLots).values({
      entryId: entry.id,
      merchantId: input.merchantId,
      memberId: input.memberId,
      remaining: input.points,
      expiresAt: input.expiresAt ?? null,
    });
    return { ...entry, spentLotsExpireAt: null };
  }
  if (input.fromLotEntryId !== undefined) {
    await spendLot(tx, input.memberId, input.fromLotEntryId, -input.points);
    return { ...entry, spentLotsExpireAt: null };
  }
  return { ...entry, spentLotsExpireAt: await spendLotsOldestFirst(tx, input.memberId, -input.points) };
}

function insertEntry(tx: Db, input: AppendEntryInput, balanceAfter: number) {
  return tx
    .insert(pointEntries)
    .values({
      merchantId: input.merchantId,
      memberId: input.memberId,
      kind: input.kind,
      points: input.points,
      balanceAfter,
      programVersionId: input.programVersionId ?? null,
      purchaseId: input.purchaseId ?? null,
      redemptionId: input.redemptionId ?? null,
      reversesEntryId: input.reversesEntryId ?? null,
      reason: input.reason ?? null,
      awardKey: input.awardKey ?? null,
      explanation: input.explanation ?? [],
      shortfall: input.shortfall ?? 0,
      ...actorColumns(input.actor),
      createdAt: input.at,
    })
    .returning()
    .catch((error: unknown) => {
      if (isUniqueViolation(error, "point_entries_member_award_key")) {
        throw new AppError("already_awarded", `Already awarded: ${input.awardKey}`);
      }
      throw error;
    });
}

async function spendLot(tx: Db, memberId: string, lotEntryId: number, amount: number) {
  const [lot] = await tx
    .update(pointLots)
    .set({ remaining: sql`${pointLots.remaining} - ${amount}` })
    .where(and(eq(pointLots.entryId, lotEntryId), eq(pointLots.memberId, memberId), gte(pointLots.remaining, amount)))
    .returning({ entryId: pointLots.entryId });
  if (!lot) throw new AppError("invalid_input", `Lot ${lotEntryId} does not hold ${amount} points for this member`);
}

/** Spends the oldest lots first; returns the earliest expiry among the lots it took from. */
async function spendLotsOldestFirst(tx: Db, memberId: string, amount: number): Promise<Date | null> {
  const open = await tx
    .select({ entryId: pointLots.entryId, remaining: pointLots.remaining, expiresAt: pointLots.expiresAt })
    .from(pointLots)
    .where(and(eq(pointLots.memberId, memberId), gt(pointLots.remaining, 0)))
    .orderBy(asc(pointLots.entryId));
  let left = amount;
  let earliestExpiry: Date | null = null;
  for (const lot of open) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    if (lot.expiresAt && (!earliestExpiry || lot.expiresAt < earliestExpiry)) earliestExpiry = lot.expiresAt;
    await tx
      .update(pointLots)
      .set({ remaining: lot.remaining - take })
      .where(eq(pointLots.entryId, lot.entryId));
    left -= take;
  }
  // The balance check above passed, so the lots must cover it; if not, the cache and the lots
  // disagree and the transaction must not commit.
  if (left > 0) throw new Error(`Ledger lots short by ${left} points for member ${memberId}`);
  return earliestExpiry;
}

import { and, asc, count, eq, gte, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { redemptions, rewards, sweepstakeEntries, sweepstakes } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { appendEntry } from "@/lib/ledger/append-entry";
import { lockMemberWithContext } from "@/lib/members/load-member";
import { rewardLock, rewardLockError, rewardOffered } from "@/lib/rewards/reward-availability";
import { assertMembershipOpen } from "@/lib/members/assert-membership-open";

/** More entries than this in one go is a typo, not a wish. */
export const maxEntriesPerCall = 1_000;

export type EnterSweepstakeInput = {
  merchantId: string;
  memberId: string;
  sweepstakeId: string;
  entries: number;
  /** "points": bought at the price of the sweepstake's entry reward; "action": earned, free. */
  source: "points" | "action";
  actor: Actor;
  now: Date;
  /** For "action" entries: the same key for the same member gives entries only once. */
  awardKey?: string;
};

export type EnterSweepstakeResult = {
  sweepstakeId: string;
  entriesAdded: number;
  /** All the member's entries in this sweepstake after this call. */
  entriesHeld: number;
  pointsSpent: number;
  balance: number;
  redemptionId: string | null;
};

/**
 * Gives a member entries in an open sweepstake, before its draw time. Entries bought with
 * points cost the linked `sweepstake_entry` reward's price each, spent through the ledger with
 * one redemption per purchase; its stock and per-member limit count entries. The sweepstake
 * row is share-locked, so a draw waits for entries in flight and an entry never lands after it.
 */
export async function enterSweepstake(db: Db, input: EnterSweepstakeInput): Promise<EnterSweepstakeResult> {
  if (!Number.isSafeInteger(input.entries) || input.entries < 1 || input.entries > maxEntriesPerCall) {
    throw new AppError("invalid_input", `Entries must be a whole number from 1 to ${maxEntriesPerCall}`);
  }
  return db.transaction(async (tx) => {
    const { member, context } = await lockMemberWithContext(tx, input);
    assertMembershipOpen(member);
    const [sweepstake] = await tx
      .select()
      .from(sweepstakes)
      .where(
        and(
          eq(sweepstakes.id, input.sweepstakeId),
          eq(sweepstakes.merchantId, input.merchantId),
          eq(sweepstakes.programId, member.programId),
        ),
      )
      .for("share");
    if (!sweepstake) throw new AppError("not_found", "Sweepstake not found");
    if (sweepstake.status !== "open" || input.now >= sweepstake.drawAt) {
      throw new AppError("sweepstake_closed", "This sweepstake no longer takes entries");
    }
    const base = { merchantId: input.merchantId, sweepstakeId: sweepstake.id, memberId: member.id };
    const held = () => countEntries(tx, base);

    if (input.source === "action") {
      const source = input.awardKey ? `action:${input.awardKey}` : "action";
      if (input.awardKey && (await countEntries(tx, { ...base, source })) > 0) {
        return result(sweepstake.id, 0, await held(), 0, member.pointsBalance, null);
      }
      await tx.insert(sweepstakeEntries).values(Array.from({ length: input.entries }, () => ({ ...base, source })));
      return result(sweepstake.id, input.entries, await held(), 0, member.pointsBalance, null);
    }

    const [reward] = await tx
      .select()
      .from(rewards)
      .where(
        and(
          eq(rewards.sweepstakeId, sweepstake.id),
          eq(rewards.merchantId, input.merchantId),
          eq(rewards.programId, member.programId),
          eq(rewards.kind, "sweepstake_entry"),
        ),
      )
      .orderBy(asc(rewards.position), asc(rewards.createdAt))
      .limit(1);
    if (!reward) throw new AppError("reward_unavailable", "Entries to this sweepstake cannot be bought with points");
    // An entry reward outside the member's staged rollout does not exist for them.
    if (!rewardOffered(reward, member)) throw new AppError("not_found", "Reward not found");
    const cost = reward.costPoints * input.entries;
    if (cost > 2_147_483_647) throw new AppError("invalid_input", "Too many entries at once");

    const bought = await countEntries(tx, { ...base, source: "points" });
    const lock = rewardLock({
      reward,
      tiers: context.tiers,
      memberTierKey: member.tierKey,
      balance: member.pointsBalance,
      redeemedCount: bought,
      now: input.now,
    });
    if (lock) throw rewardLockError(lock);
    if (reward.perMemberLimit !== null && bought + input.entries > reward.perMemberLimit) {
      throw new AppError("reward_limit_reached", `At most ${reward.perMemberLimit} entries per member`);
    }
    if (member.pointsBalance < cost)
      throw new AppError("insufficient_points", "The balance does not cover these entries");

    const [taken] = await tx
      .update(rewards)
      .set({ stock: sql`${rewards.stock} - ${input.entries}` })
      .where(and(eq(rewards.id, reward.id), or(isNull(rewards.stock), gte(rewards.stock, input.entries))))
      .returning({ id: rewards.id });
    if (!taken) throw new AppError("out_of_stock", "Not enough entries left");

    const [redemption] = await tx
      .insert(redemptions)
      .values({ merchantId: input.merchantId, memberId: member.id, rewardId: reward.id, pointsSpent: cost })
      .returning({ id: redemptions.id });
    if (!redemption) throw new Error("Redemption insert returned no row");
    const entry = await appendEntry(tx, {
      merchantId: input.merchantId,
      memberId: member.id,
      kind: "redeem",
      points: -cost,
      actor: input.actor,
      programVersionId: context.version.id,
      redemptionId: redemption.id,
      explanation: [
        { ruleKey: `sweepstake:${sweepstake.id}`, label: `${input.entries} × ${reward.name}`, points: -cost },
      ],
      at: input.now,
    });
    await tx
      .update(redemptions)
      .set({ entryId: entry.id })
      .where(and(eq(redemptions.id, redemption.id), eq(redemptions.merchantId, input.merchantId)));
    await tx
      .insert(sweepstakeEntries)
      .values(
        Array.from({ length: input.entries }, () => ({ ...base, redemptionId: redemption.id, source: "points" })),
      );
    return result(sweepstake.id, input.entries, await held(), cost, entry.balanceAfter, redemption.id);
  });
}

async function countEntries(
  db: Db,
  input: { merchantId: string; sweepstakeId: string; memberId: string; source?: string },
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sweepstakeEntries)
    .where(
      and(
        eq(sweepstakeEntries.sweepstakeId, input.sweepstakeId),
        eq(sweepstakeEntries.merchantId, input.merchantId),
        eq(sweepstakeEntries.memberId, input.memberId),
        input.source ? eq(sweepstakeEntries.source, input.source) : undefined,
      ),
    );
  return row?.n ?? 0;
}

function result(
  sweepstakeId: string,
  entriesAdded: number,
  entriesHeld: number,
  pointsSpent: number,
  balance: number,
  redemptionId: string | null,
): EnterSweepstakeResult {
  return { sweepstakeId, entriesAdded, entriesHeld, pointsSpent, balance, redemptionId };
}

import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { rewards, sweepstakeEntries, sweepstakes } from "@/db/schema";
import { findMember } from "@/lib/members/load-member";

/** A sweepstake as a member sees it: their entries, the price of one, and their result. */
export type MemberSweepstake = {
  id: string;
  name: string;
  prize: string;
  drawAt: string;
  /** "open" until drawn; open but past its draw time means entries are closed. */
  status: "open" | "drawn";
  acceptsEntries: boolean;
  winnersCount: number;
  entriesHeld: number;
  /** The reward that sells entries, and its price per entry; null when entries are only earned. */
  entryRewardId: string | null;
  entryCostPoints: number | null;
  drawnAt: string | null;
  /** The places this member won (at most one), empty otherwise. */
  wonPlaces: number[];
};

/** The program's open and drawn sweepstakes, by draw time, with this member's standing. */
export async function listMemberSweepstakes(
  db: Db,
  input: { merchantId: string; memberId: string; now: Date },
): Promise<MemberSweepstake[]> {
  const member = await findMember(db, input);
  const rows = await db
    .select()
    .from(sweepstakes)
    .where(
      and(
        eq(sweepstakes.merchantId, input.merchantId),
        eq(sweepstakes.programId, member.programId),
        inArray(sweepstakes.status, ["open", "drawn"]),
      ),
    )
    .orderBy(asc(sweepstakes.drawAt));
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const entries = await db
    .select({ sweepstakeId: sweepstakeEntries.sweepstakeId, winningPlace: sweepstakeEntries.winningPlace })
    .from(sweepstakeEntries)
    .where(
      and(
        eq(sweepstakeEntries.memberId, member.id),
        eq(sweepstakeEntries.merchantId, input.merchantId),
        inArray(sweepstakeEntries.sweepstakeId, ids),
      ),
    );
  const entryRewards = await db
    .select({ id: rewards.id, sweepstakeId: rewards.sweepstakeId, costPoints: rewards.costPoints })
    .from(rewards)
    .where(
      and(
        eq(rewards.merchantId, input.merchantId),
        eq(rewards.programId, member.programId),
        eq(rewards.kind, "sweepstake_entry"),
        eq(rewards.status, "active"),
        inArray(rewards.sweepstakeId, ids),
      ),
    )
    .orderBy(asc(rewards.position), asc(rewards.createdAt));

  return rows.map((row) => {
    const mine = entries.filter((entry) => entry.sweepstakeId === row.id);
    const reward = entryRewards.find((candidate) => candidate.sweepstakeId === row.id) ?? null;
    return {
      id: row.id,
      name: row.name,
      prize: row.prize,
      drawAt: row.drawAt.toISOString(),
      status: row.status === "drawn" ? "drawn" : "open",
      acceptsEntries: row.status === "open" && input.now < row.drawAt,
      winnersCount: row.winnersCount,
      entriesHeld: mine.length,
      entryRewardId: reward?.id ?? null,
      entryCostPoints: reward?.costPoints ?? null,
      drawnAt: row.drawnAt?.toISOString() ?? null,
      wonPlaces: mine.flatMap((entry) => (entry.winningPlace === null ? [] : [entry.winningPlace])),
    };
  });
}

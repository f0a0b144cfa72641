import { randomBytes } from "node:crypto";
import { and, eq, lte } from "drizzle-orm";
import type { Db } from "@/db";
import { sweepstakeEntries, sweepstakes } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isDrawSeed, replayDraw, type DrawWinner } from "./replay-draw";

export type DrawResult = {
  sweepstakeId: string;
  /** The recorded seed: with the entries, `replayDraw` gives these winners again. */
  seed: string;
  drawnAt: string;
  entriesCount: number;
  winners: DrawWinner[];
};

/**
 * Draws a sweepstake's winners, once, at or after its draw time. The status moves from open
 * to drawn in one conditional update before anything else, so concurrent draws draw once and
 * the others are refused; entries still being bought hold a share lock that this update waits
 * for. The seed is 256 random bits unless one is given (say, published in advance), and is
 * recorded with the result. A member wins at most once: see `replayDraw`.
 */
export async function drawSweepstake(
  db: Db,
  input: { merchantId: string; sweepstakeId: string; now: Date; seed?: string },
): Promise<DrawResult> {
  const seed = input.seed?.toLowerCase() ?? randomBytes(32).toString("hex");
  if (!isDrawSeed(seed)) throw new AppError("invalid_input", "A draw seed is 64 hex digits (256 bits)");
  return db.transaction(async (tx) => {
    const scope = and(eq(sweepstakes.id, input.sweepstakeId), eq(sweepstakes.merchantId, input.merchantId));
    const [sweepstake] = await tx
      .update(sweepstakes)
      .set({ status: "drawn", drawnAt: input.now, drawSeed: seed })
      .where(and(scope, eq(sweepstakes.status, "open"), lte(sweepstakes.drawAt, input.now)))
      .returning();
    if (!sweepstake) {
      const [existing] = await tx.select().from(sweepstakes).where(scope);
      if (!existing) throw new AppError("not_found", "Sweepstake not found");
      if (existing.status === "drawn")
        throw new AppError("sweepstake_already_drawn", "This sweepstake was already drawn");
      if (existing.status !== "open") throw new AppError("sweepstake_closed", "This sweepstake was cancelled");
      throw new AppError("sweepstake_not_due", "This sweepstake cannot be drawn before its draw time");
    }

    const entries = await tx
      .select({ id: sweepstakeEntries.id, memberId: sweepstakeEntries.memberId })
      .from(sweepstakeEntries)
      .where(
        and(eq(sweepstakeEntries.sweepstakeId, sweepstake.id), eq(sweepstakeEntries.merchantId, input.merchantId)),
      );
    const winners = replayDraw(entries, seed, sweepstake.winnersCount);
    for (const winner of winners) {
      await tx
        .update(sweepstakeEntries)
        .set({ winningPlace: winner.place })
        .where(and(eq(sweepstakeEntries.id, winner.entryId), eq(sweepstakeEntries.merchantId, input.merchantId)));
    }
    return {
      sweepstakeId: sweepstake.id,
      seed,
      drawnAt: input.now.toISOString(),
      entriesCount: entries.length,
      winners,
    };
  });
}

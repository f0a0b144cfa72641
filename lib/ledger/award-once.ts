import type { Tx } from "@/db";
import { isAppError } from "@/lib/errors";
import { appendEntry, type AppendEntryInput, type PointEntry } from "./append-entry";

/**
 * Credits a once-only award (sign-up, a birthday year, a badge prize), or does nothing when the
 * member already has it. The savepoint keeps the caller's transaction usable after a repeat.
 */
export async function awardOnce(tx: Tx, input: AppendEntryInput & { awardKey: string }): Promise<PointEntry | null> {
  try {
    return await tx.transaction((savepoint) => appendEntry(savepoint, input));
  } catch (error) {
    if (isAppError(error, "already_awarded")) return null;
    throw error;
  }
}

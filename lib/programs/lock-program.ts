import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { programs } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * Locks a merchant's program row for the rest of the transaction, so version changes (a new
 * draft, an edit, a publish) happen one at a time per program.
 */
export async function lockProgram(tx: Tx, input: { merchantId: string; programId: string }) {
  const [program] = await tx
    .select()
    .from(programs)
    .where(and(eq(programs.id, input.programId), eq(programs.merchantId, input.merchantId)))
    .for("update");
  if (!program) throw new AppError("not_found", "Program not found");
  return program;
}

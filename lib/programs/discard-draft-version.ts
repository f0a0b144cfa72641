import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { programVersions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { lockProgram } from "./lock-program";

/**
 * Throws the program's draft away with its rules, tiers, badges and challenges; the version in
 * force is untouched. No ledger entry points at a draft, so nothing else refers to it.
 */
export async function discardDraftVersion(db: Db, input: { merchantId: string; programId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProgram(tx, input);
    const removed = await tx
      .delete(programVersions)
      .where(
        and(
          eq(programVersions.merchantId, input.merchantId),
          eq(programVersions.programId, input.programId),
          eq(programVersions.status, "draft"),
        ),
      )
      .returning({ id: programVersions.id });
    if (removed.length === 0) throw new AppError("no_draft", "This program has no draft to discard");
  });
}

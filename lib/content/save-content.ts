import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { programContent } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { assertProgramTier } from "@/lib/programs/assert-program-tier";
import { optionalInstant } from "@/lib/programs/local-date-time";
import { lockProgram } from "@/lib/programs/lock-program";
import { parseOrThrow } from "@/lib/validation/rules";
import { contentSchema, type ContentInput } from "@/lib/validation/catalog";

export type ProgramContentRow = typeof programContent.$inferSelect;

/**
 * Adds members-only content to a program (no `contentId`) or edits it. Content belongs to the
 * program, not to a version: a change shows at once. Its window is read in the program's time
 * zone; its minimum tier must be one of the program's tiers.
 */
export async function saveContent(
  db: Db,
  input: { merchantId: string; programId: string; contentId?: string | null; content: ContentInput },
): Promise<ProgramContentRow> {
  const content = parseOrThrow(contentSchema, input.content);
  return db.transaction(async (tx) => {
    const program = await lockProgram(tx, input);
    await assertProgramTier(tx, {
      merchantId: input.merchantId,
      programId: input.programId,
      tierKey: content.minTierKey,
    });
    const values = {
      ...content,
      availableFrom: optionalInstant(content.availableFrom, program.timeZone),
      availableUntil: optionalInstant(content.availableUntil, program.timeZone),
    };
    if (!input.contentId) {
      const [created] = await tx
        .insert(programContent)
        .values({ ...values, merchantId: input.merchantId, programId: input.programId })
        .returning();
      return created!;
    }
    const [saved] = await tx
      .update(programContent)
      .set(values)
      .where(
        and(
          eq(programContent.merchantId, input.merchantId),
          eq(programContent.programId, input.programId),
          eq(programContent.id, input.contentId),
        ),
      )
      .returning();
    if (!saved) throw new AppError("not_found", "Content not found");
    return saved;
  });
}

/** Removes a piece of members-only content. */
export async function removeContent(db: Db, input: { merchantId: string; contentId: string }): Promise<void> {
  const removed = await db
    .delete(programContent)
    .where(and(eq(programContent.merchantId, input.merchantId), eq(programContent.id, input.contentId)))
    .returning({ id: programContent.id });
  if (removed.length === 0) throw new AppError("not_found", "Content not found");
}

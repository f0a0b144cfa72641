import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { programs, segments, type SegmentRules } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { assertMerchantStores } from "@/lib/programs/assert-merchant-stores";
import { parseOrThrow, segmentRulesSchema } from "@/lib/validation/rules";

export type Segment = typeof segments.$inferSelect;

/** Creates a segment of a program, or renames and redefines an existing one. */
export async function saveSegment(
  db: Db,
  input: { merchantId: string; programId: string; segmentId?: string; name: string; rules: SegmentRules },
): Promise<Segment> {
  const rules = parseOrThrow(segmentRulesSchema, input.rules);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) {
    throw new AppError("invalid_input", "A segment needs a name", {
      field: "name",
      validation: name ? "tooLong" : "required",
    });
  }
  return db.transaction(async (tx) => {
    const [program] = await tx
      .select({ id: programs.id })
      .from(programs)
      .where(and(eq(programs.id, input.programId), eq(programs.merchantId, input.merchantId)));
    if (!program) throw new AppError("not_found", "Program not found");
    await assertMerchantStores(tx, { merchantId: input.merchantId, storeIds: rules.storeIds });
    if (!input.segmentId) {
      const [created] = await tx
        .insert(segments)
        .values({ merchantId: input.merchantId, programId: input.programId, name, rules })
        .returning();
      return created!;
    }
    const [updated] = await tx
      .update(segments)
      .set({ name, rules })
      .where(
        and(
          eq(segments.id, input.segmentId),
          eq(segments.merchantId, input.merchantId),
          eq(segments.programId, input.programId),
        ),
      )
      .returning();
    if (!updated) throw new AppError("not_found", "Segment not found");
    return updated;
  });
}

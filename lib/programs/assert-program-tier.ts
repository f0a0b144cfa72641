import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { programVersions, tiers } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * Refuses a minimum tier the program has neither in its published version nor in its draft
 * (a reward or a piece of content may name a tier the draft is about to publish).
 */
export async function assertProgramTier(
  db: Db,
  input: { merchantId: string; programId: string; tierKey: string | null; field?: string },
) {
  if (input.tierKey === null) return;
  const [tier] = await db
    .select({ key: tiers.key })
    .from(tiers)
    .innerJoin(programVersions, eq(programVersions.id, tiers.programVersionId))
    .where(
      and(
        eq(tiers.merchantId, input.merchantId),
        eq(programVersions.merchantId, input.merchantId),
        eq(programVersions.programId, input.programId),
        inArray(programVersions.status, ["draft", "published"]),
        eq(tiers.key, input.tierKey),
      ),
    )
    .limit(1);
  if (!tier) {
    throw new AppError("invalid_input", "The program has no such tier", {
      field: input.field ?? "minTierKey",
      validation: "invalid",
    });
  }
}

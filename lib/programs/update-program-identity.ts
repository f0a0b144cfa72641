import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { programs } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/rules";
import { programIdentitySchema, type ProgramIdentityInput } from "@/lib/validation/programs";

/**
 * Changes what a program is called and how it looks, in every language. Identity belongs to
 * the program, not to a version: it shows at once, without a publish.
 */
export async function updateProgramIdentity(
  db: Db,
  input: { merchantId: string; programId: string; identity: ProgramIdentityInput },
) {
  const identity = parseOrThrow(programIdentitySchema, input.identity);
  // Empty translations are not kept: an absent field falls back to the default language.
  const translations = Object.fromEntries(
    Object.entries(identity.translations)
      .map(([locale, content]) => [
        locale,
        Object.fromEntries(Object.entries(content ?? {}).filter(([, value]) => value !== "" && value !== undefined)),
      ])
      .filter(([, content]) => Object.keys(content as object).length > 0),
  );
  const [updated] = await db
    .update(programs)
    .set({ ...identity, translations })
    .where(and(eq(programs.merchantId, input.merchantId), eq(programs.id, input.programId)))
    .returning();
  if (!updated) throw new AppError("not_found", "Program not found");
  return updated;
}

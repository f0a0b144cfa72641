import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { programs } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** A merchant's program by its slug; another merchant's program is not found. */
export async function findMerchantProgram(db: Db, input: { merchantId: string; slug: string }) {
  const [program] = await db
    .select()
    .from(programs)
    .where(and(eq(programs.merchantId, input.merchantId), eq(programs.slug, input.slug)));
  if (!program) throw new AppError("not_found", "Program not found");
  return program;
}

import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { programContent } from "@/db/schema";

/** Every piece of a program's members-only content, whatever its window, for the builder. */
export function listContentForStaff(db: Db, input: { merchantId: string; programId: string }) {
  return db
    .select({
      id: programContent.id,
      title: programContent.title,
      body: programContent.body,
      url: programContent.url,
      minTierKey: programContent.minTierKey,
      availableFrom: programContent.availableFrom,
      availableUntil: programContent.availableUntil,
      position: programContent.position,
      translations: programContent.translations,
    })
    .from(programContent)
    .where(and(eq(programContent.merchantId, input.merchantId), eq(programContent.programId, input.programId)))
    .orderBy(asc(programContent.position), asc(programContent.createdAt));
}

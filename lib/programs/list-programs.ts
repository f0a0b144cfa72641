import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { programVersions, programs } from "@/db/schema";

/** Programs with a published version, for the public directory. */
export function listPublishedPrograms(db: Db) {
  return db
    .selectDistinct({
      slug: programs.slug,
      name: programs.name,
      description: programs.description,
      brandColor: programs.brandColor,
    })
    .from(programs)
    .innerJoin(programVersions, eq(programVersions.programId, programs.id))
    .where(eq(programVersions.status, "published"))
    .orderBy(asc(programs.name));
}

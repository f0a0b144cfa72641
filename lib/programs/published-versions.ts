import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { programVersions, programs } from "@/db/schema";

/** Every program with its version in force, for the sweeps; `merchantId` narrows to one merchant. */
export function listPublishedVersions(db: Db, input: { merchantId?: string } = {}) {
  return db
    .select({
      id: programs.id,
      merchantId: programs.merchantId,
      timeZone: programs.timeZone,
      versionId: programVersions.id,
      settings: programVersions.settings,
    })
    .from(programs)
    .innerJoin(
      programVersions,
      and(eq(programVersions.programId, programs.id), eq(programVersions.status, "published")),
    )
    .where(input.merchantId === undefined ? undefined : eq(programs.merchantId, input.merchantId));
}

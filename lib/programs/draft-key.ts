import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { badges, challenges, programVersions } from "@/db/schema";

/**
 * A new stable key for a badge or a challenge, made from its name: unused in every version of
 * the program, so a new badge never inherits the awards of one removed earlier.
 */
export async function newDraftKey(
  tx: Tx,
  input: { merchantId: string; programId: string; table: typeof badges | typeof challenges; name: string },
): Promise<string> {
  const rows = await tx
    .select({ key: input.table.key })
    .from(input.table)
    .innerJoin(programVersions, eq(programVersions.id, input.table.programVersionId))
    .where(and(eq(input.table.merchantId, input.merchantId), eq(programVersions.programId, input.programId)));
  const taken = new Set(rows.map((row) => row.key));
  const base =
    input.name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 40) || (input.table === badges ? "badge" : "challenge");
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { challenges } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createDraftVersion } from "./create-draft-version";
import { lockDraft } from "./edit-draft";

/** Removes a challenge from the draft; the published version keeps it until the next publish. */
export async function removeDraftChallenge(db: Db, input: { merchantId: string; programId: string; key: string }) {
  await createDraftVersion(db, input);
  await db.transaction(async (tx) => {
    const draft = await lockDraft(tx, input);
    const removed = await tx
      .delete(challenges)
      .where(
        and(
          eq(challenges.merchantId, input.merchantId),
          eq(challenges.programVersionId, draft.id),
          eq(challenges.key, input.key),
        ),
      )
      .returning({ id: challenges.id });
    if (removed.length === 0) throw new AppError("not_found", "The draft has no challenge with this key");
  });
}

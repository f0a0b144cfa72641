import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { badges, challenges } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createDraftVersion } from "./create-draft-version";
import { lockDraft } from "./edit-draft";

/**
 * Removes a badge from the draft; the published version keeps it until the next publish, and
 * members who earned it keep it. The draft's challenges that gave it as a prize give none.
 */
export async function removeDraftBadge(db: Db, input: { merchantId: string; programId: string; key: string }) {
  await createDraftVersion(db, input);
  await db.transaction(async (tx) => {
    const draft = await lockDraft(tx, input);
    const removed = await tx
      .delete(badges)
      .where(
        and(eq(badges.merchantId, input.merchantId), eq(badges.programVersionId, draft.id), eq(badges.key, input.key)),
      )
      .returning({ id: badges.id });
    if (removed.length === 0) throw new AppError("not_found", "The draft has no badge with this key");
    await tx
      .update(challenges)
      .set({ prizeBadgeKey: null })
      .where(
        and(
          eq(challenges.merchantId, input.merchantId),
          eq(challenges.programVersionId, draft.id),
          eq(challenges.prizeBadgeKey, input.key),
        ),
      );
  });
}

import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { badges } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/rules";
import { badgeSchema, type BadgeInput } from "@/lib/validation/catalog";
import { createDraftVersion } from "./create-draft-version";
import { newDraftKey } from "./draft-key";
import { lockDraft } from "./edit-draft";

export type Badge = typeof badges.$inferSelect;

/**
 * Adds a badge to the program's draft (opening a draft when none is open), or, with `key`,
 * edits the draft's badge with that key. The key never changes, so members keep the badge
 * across versions; a new badge's key comes from its name.
 */
export async function saveDraftBadge(
  db: Db,
  input: { merchantId: string; programId: string; badge: BadgeInput },
): Promise<Badge> {
  const { key, ...badge } = parseOrThrow(badgeSchema, input.badge);
  await createDraftVersion(db, input);
  return db.transaction(async (tx) => {
    const draft = await lockDraft(tx, input);
    if (key === null) {
      const [created] = await tx
        .insert(badges)
        .values({
          ...badge,
          merchantId: input.merchantId,
          programVersionId: draft.id,
          key: await newDraftKey(tx, { ...input, table: badges, name: badge.name }),
        })
        .returning();
      return created!;
    }
    const [saved] = await tx
      .update(badges)
      .set(badge)
      .where(and(eq(badges.merchantId, input.merchantId), eq(badges.programVersionId, draft.id), eq(badges.key, key)))
      .returning();
    if (!saved) throw new AppError("not_found", "The draft has no badge with this key");
    return saved;
  });
}

import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { badges, challenges, programs } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/rules";
import { challengeSchema, type ChallengeInput } from "@/lib/validation/catalog";
import { createDraftVersion } from "./create-draft-version";
import { newDraftKey } from "./draft-key";
import { lockDraft } from "./edit-draft";
import { instantFromLocal } from "./local-date-time";

export type Challenge = typeof challenges.$inferSelect;

/**
 * Adds a challenge to the program's draft (opening a draft when none is open), or, with `key`,
 * edits the draft's challenge with that key, which never changes. Its window is read in the
 * program's time zone; its prize badge must be one of the draft's badges.
 */
export async function saveDraftChallenge(
  db: Db,
  input: { merchantId: string; programId: string; challenge: ChallengeInput },
): Promise<Challenge> {
  const { key, ...challenge } = parseOrThrow(challengeSchema, input.challenge);
  await createDraftVersion(db, input);
  return db.transaction(async (tx) => {
    const draft = await lockDraft(tx, input);
    const [program] = await tx
      .select({ timeZone: programs.timeZone })
      .from(programs)
      .where(and(eq(programs.merchantId, input.merchantId), eq(programs.id, input.programId)));
    if (!program) throw new AppError("not_found", "Program not found");
    if (challenge.prizeBadgeKey !== null) {
      const [badge] = await tx
        .select({ key: badges.key })
        .from(badges)
        .where(
          and(
            eq(badges.merchantId, input.merchantId),
            eq(badges.programVersionId, draft.id),
            eq(badges.key, challenge.prizeBadgeKey),
          ),
        );
      if (!badge) {
        throw new AppError("invalid_input", "The draft has no such badge", {
          field: "prizeBadgeKey",
          validation: "invalid",
        });
      }
    }
    const values = {
      ...challenge,
      startsAt: instantFromLocal(challenge.startsAt, program.timeZone),
      endsAt: instantFromLocal(challenge.endsAt, program.timeZone),
    };
    if (key === null) {
      const [created] = await tx
        .insert(challenges)
        .values({
          ...values,
          merchantId: input.merchantId,
          programVersionId: draft.id,
          key: await newDraftKey(tx, { ...input, table: challenges, name: challenge.name }),
        })
        .returning();
      return created!;
    }
    const [saved] = await tx
      .update(challenges)
      .set(values)
      .where(
        and(
          eq(challenges.merchantId, input.merchantId),
          eq(challenges.programVersionId, draft.id),
          eq(challenges.key, key),
        ),
      )
      .returning();
    if (!saved) throw new AppError("not_found", "The draft has no challenge with this key");
    return saved;
  });
}

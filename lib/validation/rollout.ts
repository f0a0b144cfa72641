import { z } from "zod";

// The staged-rollout fields the builder forms set (lib/rollout). Messages are keys of the
// "validation" catalog. Store ids must also be the merchant's own: setProgramRollout and
// setRewardRollout check that against the database (an unknown store is a field error).

/** A share of members, 0-100 (100: everyone, the default; 0: no one yet). */
export const rolloutPercentField = z
  .int({ error: "invalid" })
  .min(0, { error: "invalid" })
  .max(100, { error: "tooLarge" });

/** The stores a pilot runs at; empty: every store. */
export const rolloutStoreIdsField = z
  .array(z.uuid({ error: "invalid" }), { error: "invalid" })
  .max(200, { error: "tooLong" })
  .refine((ids) => new Set(ids).size === ids.length, { error: "invalid" });

/** A program's or a reward's pilot: a share of members and, optionally, some stores. */
export const rolloutSchema = z.object({
  rolloutPercent: rolloutPercentField.default(100),
  rolloutStoreIds: rolloutStoreIdsField.default([]),
});

export type RolloutInput = z.input<typeof rolloutSchema>;

import type { ActorType } from "@/db/schema";

/** Who caused a write; stored on ledger entries, purchases and the audit log. */
export type Actor =
  | { type: "member"; userId: string }
  | { type: "staff"; userId: string }
  | { type: "api_key"; apiKeyId: string }
  | { type: "system" };

export function actorColumns(actor: Actor): { actorType: ActorType; actorId: string | null } {
  switch (actor.type) {
    case "member":
    case "staff":
      return { actorType: actor.type, actorId: actor.userId };
    case "api_key":
      return { actorType: actor.type, actorId: actor.apiKeyId };
    case "system":
      return { actorType: actor.type, actorId: null };
  }
}

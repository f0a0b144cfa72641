import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { staffMembers } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { endSessions } from "@/lib/auth/end-sessions";
import { AppError } from "@/lib/errors";

/**
 * Takes a user off the merchant's staff and ends their open sessions. A merchant always keeps
 * at least one owner: the merchant's staff rows are locked first, so two owners removing each
 * other at once cannot both succeed.
 */
export async function removeStaffMember(
  db: Db,
  input: { merchantId: string; userId: string; actor: Extract<Actor, { type: "staff" }>; at?: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const staff = await tx
      .select({ userId: staffMembers.userId, role: staffMembers.role })
      .from(staffMembers)
      .where(eq(staffMembers.merchantId, input.merchantId))
      .for("update");
    const removed = staff.find((member) => member.userId === input.userId);
    if (!removed) throw new AppError("not_found", "Not a staff member of this merchant");
    if (removed.role === "owner" && staff.filter((member) => member.role === "owner").length === 1) {
      throw new AppError("last_owner", "A merchant needs at least one owner");
    }
    await tx
      .delete(staffMembers)
      .where(and(eq(staffMembers.merchantId, input.merchantId), eq(staffMembers.userId, input.userId)));
    await endSessions(tx, { userId: input.userId });
    await recordAudit(tx, {
      merchantId: input.merchantId,
      actor: input.actor,
      action: "staff.remove",
      targetType: "user",
      targetId: input.userId,
      details: { role: removed.role },
      at: input.at,
    });
  });
}

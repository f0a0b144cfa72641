import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { staffMembers, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";

/**
 * A block on a staff member's account at one address goes into the audit log of every
 * merchant they work for, so the owner sees someone guessing that password, and from where.
 */
export async function recordSignInBlock(
  db: Db,
  input: { email: string; ipAddress: string; blockedUntil: Date; now: Date },
): Promise<void> {
  const workplaces = await db
    .select({ userId: users.id, merchantId: staffMembers.merchantId })
    .from(users)
    .innerJoin(staffMembers, eq(staffMembers.userId, users.id))
    .where(eq(users.email, input.email));
  if (workplaces.length === 0) return;
  await db.transaction(async (tx) => {
    for (const { userId, merchantId } of workplaces) {
      await recordAudit(tx, {
        merchantId,
        actor: { type: "system" },
        action: "sign_in.blocked",
        targetType: "user",
        targetId: userId,
        details: { ipAddress: input.ipAddress, blockedUntil: input.blockedUntil.toISOString() },
        at: input.now,
      });
    }
  });
}

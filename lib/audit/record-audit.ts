import type { Tx } from "@/db";
import { auditLog } from "@/db/schema";
import { actorColumns, type Actor } from "@/lib/actor";

export type AuditInput = {
  merchantId: string;
  actor: Actor;
  /** Dotted verb, e.g. "points.adjust", "purchase.refund", "voucher.use". */
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  at?: Date;
};

export type AuditEntry = typeof auditLog.$inferSelect;

/**
 * Writes one row of the merchant's audit log. Pass the transaction that made the change, so
 * the change and its record commit together or not at all.
 */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<AuditEntry> {
  const [row] = await tx
    .insert(auditLog)
    .values({
      merchantId: input.merchantId,
      ...actorColumns(input.actor),
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      details: input.details ?? {},
      createdAt: input.at,
    })
    .returning();
  if (!row) throw new Error("Audit insert returned no row");
  return row;
}

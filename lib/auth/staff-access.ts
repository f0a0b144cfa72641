import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db";
import { merchants, staffMembers, users, type StaffRole } from "@/db/schema";

/** What each role may do; every staff page and action names one of these. */
export const staffPermissions = {
  counter: ["owner", "manager", "cashier"],
  viewProgram: ["owner", "manager"],
  manageProgram: ["owner", "manager"],
  manageMembers: ["owner", "manager"],
  manageStaff: ["owner"],
  manageApiKeys: ["owner"],
} as const satisfies Record<string, readonly StaffRole[]>;
export type StaffPermission = keyof typeof staffPermissions;

export type StaffAccess = { merchant: { id: string; slug: string; name: string }; role: StaffRole };

// A staff role needs a verified address: whoever merely typed someone's e-mail at sign-up,
// or mistyped their own, holds no access until the mailbox's owner confirms it.
const verifiedUser = and(eq(users.id, staffMembers.userId), isNotNull(users.emailVerified));

/**
 * The user's role at the merchant, read from the database (never from the session token);
 * none while the user's e-mail address is unverified.
 */
export async function findStaffAccess(
  db: Db,
  input: { userId: string; merchantSlug: string },
): Promise<StaffAccess | null> {
  const [row] = await db
    .select({ id: merchants.id, slug: merchants.slug, name: merchants.name, role: staffMembers.role })
    .from(staffMembers)
    .innerJoin(merchants, eq(merchants.id, staffMembers.merchantId))
    .innerJoin(users, verifiedUser)
    .where(and(eq(staffMembers.userId, input.userId), eq(merchants.slug, input.merchantSlug)));
  return row ? { merchant: { id: row.id, slug: row.slug, name: row.name }, role: row.role } : null;
}

export function roleAllows(role: StaffRole, permission: StaffPermission): boolean {
  return (staffPermissions[permission] as readonly StaffRole[]).includes(role);
}

/** The merchants where the user holds a role; none while their e-mail address is unverified. */
export async function listStaffMerchants(db: Db, userId: string) {
  return db
    .select({ slug: merchants.slug, name: merchants.name, role: staffMembers.role })
    .from(staffMembers)
    .innerJoin(merchants, eq(merchants.id, staffMembers.merchantId))
    .innerJoin(users, verifiedUser)
    .where(eq(staffMembers.userId, userId))
    .orderBy(merchants.name);
}

import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { getDb } from "@/db";
import { findStaffAccess, roleAllows, type StaffPermission } from "@/lib/auth/staff-access";
import { findMembership } from "@/lib/members/join-program";
import { loadProgramContext } from "@/lib/programs/program-context";
import { isAppError } from "@/lib/errors";
import { getSessionUser } from "./session";

/** For pages: the signed-in user, or a redirect to sign in and back. */
export async function requireUser(returnTo: string) {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For staff pages: the user's access to the merchant, if their role allows the permission. */
export async function requireStaff(merchantSlug: string, permission: StaffPermission) {
  const user = await requireUser(`/admin/${merchantSlug}`);
  const access = await findStaffAccess(await getDb(), { userId: user.id, merchantSlug });
  if (!access) notFound();
  if (!roleAllows(access.role, permission)) forbidden();
  return { user, ...access };
}

/** For member pages: the program, and the signed-in user's membership of it if any. */
export async function loadMemberPage(programSlug: string, options: { requireMembership: boolean }) {
  const db = await getDb();
  const context = await loadProgramContext(db, { slug: programSlug }).catch((error: unknown) => {
    if (isAppError(error, "not_found")) notFound();
    throw error;
  });
  const user = options.requireMembership
    ? await requireUser(`/p/${programSlug}/dashboard`)
    : await getSessionUser();
  const member = user ? await findMembership(db, { programId: context.program.id, userId: user.id }) : null;
  if (options.requireMembership && !member) redirect(`/p/${programSlug}/join`);
  return { db, context, user, member };
}

import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { findStaffAccess, roleAllows, type StaffPermission } from "@/lib/auth/staff-access";
import { findMembership } from "@/lib/members/join-program";
import { requestLocale } from "@/lib/i18n/request";
import { localizeContext } from "@/lib/programs/localize-content";
import { loadProgramContext } from "@/lib/programs/program-context";
import { isAppError } from "@/lib/errors";
import { getSessionUser } from "./session";

// Reads a layout and its page both need are made once per request (React's `cache`); the
// checks on them run for each caller.

/** For pages: the signed-in user, or a redirect to sign in and back. */
export async function requireUser(returnTo: string) {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

const staffAccessOf = cache(async (userId: string, merchantSlug: string) =>
  findStaffAccess(await getDb(), { userId, merchantSlug }),
);

/** For staff pages: the user's access to the merchant, if their role allows the permission. */
export async function requireStaff(merchantSlug: string, permission: StaffPermission) {
  const user = await requireUser(`/admin/${merchantSlug}`);
  const access = await staffAccessOf(user.id, merchantSlug);
  if (!access) notFound();
  if (!roleAllows(access.role, permission)) forbidden();
  return { user, ...access };
}

const memberPageOf = cache(async (programSlug: string) => {
  const db = await getDb();
  const loaded = await loadProgramContext(db, { slug: programSlug }).catch((error: unknown) => {
    if (isAppError(error, "not_found")) notFound();
    throw error;
  });
  // Member pages show the merchant's content in the member's language.
  const locale = await requestLocale();
  const context = localizeContext(loaded, locale);
  const user = await getSessionUser();
  const member = user ? await findMembership(db, { programId: context.program.id, userId: user.id }) : null;
  return { db, context, user, member, locale };
});

/** For member pages: the program, and the signed-in user's membership of it if any. */
export async function loadMemberPage(programSlug: string, options: { requireMembership: boolean }) {
  const page = await memberPageOf(programSlug);
  if (options.requireMembership) {
    if (!page.user) await requireUser(`/p/${programSlug}/dashboard`);
    if (!page.member) redirect(`/p/${programSlug}/join`);
  }
  return page;
}

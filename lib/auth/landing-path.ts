import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { members, programs, users } from "@/db/schema";
import { listStaffMerchants } from "./staff-access";

// Any origin of our own will do: a path that stays on it stays on the app's origin too.
const appOrigin = new URL("https://app.invalid");

function sameOriginPath(candidate: string): string | null {
  if (!URL.canParse(candidate, appOrigin)) return null;
  const url = new URL(candidate, appOrigin);
  return url.origin === appOrigin.origin ? url.pathname + url.search + url.hash : null;
}

/**
 * A path on this site, as the browser will read it, or null. The URL parser decides, not a
 * prefix check: it drops tabs and newlines and reads a backslash as "/", so "/\t/evil.example" is
 * "//evil.example". Control characters never belong in a path we link to. The normalised
 * path must hold too: dot segments can collapse into a host ("/.//evil.example").
 */
export function safeReturnPath(path: string | undefined): string | null {
  if (!path?.startsWith("/") || /\p{Cc}/u.test(path)) return null;
  const normalised = sameOriginPath(path);
  return normalised !== null && sameOriginPath(normalised) === normalised ? normalised : null;
}

/** Where to go after signing in: the page that asked, else the staff admin, else a dashboard. */
export async function landingPathFor(db: Db, input: { email: string; callbackUrl?: string }): Promise<string> {
  const requested = safeReturnPath(input.callbackUrl);
  if (requested) return requested;
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (!user) return "/";
  if ((await listStaffMerchants(db, user.id)).length > 0) return "/admin";
  const [membership] = await db
    .select({ slug: programs.slug })
    .from(members)
    .innerJoin(programs, eq(programs.id, members.programId))
    .where(eq(members.userId, user.id))
    .limit(1);
  return membership ? `/p/${membership.slug}/dashboard` : "/";
}

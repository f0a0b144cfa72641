import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { members, programs, users } from "@/db/schema";
import { listStaffMerchants } from "./staff-access";

/** Only paths on this site: "//evil.example" and absolute URLs are not followed. */
export function safeReturnPath(path: string | undefined): string | null {
  return path && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : null;
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

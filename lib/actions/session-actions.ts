"use server";

// Actions of the whole site (language, sign-out), used by shared components: they live here
// rather than beside a route, so components/ never imports from app/.

import { cookies } from "next/headers";
import { z } from "zod";
import { publicAction } from "@/lib/actions/action-client";
import { localeCookie, locales } from "@/lib/i18n/locales";
import { getDb } from "@/db";
import { auth, signOut } from "@/lib/auth/auth";
import { endSessions } from "@/lib/auth/end-sessions";

export const setLocaleAction = publicAction(z.object({ locale: z.enum(locales) }), async ({ locale }) => {
  (await cookies()).set(localeCookie, locale, { path: "/", maxAge: 365 * 86_400, sameSite: "lax" });
});

/** Clearing the cookie is not enough: the token would stay valid for 30 days, so its version is retired. */
export async function signOutAction() {
  const session = await auth();
  if (session?.user?.id && session.sessionVersion !== undefined) {
    await endSessions(await getDb(), { userId: session.user.id, ifVersion: session.sessionVersion });
  }
  await signOut({ redirectTo: "/" });
}

"use server";

// Actions of the whole site (language, sign-out), used by shared components: they live here
// rather than beside a route, so components/ never imports from app/.

import { cookies } from "next/headers";
import { z } from "zod";
import { publicAction } from "@/lib/actions/action-client";
import { localeCookie, locales } from "@/lib/i18n/locales";
import { signOut } from "@/lib/auth/auth";

export const setLocaleAction = publicAction(z.object({ locale: z.enum(locales) }), async ({ locale }) => {
  (await cookies()).set(localeCookie, locale, { path: "/", maxAge: 365 * 86_400, sameSite: "lax" });
});

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}

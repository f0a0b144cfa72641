"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { memberAction, publicAction } from "@/lib/actions/action-client";
import { signIn } from "@/lib/auth/auth";
import { clientAddress, trustedProxyCount } from "@/lib/auth/client-address";
import { landingPathFor, safeReturnPath } from "@/lib/auth/landing-path";
import { sendVerificationMail } from "@/lib/auth/send-verification-mail";
import { signUp } from "@/lib/auth/sign-up";
import { AppError } from "@/lib/errors";
import { requestLocale } from "@/lib/i18n/request";
import { signInSchema, signUpSchema } from "@/lib/validation/auth";

async function signInWithPassword(email: string, password: string) {
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      throw new AppError("rate_limited", "Too many sign-in attempts");
    }
    if (error instanceof AuthError) throw new AppError("invalid_credentials", "Wrong e-mail or password");
    throw error;
  }
}

export const signInAction = publicAction(signInSchema, async ({ email, password, callbackUrl }, { db }) => {
  await signInWithPassword(email, password);
  redirect(await landingPathFor(db, { email, callbackUrl }));
});

/**
 * Creates the account, joins the program it was opened from, mails the link that verifies the
 * address, signs in and opens the dashboard, or the page that asked for an account (`callbackUrl`).
 */
export const signUpAction = publicAction(signUpSchema, async (input, { db }) => {
  const locale = await requestLocale();
  const user = await signUp(db, { ...input, locale, ipAddress: clientAddress(await headers(), trustedProxyCount()) });
  // The account exists either way; a link that cannot be sent now is sent again from the dashboard.
  await sendVerificationMail(db, { user }).catch((error: unknown) =>
    console.error("Verification mail not sent", error),
  );
  await signInWithPassword(input.email, input.password);
  redirect(safeReturnPath(input.callbackUrl) ?? (input.programSlug ? `/p/${input.programSlug}/dashboard` : "/"));
});

/** Mails a new verification link to the signed-in person's address, unless it is verified already. */
export const resendVerificationAction = memberAction(z.object({}), async (_input, { db, user }) => {
  if (user.emailVerified) return;
  await sendVerificationMail(db, { user });
});

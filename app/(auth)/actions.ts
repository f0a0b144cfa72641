"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { publicAction } from "@/lib/actions/action-client";
import { signIn } from "@/lib/auth/auth";
import { clientAddress, trustedProxyCount } from "@/lib/auth/client-address";
import { landingPathFor } from "@/lib/auth/landing-path";
import { signUp } from "@/lib/auth/sign-up";
import { AppError } from "@/lib/errors";
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

/** Creates the account, joins the program it was opened from, signs in and opens the dashboard. */
export const signUpAction = publicAction(signUpSchema, async (input, { db }) => {
  await signUp(db, { ...input, ipAddress: clientAddress(await headers(), trustedProxyCount()) });
  await signInWithPassword(input.email, input.password);
  redirect(input.programSlug ? `/p/${input.programSlug}/dashboard` : "/");
});

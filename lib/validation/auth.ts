import { z } from "zod";
import { emailField, nameField, passwordField, slugField } from "./fields";

export const signUpSchema = z.object({
  name: nameField,
  email: emailField,
  password: passwordField,
  programSlug: slugField.optional(),
  /** Where to go once the account exists (a path on this site, as on sign-in). */
  callbackUrl: z.string().max(2_000).optional(),
  marketingConsent: z.stringbool().optional().default(false),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailField,
  // Only the length cap applies on sign-in: a wrong password of any length is a plain failure.
  password: z.string({ error: "required" }).min(1, { error: "required" }).max(64, { error: "passwordTooLong" }),
  callbackUrl: z.string().optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;

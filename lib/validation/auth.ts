import { z } from "zod";
import { emailField, nameField, passwordField, slugField } from "./fields";

export const signUpSchema = z.object({
  name: nameField,
  email: emailField,
  password: passwordField,
  programSlug: slugField.optional(),
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

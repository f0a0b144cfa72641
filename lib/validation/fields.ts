import { z } from "zod";
import { passwordRules } from "@/lib/auth/password";

// Messages are keys of the "validation" namespace in the message catalogs; the action wrapper
// and the API translate them, so one schema serves every language.
export const emailField = z
  .string({ error: "required" })
  .trim()
  .toLowerCase()
  .min(1, { error: "required" })
  .max(254, { error: "tooLong" })
  .pipe(z.email({ error: "email" }));

// Passwords are taken exactly as typed: no trimming, no truncation.
export const passwordField = z
  .string({ error: "required" })
  .min(passwordRules.minLength, { error: "passwordTooShort" })
  .max(passwordRules.maxLength, { error: "passwordTooLong" });

export const nameField = z.string().trim().min(1, { error: "required" }).max(100, { error: "tooLong" });

export const slugField = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "invalid" });

export const uuidField = z.uuid({ error: "invalid" });

export const idempotencyKeyField = z
  .string()
  .trim()
  .min(8, { error: "invalid" })
  .max(255, { error: "invalid" });

/** An amount as a person types it ("12.50"); converted to minor units by the domain. */
export const moneyField = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .regex(/^\d{1,9}([.,]\d{0,3})?$/, { error: "amount" });

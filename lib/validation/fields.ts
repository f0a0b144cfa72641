import { z } from "zod";
import { passwordRules } from "@/lib/auth/password";
import { locales } from "@/lib/i18n/locales";

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

export const idempotencyKeyField = z.string().trim().min(8, { error: "invalid" }).max(255, { error: "invalid" });

/**
 * An amount as a person types it, in the digits and separators of any of our locales
 * ("12.50", "1.234,50", "۱۲٫۵۰"); read into minor units with its currency and locale by
 * `parseMoney`, which judges whether the separators fit the locale.
 */
export const moneyField = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .max(40, { error: "amount" })
  .regex(/^[0-9\u0660-\u0669\u06f0-\u06f9.,\u066b\u066c\s\u00a0\u202f\u200e\u200f\u061c]+$/, { error: "amount" });

export const currencyField = z.string().regex(/^[A-Z]{3}$/, { error: "invalid" });

export const localeField = z.enum(locales, { error: "invalid" });

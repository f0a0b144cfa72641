import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limits/consume-rate-limit";
import { resetRateLimit } from "@/lib/rate-limits/reset-rate-limit";
import { hashPassword, passwordRules, verifyPassword } from "./password";
import { signInLimits } from "./verify-credentials";

/** Guesses of the current password, as for sign-in: a stolen session must not try them freely. */
export const changePasswordLimit = signInLimits.perAccountAddress;

/**
 * Sets a new password after checking the current one, and ends every session the user has
 * open (this one included: the caller signs the person in again with the new password). Each
 * check of the current password is counted first; a right one clears the count.
 */
export async function changePassword(
  db: Db,
  input: { userId: string; currentPassword: string; newPassword: string; now?: Date },
): Promise<void> {
  const { length } = input.newPassword;
  if (length < passwordRules.minLength || length > passwordRules.maxLength) {
    throw new AppError("invalid_input", "The new password has the wrong length", {
      field: "newPassword",
      validation: length < passwordRules.minLength ? "passwordTooShort" : "passwordTooLong",
    });
  }
  const limitKey = `change-password:user:${input.userId}`;
  const attempt = await consumeRateLimit(db, {
    key: limitKey,
    rule: changePasswordLimit,
    now: input.now ?? new Date(),
  });
  if (!attempt.allowed) {
    throw new AppError("rate_limited", "Too many wrong current passwords; try again later", {
      retryAt: attempt.retryAt.toISOString(),
    });
  }
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (!user) throw new AppError("not_found", "No such user");
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("invalid_credentials", "The current password is wrong", {
      field: "currentPassword",
      validation: "wrongPassword",
    });
  }
  await resetRateLimit(db, limitKey);
  const passwordHash = await hashPassword(input.newPassword);
  // Only over the hash just checked: of two changes at once, the second must prove the new password.
  const changed = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, input.userId), eq(users.passwordHash, user.passwordHash)))
    .returning({ id: users.id });
  if (changed.length === 0) {
    throw new AppError("invalid_credentials", "The password changed meanwhile", {
      field: "currentPassword",
      validation: "wrongPassword",
    });
  }
}

import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hashPassword, passwordRules, verifyPassword } from "./password";

/**
 * Sets a new password after checking the current one, and ends every session the user has
 * open (this one included: the caller signs the person in again with the new password).
 */
export async function changePassword(
  db: Db,
  input: { userId: string; currentPassword: string; newPassword: string },
): Promise<void> {
  const { length } = input.newPassword;
  if (length < passwordRules.minLength || length > passwordRules.maxLength) {
    throw new AppError("invalid_input", "The new password has the wrong length", {
      field: "newPassword",
      validation: length < passwordRules.minLength ? "passwordTooShort" : "passwordTooLong",
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

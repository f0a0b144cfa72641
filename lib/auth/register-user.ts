import type { Db } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db-errors";
import { hashPassword } from "./password";

export type PublicUser = { id: string; email: string; name: string | null; locale: string };

export async function registerUser(
  db: Db,
  input: {
    email: string;
    password: string;
    name?: string | null;
    locale?: string;
    /** For accounts whose address is known good without a link (the demo's); others verify by mail. */
    emailVerifiedAt?: Date;
  },
): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    const [user] = await db
      .insert(users)
      .values({
        email: input.email.trim().toLowerCase(),
        name: input.name ?? null,
        passwordHash,
        locale: input.locale ?? "en",
        emailVerified: input.emailVerifiedAt ?? null,
      })
      .returning({ id: users.id, email: users.email, name: users.name, locale: users.locale });
    if (!user) throw new Error("User insert returned no row");
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("email_taken", "An account with this e-mail already exists");
    throw error;
  }
}

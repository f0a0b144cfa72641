import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { users, verificationTokens } from "@/db/schema";
import { emailOfIdentifier, hashVerificationToken } from "./issue-email-verification";

export type EmailVerificationOutcome = "verified" | "expired" | "invalid";

/**
 * Uses a link's token: the address it was sent to is marked verified. A token works once
 * (it is deleted as it is used) and only until it expires.
 */
export async function verifyEmail(db: Db, input: { token: string; now?: Date }): Promise<EmailVerificationOutcome> {
  const now = input.now ?? new Date();
  // A real token is 43 characters; anything far longer is not worth hashing.
  if (input.token.length === 0 || input.token.length > 200) return "invalid";
  return db.transaction(async (tx) => {
    const [used] = await tx
      .delete(verificationTokens)
      .where(eq(verificationTokens.token, hashVerificationToken(input.token)))
      .returning();
    const email = used ? emailOfIdentifier(used.identifier) : null;
    if (!used || !email) return "invalid";
    if (used.expires <= now) return "expired";
    const [user] = await tx
      .update(users)
      .set({ emailVerified: now })
      .where(and(eq(users.email, email), isNull(users.emailVerified)))
      .returning({ id: users.id });
    if (user) return "verified";
    const [known] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    return known ? "verified" : "invalid";
  });
}

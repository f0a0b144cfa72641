import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "@/db";
import { verificationTokens } from "@/db/schema";
import { AppError } from "@/lib/errors";

export const emailVerificationRules = {
  /** How long a link stays valid. */
  validForMs: 24 * 3_600_000,
  /** The shortest wait between two links to the same address, so "resend" cannot flood a mailbox. */
  resendAfterMs: 60_000,
} as const;

// Auth.js keeps its own e-mail sign-in tokens in the same table: a prefix keeps ours apart.
const identifierPrefix = "email-verification:";

export function verificationIdentifier(email: string): string {
  return identifierPrefix + email.trim().toLowerCase();
}

export function emailOfIdentifier(identifier: string): string | null {
  return identifier.startsWith(identifierPrefix) ? identifier.slice(identifierPrefix.length) : null;
}

/** Only this digest is stored: a copy of the table does not verify anyone's address. */
export function hashVerificationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * A new single-use token for the address, replacing any earlier one (only the latest link
 * works). Returns the token itself, which exists only in the link sent by mail.
 */
export async function issueEmailVerification(db: Db, input: { email: string; now?: Date }): Promise<string> {
  const now = input.now ?? new Date();
  const identifier = verificationIdentifier(input.email);
  const token = randomBytes(32).toString("base64url");
  await db.transaction(async (tx) => {
    const recentUntil = new Date(
      now.getTime() + emailVerificationRules.validForMs - emailVerificationRules.resendAfterMs,
    );
    const [recent] = await tx
      .select({ expires: verificationTokens.expires })
      .from(verificationTokens)
      .where(and(eq(verificationTokens.identifier, identifier), gt(verificationTokens.expires, recentUntil)))
      .for("update");
    if (recent) throw new AppError("rate_limited", "A verification link was sent a moment ago");
    await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, identifier));
    await tx.insert(verificationTokens).values({
      identifier,
      token: hashVerificationToken(token),
      expires: new Date(now.getTime() + emailVerificationRules.validForMs),
    });
  });
  return token;
}

import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { consumeRateLimit, type RateLimitRule } from "@/lib/rate-limits/consume-rate-limit";
import { forgiveRateLimit } from "@/lib/rate-limits/forgive-rate-limit";
import { resetRateLimit } from "@/lib/rate-limits/reset-rate-limit";
import { decoyPasswordHash, verifyPassword } from "./password";
import type { PublicUser } from "./register-user";
import { recordSignInBlock } from "./record-sign-in-block";

const minute = 60_000;

/**
 * An account is limited per address, never on its own: an attacker's guesses block only the
 * attacker's address, and the owner signs in from theirs. One address trying many accounts
 * is limited too. Each block after the first in a streak lasts twice as long, up to an hour.
 */
export const signInLimits = {
  perAccountAddress: { limit: 5, windowMs: 60 * minute, blockMs: minute, maxBlockMs: 60 * minute },
  perAddress: { limit: 20, windowMs: 60 * minute, blockMs: 5 * minute, maxBlockMs: 60 * minute },
} as const satisfies Record<string, RateLimitRule>;

export type CredentialsCheck = { ok: true; user: PublicUser } | { ok: false; reason: "invalid" | "rate_limited" };

/**
 * Checks an e-mail and password. Every attempt is counted before the password is checked, so
 * simultaneous guesses cannot slip past the limit; a right password clears the account's count
 * at that address. Past a limit every attempt is refused, right password or not. The reason
 * never says whether the account exists.
 */
export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string; ipAddress: string; now?: Date },
): Promise<CredentialsCheck> {
  const email = input.email.trim().toLowerCase();
  const now = input.now ?? new Date();
  const accountKey = `sign-in:account-address:${email}:${input.ipAddress}`;
  const addressKey = `sign-in:address:${input.ipAddress}`;

  const byAccount = await consumeRateLimit(db, { key: accountKey, rule: signInLimits.perAccountAddress, now });
  if (!byAccount.allowed) {
    if (byAccount.blockStarted)
      await recordSignInBlock(db, { email, ipAddress: input.ipAddress, blockedUntil: byAccount.retryAt, now });
    return { ok: false, reason: "rate_limited" };
  }
  const byAddress = await consumeRateLimit(db, { key: addressKey, rule: signInLimits.perAddress, now });
  if (!byAddress.allowed) return { ok: false, reason: "rate_limited" };

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !user.passwordHash || !valid) return { ok: false, reason: "invalid" };

  await Promise.all([resetRateLimit(db, accountKey), forgiveRateLimit(db, addressKey)]);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, locale: user.locale } };
}

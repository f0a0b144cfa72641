import { and, count, eq, gte } from "drizzle-orm";
import type { Db } from "@/db";
import { signInFailures, users } from "@/db/schema";
import { decoyPasswordHash, verifyPassword } from "./password";
import type { PublicUser } from "./register-user";

export const signInLimits = {
  windowMs: 15 * 60_000,
  perAccount: 5,
  perAddress: 20,
} as const;

export type CredentialsCheck = { ok: true; user: PublicUser } | { ok: false; reason: "invalid" | "rate_limited" };

/**
 * Checks an e-mail and password. Failures are counted per account and per address, and past
 * the limit every attempt is refused until the window has passed, right password or not.
 * The reason never says whether the account exists.
 */
export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string; ipAddress: string; now?: Date },
): Promise<CredentialsCheck> {
  const email = input.email.trim().toLowerCase();
  const since = new Date((input.now ?? new Date()).getTime() - signInLimits.windowMs);
  const [[byAccount], [byAddress]] = await Promise.all([
    db.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.email, email), gte(signInFailures.createdAt, since))),
    db
      .select({ n: count() })
      .from(signInFailures)
      .where(and(eq(signInFailures.ipAddress, input.ipAddress), gte(signInFailures.createdAt, since))),
  ]);
  if ((byAccount?.n ?? 0) >= signInLimits.perAccount || (byAddress?.n ?? 0) >= signInLimits.perAddress) {
    return { ok: false, reason: "rate_limited" };
  }

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !user.passwordHash || !valid) {
    await db.insert(signInFailures).values({ email, ipAddress: input.ipAddress, createdAt: input.now });
    return { ok: false, reason: "invalid" };
  }
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, locale: user.locale } };
}

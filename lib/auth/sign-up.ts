import type { Db } from "@/db";
import { AppError } from "@/lib/errors";
import { enrolMember } from "@/lib/members/enrol-member";
import { loadProgramContext } from "@/lib/programs/program-context";
import { consumeRateLimit, type RateLimitRule } from "@/lib/rate-limits/consume-rate-limit";
import { registerUser, type PublicUser } from "./register-user";

const minute = 60_000;

/** Each sign-up costs a 19 MiB password hash, so one address may make only a few an hour. */
export const signUpLimit = {
  limit: 10,
  windowMs: 60 * minute,
  blockMs: 15 * minute,
  maxBlockMs: 6 * 60 * minute,
} as const satisfies RateLimitRule;

/**
 * Creates an account and, when it was opened from a program, its membership. The attempt is
 * counted per address before anything else, taken e-mail or not.
 */
export async function signUp(
  db: Db,
  input: {
    email: string;
    password: string;
    name: string;
    programSlug?: string;
    marketingConsent?: boolean;
    /** The language the person signed up in: their mail is written in it. */
    locale?: string;
    ipAddress: string;
    now?: Date;
  },
): Promise<PublicUser> {
  const limit = await consumeRateLimit(db, {
    key: `sign-up:address:${input.ipAddress}`,
    rule: signUpLimit,
    now: input.now ?? new Date(),
  });
  if (!limit.allowed)
    throw new AppError("too_many_sign_ups", "Too many sign-up attempts from this address", {
      retryAt: limit.retryAt.toISOString(),
    });
  return db.transaction(async (tx) => {
    const user = await registerUser(tx, {
      email: input.email,
      password: input.password,
      name: input.name,
      locale: input.locale,
    });
    if (input.programSlug) {
      const context = await loadProgramContext(tx, { slug: input.programSlug });
      await enrolMember(tx, {
        programId: context.program.id,
        userId: user.id,
        email: user.email,
        name: input.name,
        marketingConsent: input.marketingConsent,
      });
    }
    return user;
  });
}

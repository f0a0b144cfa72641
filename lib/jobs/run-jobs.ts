import type { Db } from "@/db";
import { closeChallenges } from "@/lib/challenges/close-challenges";
import { expirePoints } from "@/lib/points/expire-points";
import { purgeRateLimits } from "@/lib/rate-limits/purge-rate-limits";
import { expireVouchers } from "@/lib/rewards/expire-vouchers";
import { expirePaidTiers } from "@/lib/tiers/expire-paid-tiers";
import { awardBirthdayPoints } from "@/lib/rules/award-birthday-points";
import { reviewTiers } from "@/lib/tiers/review-tiers";

/** A sweep: idempotent, safe on several instances at once, and returns what it did. */
export type Job = (db: Db, input: { now: Date }) => Promise<Record<string, unknown>>;

export type JobRun =
  | { name: string; ok: true; summary: Record<string, unknown>; durationMs: number }
  | { name: string; ok: false; error: string; durationMs: number };

/**
 * Every sweep, in the order they run. Expiry comes before the tier review so a review never
 * sees points that should already be gone; lapsed paid tiers end before earned tiers are
 * reviewed. Challenge deadlines only settle progress: nothing is paid after a deadline.
 */
export const jobs = {
  expirePoints: (db, { now }) => expirePoints(db, { now }),
  expirePaidTiers: (db, { now }) => expirePaidTiers(db, { now }),
  reviewTiers: (db, { now }) => reviewTiers(db, { now }),
  expireVouchers: async (db, { now }) => ({ expired: await expireVouchers(db, { now }) }),
  closeChallenges: (db, { now }) => closeChallenges(db, { now }),
  awardBirthdayPoints: (db, { now }) => awardBirthdayPoints(db, { now }),
  purgeRateLimits: (db, { now }) => purgeRateLimits(db, { now }),
} satisfies Record<string, Job>;

/**
 * Runs each job once, in order. A failing job is reported and the next one still runs: the
 * sweeps are independent, and a failed one is retried by the next run.
 */
export async function runJobs(db: Db, input: { now?: Date; jobs?: Record<string, Job> } = {}): Promise<JobRun[]> {
  const runs: JobRun[] = [];
  for (const [name, job] of Object.entries(input.jobs ?? jobs)) {
    const started = performance.now();
    try {
      const summary = await job(db, { now: input.now ?? new Date() });
      runs.push({ name, ok: true, summary, durationMs: Math.round(performance.now() - started) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      runs.push({ name, ok: false, error: message, durationMs: Math.round(performance.now() - started) });
    }
  }
  return runs;
}

import type { Db } from "@/db";
import { runJobs, type Job, type JobRun } from "./run-jobs";

export const defaultJobIntervalMs = 5 * 60_000;

export type JobTimer = {
  /** Runs the jobs now, as a tick of the timer would; "skipped" while a run is still going. */
  tick: () => Promise<"ran" | "skipped">;
  /** Stops the timer and waits for a run in progress to finish. */
  stop: () => Promise<void>;
};

type Logger = Pick<Console, "error">;

/**
 * Runs the sweeps every `intervalMs` inside the server process. The timer is unref'd, so it
 * never keeps a process alive; a tick that comes while the last run is still going is
 * skipped, not queued; and a failure is logged, never thrown, so it cannot take the server
 * down. Several instances may each run a timer: the sweeps share the work through
 * `FOR UPDATE SKIP LOCKED`.
 */
export function startJobTimer(
  db: Db,
  options: { intervalMs?: number; jobs?: Record<string, Job>; logger?: Logger } = {},
): JobTimer {
  const logger = options.logger ?? console;
  let running: Promise<void> | null = null;

  const tick = async (): Promise<"ran" | "skipped"> => {
    if (running) return "skipped";
    running = runJobs(db, { jobs: options.jobs })
      .then((runs) => runs.forEach((run) => logProblems(logger, run)))
      .catch((error: unknown) => logger.error("Background jobs failed", error))
      .finally(() => {
        running = null;
      });
    await running;
    return "ran";
  };

  const interval = setInterval(() => void tick(), options.intervalMs ?? defaultJobIntervalMs);
  interval.unref();
  return {
    tick,
    stop: async () => {
      clearInterval(interval);
      await running;
    },
  };
}

function logProblems(logger: Logger, run: JobRun) {
  if (!run.ok) {
    logger.error(`Job ${run.name} failed: ${run.error}`);
    return;
  }
  const failures = run.summary.failures;
  if (Array.isArray(failures) && failures.length > 0) {
    logger.error(`Job ${run.name}: ${failures.length} item(s) failed and will be retried`, failures);
  }
}

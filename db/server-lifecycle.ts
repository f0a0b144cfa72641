import { startJobTimer, type JobTimer } from "@/lib/jobs/job-timer";
import { closeDatabase, getDatabase } from "./index";
import { DataDirectoryLockedError } from "./lock";

/**
 * Opens the database for a server process, starts the background sweeps (expiry, tier review,
 * ...) unless `JOBS_TIMER=off`, and closes both cleanly on SIGINT or SIGTERM.
 */
export async function startServerDatabase() {
  let timer: JobTimer | undefined;
  try {
    const database = await getDatabase();
    console.log(`Database ready (${database.driver}).`);
    if (process.env.JOBS_TIMER !== "off") {
      const intervalMs = Number(process.env.JOBS_INTERVAL_MS) || undefined;
      timer = startJobTimer(database.db, { intervalMs });
    }
  } catch (error) {
    if (error instanceof DataDirectoryLockedError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // `next start` exits on these signals by itself unless NEXT_MANUAL_SIG_HANDLE is set (our npm
  // scripts set it); then this closes the database first. Either way the lock is released on exit.
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) return;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      Promise.resolve(timer?.stop())
        .then(() => closeDatabase())
        .catch((error: unknown) => console.error("Closing the database failed", error))
        .finally(() => process.exit(0));
    });
  }
}

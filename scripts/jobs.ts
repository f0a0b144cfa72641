import { migrateDatabase, openDatabase } from "@/db";
import { runJobs } from "@/lib/jobs/run-jobs";

// `npm run jobs`: runs every sweep once against DATABASE_URL (or the embedded database, when
// no server holds it) and exits non-zero if one failed; for cron alongside or instead of the
// in-process timer (JOBS_TIMER=off). Safe to run while servers run their own timers.
const database = await openDatabase();
let failed = false;
try {
  await migrateDatabase(database);
  for (const run of await runJobs(database.db)) {
    if (run.ok) {
      console.log(`${run.name}: ${JSON.stringify(run.summary)} (${run.durationMs} ms)`);
      const failures = run.summary.failures;
      if (Array.isArray(failures) && failures.length > 0) failed = true;
    } else {
      failed = true;
      console.error(`${run.name}: FAILED ${run.error} (${run.durationMs} ms)`);
    }
  }
} finally {
  await database.close();
}
process.exitCode = failed ? 1 : 0;

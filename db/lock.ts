import fs from "node:fs";
import path from "node:path";

/**
 * PGlite does not lock its data directory, and a second process writing to it loses data
 * silently. This takes an exclusive lock file holding our pid; a lock left by a process that
 * no longer runs (killed with SIGKILL, say) is taken over.
 */
export function lockDataDirectory(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "..", `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => releaseLock(lockPath);
      // Whatever ends the process (a signal handled by Next, process.exit), the lock goes too.
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockPath, "utf8"));
      if (isRunning(holder) && holder !== process.pid) {
        throw new DataDirectoryLockedError(dataDir, holder);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirectoryLockedError(dataDir, Number.NaN);
}

export class DataDirectoryLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${path.resolve(dataDir)} is already in use by another process` +
        (Number.isNaN(pid) ? "" : ` (pid ${pid})`) +
        ". Stop that process first, or set PGLITE_DIR to another directory.",
    );
    this.name = "DataDirectoryLockedError";
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function releaseLock(lockPath: string) {
  try {
    if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.rmSync(lockPath);
  } catch {
    // Already gone: nothing to release.
  }
}

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * PGlite does not lock its data directory, and a second process writing to it loses data
 * silently. This takes an exclusive lock file holding our pid; a lock left by a process that
 * no longer runs (killed with SIGKILL, say) is taken over.
 *
 * Every step is an exclusive create, so of any number of processes racing exactly one wins:
 * the lock file appears with its pid already written (a hard link to a finished file), and a
 * stale lock is removed only by the one process that claimed it.
 */
export function lockDataDirectory(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "..", `${path.basename(dataDir)}.lock`);
  const ownPid = String(process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (publishFile(lockPath, ownPid)) {
      const release = () => releaseLock(lockPath);
      // Whatever ends the process (a signal handled by Next, process.exit), the lock goes too.
      process.once("exit", release);
      return release;
    }
    const holder = readLock(lockPath);
    if (!holder) continue;
    if (!/^\d+$/.test(holder.pid)) throw new DataDirectoryLockedError(dataDir, { lockPath });
    const pid = Number(holder.pid);
    if (pid !== process.pid && isRunning(pid)) throw new DataDirectoryLockedError(dataDir, { pid });
    removeStaleLock(lockPath, holder);
  }
  throw new DataDirectoryLockedError(dataDir, {});
}

export class DataDirectoryLockedError extends Error {
  constructor(dataDir: string, holder: { pid?: number; lockPath?: string }) {
    const who = holder.pid ? ` (pid ${holder.pid})` : "";
    // A lock without a pid was left by something other than this code: only a person can tell.
    const unreadable = holder.lockPath
      ? ` The lock file ${path.resolve(holder.lockPath)} names no process; if none uses the directory, delete it.`
      : " Stop that process first, or set PGLITE_DIR to another directory.";
    super(`The embedded database in ${path.resolve(dataDir)} is already in use by another process${who}.${unreadable}`);
    this.name = "DataDirectoryLockedError";
  }
}

type LockHolder = { pid: string; ino: number };

/** Creates `target` holding `content`, or returns false if it exists. Never visible half-written. */
function publishFile(target: string, content: string): boolean {
  const draft = `${target}.${process.pid}.${randomBytes(6).toString("hex")}`;
  fs.writeFileSync(draft, content, { flag: "wx" });
  try {
    fs.linkSync(draft, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

function readLock(lockPath: string): LockHolder | undefined {
  try {
    const ino = fs.statSync(lockPath).ino;
    return { pid: fs.readFileSync(lockPath, "utf8").trim(), ino };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Of all processes that saw the same stale lock, the one that creates the claim (a second
 * link to that very file, named after its inode) removes it; the others retry and find the
 * winner's live lock. The claim is checked to point at the stale file, not at a new lock that
 * replaced it meanwhile (an inode number can be reused, so its content is checked too).
 */
function removeStaleLock(lockPath: string, stale: LockHolder) {
  const claim = `${lockPath}.stale-${stale.ino}`;
  try {
    fs.linkSync(lockPath, claim);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "ENOENT") return;
    throw error;
  }
  try {
    const claimed = readLock(claim);
    if (claimed?.ino === stale.ino && claimed.pid === stale.pid) fs.rmSync(lockPath, { force: true });
  } finally {
    fs.rmSync(claim, { force: true });
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

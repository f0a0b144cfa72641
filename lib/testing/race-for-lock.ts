import { createInterface } from "node:readline";
import { lockDataDirectory } from "@/db/lock";

// One racer of db/lock.test.ts: says "ready", waits for "go" on stdin so that every racer
// tries at the same moment, reports "won" or "lost", and holds what it won until stdin closes.
const dataDir = process.argv[2]!;
const lines = createInterface({ input: process.stdin });
console.log("ready");
for await (const line of lines) {
  if (line !== "go") continue;
  try {
    lockDataDirectory(dataDir);
    console.log("won");
  } catch (error) {
    console.log((error as Error).name === "DataDirectoryLockedError" ? "lost" : `failed ${String(error)}`);
  }
}

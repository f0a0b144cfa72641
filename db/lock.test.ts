import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const racerScript = path.join(import.meta.dirname, "..", "lib", "testing", "race-for-lock.ts");
const racers: ChildProcess[] = [];

afterEach(() => {
  for (const racer of racers.splice(0)) racer.kill();
});

function freshDataDir() {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "loyalty-lock-")), "pglite");
}

function lockFileOf(dataDir: string) {
  return path.join(path.dirname(dataDir), "pglite.lock");
}

/** Starts `count` processes, lets them all try the lock at once, and returns what each got. */
async function race(dataDir: string, count: number): Promise<string[]> {
  const answers = Array.from({ length: count }, () => {
    const racer = spawn(process.execPath, ["--import", "tsx", racerScript, dataDir], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    racers.push(racer);
    let ready!: () => void;
    let answered!: (line: string) => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const answer = new Promise<string>((resolve) => (answered = resolve));
    let output = "";
    racer.stdout!.on("data", (chunk) => {
      output += chunk;
      const lines = output.split("\n");
      if (lines.includes("ready")) ready();
      const result = lines.find((line) => line && line !== "ready");
      if (result) answered(result);
    });
    return { racer, isReady, answer };
  });
  await Promise.all(answers.map((a) => a.isReady));
  for (const { racer } of answers) racer.stdin!.write("go\n");
  return Promise.all(answers.map((a) => a.answer));
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid!;
}

describe("the data directory lock", () => {
  it("goes to exactly one of many processes racing for a free lock", async () => {
    const dataDir = freshDataDir();
    const results = await race(dataDir, 6);
    expect(results.filter((r) => r === "won")).toHaveLength(1);
    expect(results.filter((r) => r === "lost")).toHaveLength(5);
  });

  it("is taken over from a dead process by exactly one of many racers", async () => {
    const dataDir = freshDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(lockFileOf(dataDir), String(deadPid()));
    const results = await race(dataDir, 6);
    expect(results.filter((r) => r === "won")).toHaveLength(1);
    expect(results.filter((r) => r === "lost")).toHaveLength(5);
    const winner = racers.find((_, i) => results[i] === "won")!;
    expect(fs.readFileSync(lockFileOf(dataDir), "utf8")).toBe(String(winner.pid));
  });

  it("is never taken from a live process, nor while the lock file is still empty", async () => {
    const live = freshDataDir();
    fs.mkdirSync(live, { recursive: true });
    fs.writeFileSync(lockFileOf(live), String(process.pid));
    const empty = freshDataDir();
    fs.mkdirSync(empty, { recursive: true });
    fs.writeFileSync(lockFileOf(empty), "");

    expect(await race(live, 3)).toEqual(["lost", "lost", "lost"]);
    expect(await race(empty, 3)).toEqual(["lost", "lost", "lost"]);
    expect(fs.readFileSync(lockFileOf(live), "utf8")).toBe(String(process.pid));
    expect(fs.readFileSync(lockFileOf(empty), "utf8")).toBe("");
  });
});

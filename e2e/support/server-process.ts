import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";

const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

export type ServerProcess = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

const running = new Set<ServerProcess>();

/** `next start` itself (no npx wrapper), so a signal reaches the process that holds the database. */
export function startServer(port: number, env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "true", JOBS_TIMER: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const server = { child, output: () => output, exited };
  running.add(server);
  void exited.then(() => running.delete(server));
  return server;
}

/** Kills every server a spec started that is still running; for `test.afterEach`, so a failing spec leaves none behind. */
export async function stopAllServers() {
  const left = [...running];
  for (const server of left) server.child.kill("SIGKILL");
  await Promise.all(left.map((server) => server.exited));
}

export async function waitUntilServing(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export function runSeed(env: Record<string, string>) {
  const result = spawnSync("npx", ["--no", "--", "tsx", "scripts/seed.ts"], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`Seeding failed:\n${result.stdout}\n${result.stderr}`);
}

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// A fresh embedded database for every run unless the caller chose one (scripts/test.sh does).
process.env.PGLITE_DIR ??= path.join(mkdtempSync(path.join(tmpdir(), "loyalty-e2e-")), "pglite");

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  projects: [
    // Signs each demo role in once and saves its cookies (e2e/support/fixtures.ts hands them out).
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "chromium", dependencies: ["setup"], testIgnore: /auth\.setup\.ts$/ },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  // The production build, seeded through the app's own seed code (scripts/demo.ts).
  webServer: {
    command: "npx --no -- tsx scripts/demo.ts",
    url: `http://127.0.0.1:${port}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    // No sweeps during the run: balances must only change through what the specs do.
    env: { PORT: String(port), PGLITE_DIR: process.env.PGLITE_DIR, NEXT_TELEMETRY_DISABLED: "1", JOBS_TIMER: "off" },
  },
});

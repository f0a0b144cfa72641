import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { members } from "@/db/schema";
import { appendEntry } from "@/lib/ledger/append-entry";
import { createMember, createProgram } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase } from "@/lib/testing/test-database";
import { startJobTimer } from "./job-timer";
import { jobs, runJobs, type Job } from "./run-jobs";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** A job that stays running until the test lets it finish. */
function heldJob() {
  let release = () => {};
  const started = vi.fn();
  const job: Job = async () => {
    started();
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    return { held: true };
  };
  return { job, started, release: () => release() };
}

describe("runJobs", () => {
  it("runs every registered sweep, expiry before the tier review, against the database", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, {
      settings: { expiry: { policy: "after_earning", months: 1 } },
      timeZone: "Europe/Riga",
    });
    const member = await createMember(db, program);
    await db.transaction((tx) =>
      appendEntry(tx, {
        merchantId: merchant.id,
        memberId: member.id,
        kind: "earn",
        points: 80,
        actor: { type: "system" },
        expiresAt: new Date("2026-02-01T22:00:00Z"),
      }),
    );
    await db.update(members).set({ tierKey: "gold" }).where(eq(members.id, member.id));

    const runs = await runJobs(db, { now: new Date("2026-02-02T10:00:00Z") });
    expect(runs.map((run) => run.name)).toEqual(Object.keys(jobs));
    expect(Object.keys(jobs).indexOf("expirePoints")).toBeLessThan(Object.keys(jobs).indexOf("reviewTiers"));
    expect(runs.filter((run) => !run.ok)).toEqual([]);
    const summaries = Object.fromEntries(runs.map((run) => [run.name, run.ok ? run.summary : run.error]));
    expect(summaries.expirePoints).toEqual({ members: 1, lots: 1, points: 80, failures: [] });
    expect(summaries.reviewTiers).toEqual({ reviewed: 1, downgraded: 1 });
    expect(summaries.expireVouchers).toEqual({ expired: 0 });
    const after = await expectLedgerConsistent(db, member.id);
    expect([after.pointsBalance, after.tierKey]).toEqual([0, "silver"]);
  });

  it("reports a failing job and still runs the ones after it", async () => {
    const order: string[] = [];
    const runs = await runJobs(database.db, {
      now: new Date("2026-01-01T00:00:00Z"),
      jobs: {
        first: async (_db, { now }) => {
          order.push("first");
          return { at: now.toISOString() };
        },
        broken: async () => {
          order.push("broken");
          throw new Error("boom");
        },
        last: async () => {
          order.push("last");
          return {};
        },
      },
    });
    expect(order).toEqual(["first", "broken", "last"]);
    expect(runs.map(({ durationMs: _, ...run }) => run)).toEqual([
      { name: "first", ok: true, summary: { at: "2026-01-01T00:00:00.000Z" } },
      { name: "broken", ok: false, error: "boom" },
      { name: "last", ok: true, summary: {} },
    ]);
  });
});

describe("startJobTimer", () => {
  it("skips a tick while the previous run is still going", async () => {
    const held = heldJob();
    const timer = startJobTimer(database.db, { intervalMs: 3_600_000, jobs: { held: held.job } });
    const first = timer.tick();
    await vi.waitFor(() => expect(held.started).toHaveBeenCalledTimes(1));
    expect(await timer.tick()).toBe("skipped");
    held.release();
    expect(await first).toBe("ran");
    const again = timer.tick();
    await vi.waitFor(() => expect(held.started).toHaveBeenCalledTimes(2));
    held.release();
    expect(await again).toBe("ran");
    await timer.stop();
  });

  it("logs failures instead of throwing", async () => {
    const logger = { error: vi.fn() };
    const timer = startJobTimer(database.db, {
      intervalMs: 3_600_000,
      logger,
      jobs: {
        broken: async () => {
          throw new Error("boom");
        },
        partly: async () => ({ failures: [{ memberId: "m-1", message: "bad lot" }] }),
      },
    });
    expect(await timer.tick()).toBe("ran");
    await timer.stop();
    expect(logger.error.mock.calls.map((call) => call[0])).toEqual([
      "Job broken failed: boom",
      "Job partly: 1 item(s) failed and will be retried",
    ]);
  });

  it("runs on its interval until stopped, and stop waits for the run in progress", async () => {
    const held = heldJob();
    const timer = startJobTimer(database.db, { intervalMs: 20, jobs: { held: held.job } });
    await vi.waitFor(() => expect(held.started).toHaveBeenCalledTimes(1));
    let stopped = false;
    const stopping = timer.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(stopped).toBe(false);
    held.release();
    await stopping;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(held.started).toHaveBeenCalledTimes(1);
  });
});

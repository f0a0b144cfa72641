import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { and, count, eq, gt, inArray, max, sum } from "drizzle-orm";
import { openDatabase } from "@/db";
import { members, pointEntries, purchases } from "@/db/schema";
import { demo } from "../support/pages";
import { runSeed, startServer, stopAllServers, waitUntilServing } from "../support/server-process";

// The embedded database must keep every purchase it acknowledged, even when the server is
// killed without warning, and must refuse a second process on the same data directory.
test.describe.configure({ timeout: 240_000 });

// Whatever happens in the test, no server it started outlives it.
test.afterEach(stopAllServers);

test("purchases acknowledged before a SIGKILL survive a restart, and a second instance is refused", async () => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "loyalty-kill-")), "pglite");
  const env = { PGLITE_DIR: dataDir };
  const port = 3200;
  const base = `http://127.0.0.1:${port}`;
  runSeed(env);

  const before = await openDatabase({ url: `file://${dataDir}` });
  const [member] = await before.db.select().from(members).where(eq(members.email, demo.shopper));
  const [sales] = await before.db.select({ n: count() }).from(purchases).where(eq(purchases.memberId, member!.id));
  const [ledgerBefore] = await before.db.select({ lastId: max(pointEntries.id) }).from(pointEntries);
  await before.close();

  let server = startServer(port, env);
  await waitUntilServing(`${base}/`);

  await test.step("a second instance on the same directory stops at once, naming it", async () => {
    const second = startServer(port + 1, env);
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain("already in use");
    expect(second.output()).toContain(dataDir);
  });

  const post = (key: string) =>
    fetch(`${base}/api/v1/purchases`, {
      method: "POST",
      headers: { authorization: `Bearer ${demo.apiKey}`, "idempotency-key": key, "content-type": "application/json" },
      body: JSON.stringify({ memberId: member!.id, amountMinor: 1_000 + key.length }),
    });
  const keys = Array.from({ length: 36 }, (_, i) => `kill-test-purchase-${i}`);
  const acknowledged = new Map<string, unknown>();

  await test.step("purchases are acknowledged one by one, then the server is killed mid-burst", async () => {
    for (const key of keys.slice(0, 30)) {
      const response = await post(key);
      expect(response.status).toBe(201);
      acknowledged.set(key, await response.json());
    }
    const burst = keys.slice(30).map(async (key) => {
      const response = await post(key);
      if (response.status === 201) acknowledged.set(key, await response.json());
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    server.child.kill("SIGKILL");
    await Promise.allSettled(burst);
    await server.exited;
  });

  server = startServer(port, env);
  await waitUntilServing(`${base}/`);

  const answers: { purchaseId: string; pointsEarned: number }[] = [];
  await test.step("after the restart every acknowledged purchase answers as before", async () => {
    for (const key of keys) {
      const response = await post(key);
      expect(response.status).toBe(201);
      const body = (await response.json()) as { purchaseId: string; pointsEarned: number };
      if (acknowledged.has(key)) expect(body).toEqual(acknowledged.get(key));
      answers.push(body);
    }
  });

  await test.step("SIGTERM closes the database and releases the lock", async () => {
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  await test.step("the ledger holds each purchase exactly once, and the balance is its sum", async () => {
    const after = await openDatabase({ url: `file://${dataDir}` });
    try {
      const [salesAfter] = await after.db
        .select({ n: count() })
        .from(purchases)
        .where(eq(purchases.memberId, member!.id));
      expect(salesAfter!.n).toBe(sales!.n + keys.length);
      const purchaseIds = answers.map((answer) => answer.purchaseId);
      expect(new Set(purchaseIds).size).toBe(keys.length);
      // Each purchase earned what it answered, in one entry...
      const earnEntries = await after.db
        .select({ purchaseId: pointEntries.purchaseId, points: pointEntries.points })
        .from(pointEntries)
        .where(and(inArray(pointEntries.purchaseId, purchaseIds), eq(pointEntries.kind, "earn")));
      expect(earnEntries).toHaveLength(keys.length);
      expect(earnEntries.reduce((total, entry) => total + entry.points, 0)).toBe(
        answers.reduce((total, a) => total + a.pointsEarned, 0),
      );
      // ...and the balance moved by exactly what the ledger gained, prizes and badges included,
      // whatever the date: a challenge may complete during the burst.
      const [gained] = await after.db
        .select({ points: sum(pointEntries.points).mapWith(Number) })
        .from(pointEntries)
        .where(and(eq(pointEntries.memberId, member!.id), gt(pointEntries.id, ledgerBefore!.lastId ?? 0)));
      const [memberAfter] = await after.db.select().from(members).where(eq(members.id, member!.id));
      expect(memberAfter!.pointsBalance).toBe(member!.pointsBalance + gained!.points);
    } finally {
      await after.close();
    }
  });
});

import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { count, eq } from "drizzle-orm";
import { openDatabase } from "@/db";
import { members, purchases } from "@/db/schema";
import { demo } from "../support/pages";
import { runSeed, startServer, waitUntilServing } from "../support/server-process";

// The embedded database must keep every purchase it acknowledged, even when the server is
// killed without warning, and must refuse a second process on the same data directory.
test.describe.configure({ timeout: 240_000 });

test("purchases acknowledged before a SIGKILL survive a restart, and a second instance is refused", async () => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "loyalty-kill-")), "pglite");
  const env = { PGLITE_DIR: dataDir };
  const port = 3200;
  const base = `http://127.0.0.1:${port}`;
  runSeed(env);

  const before = await openDatabase({ url: `file://${dataDir}` });
  const [member] = await before.db.select().from(members).where(eq(members.email, demo.shopper));
  const [sales] = await before.db.select({ n: count() }).from(purchases).where(eq(purchases.memberId, member!.id));
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

  await test.step("after the restart every acknowledged purchase is there, exactly once", async () => {
    let earned = 0;
    for (const key of keys) {
      const response = await post(key);
      expect(response.status).toBe(201);
      const body = (await response.json()) as { pointsEarned: number };
      if (acknowledged.has(key)) expect(body).toEqual(acknowledged.get(key));
      earned += body.pointsEarned;
    }
    const lookup = await fetch(`${base}/api/v1/members/${member!.memberNumber}`, { headers: { authorization: `Bearer ${demo.apiKey}` } });
    expect((await lookup.json()).balance).toBe(member!.pointsBalance + earned);
  });

  await test.step("SIGTERM closes the database and releases the lock", async () => {
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const after = await openDatabase({ url: `file://${dataDir}` });
    const [salesAfter] = await after.db.select({ n: count() }).from(purchases).where(eq(purchases.memberId, member!.id));
    await after.close();
    expect(salesAfter!.n).toBe(sales!.n + keys.length);
  });
});

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { auditLog, staffMembers } from "@/db/schema";
import { createMerchant } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { registerUser } from "./register-user";
import { signInLimits, verifyCredentials } from "./verify-credentials";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const minute = 60_000;
const t0 = new Date("2026-03-01T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const accountLimit = signInLimits.perAccountAddress.limit;

describe("verifyCredentials", () => {
  it("accepts the right password, in any e-mail case, and a 64-character one in full", async () => {
    const { db } = database;
    const long = "p".repeat(63) + "!";
    await registerUser(db, { email: "Long@Example.test", password: long });
    expect(
      await verifyCredentials(db, { email: "long@example.TEST", password: long, ipAddress: "10.0.0.1", now: t0 }),
    ).toMatchObject({ ok: true });
    // No truncation: the first 63 characters alone are a different password.
    expect(
      await verifyCredentials(db, {
        email: "long@example.test",
        password: long.slice(0, 63),
        ipAddress: "10.0.0.1",
        now: t0,
      }),
    ).toEqual({ ok: false, reason: "invalid" });
  });

  it("gives the same answer for an unknown account and a wrong password", async () => {
    const { db } = database;
    await registerUser(db, { email: "known@example.test", password: "right password" });
    const wrong = await verifyCredentials(db, {
      email: "known@example.test",
      password: "wrong password",
      ipAddress: "10.0.0.2",
      now: t0,
    });
    const unknown = await verifyCredentials(db, {
      email: "nobody@example.test",
      password: "wrong password",
      ipAddress: "10.0.0.2",
      now: t0,
    });
    expect(wrong).toEqual(unknown);
  });

  it("tries at most the limit of 40 simultaneous guesses at one account from one address", async () => {
    const { db } = database;
    await registerUser(db, { email: "raced@example.test", password: "right password" });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        verifyCredentials(db, { email: "raced@example.test", password: `guess ${i}`, ipAddress: "10.3.0.1", now: t0 }),
      ),
    );
    expect(results.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(accountLimit);
    expect(results.filter((result) => !result.ok && result.reason === "rate_limited")).toHaveLength(40 - accountLimit);
  });

  it("blocks the guessing address, even for the right password, with growing delays", async () => {
    const { db } = database;
    const email = "target@example.test";
    const ipAddress = "10.1.0.1";
    await registerUser(db, { email, password: "right password" });
    for (let i = 0; i < accountLimit; i++) {
      expect(await verifyCredentials(db, { email, password: `guess ${i}`, ipAddress, now: t0 })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const attempt = (password: string, now: Date) => verifyCredentials(db, { email, password, ipAddress, now });
    expect(await attempt("right password", t0)).toEqual({ ok: false, reason: "rate_limited" });
    expect(await attempt("right password", at(minute - 1))).toEqual({ ok: false, reason: "rate_limited" });
    // One guess after the first block, then a block twice as long.
    expect(await attempt("guess 6", at(minute))).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("right password", at(minute))).toEqual({ ok: false, reason: "rate_limited" });
    expect(await attempt("right password", at(3 * minute - 1))).toEqual({ ok: false, reason: "rate_limited" });
    expect(await attempt("right password", at(3 * minute))).toMatchObject({ ok: true });
    // Signing in cleared the streak: the owner may mistype again.
    expect(await attempt("typo", at(3 * minute))).toEqual({ ok: false, reason: "invalid" });
  });

  it("does not let an attacker's failures lock the owner out from another address", async () => {
    const { db } = database;
    const email = "owner@example.test";
    await registerUser(db, { email, password: "right password" });
    for (let i = 0; i <= accountLimit * 3; i++) {
      await verifyCredentials(db, { email, password: `guess ${i}`, ipAddress: "10.6.6.6", now: t0 });
    }
    expect(await verifyCredentials(db, { email, password: "right password", ipAddress: "10.6.6.6", now: t0 })).toEqual({
      ok: false,
      reason: "rate_limited",
    });
    expect(
      await verifyCredentials(db, { email, password: "right password", ipAddress: "10.9.9.9", now: t0 }),
    ).toMatchObject({ ok: true });
  });

  it("limits one address trying many accounts, counting failures only", async () => {
    const { db } = database;
    await registerUser(db, { email: "office@example.test", password: "right password" });
    // Many people signing in from one office address are never blocked for succeeding.
    for (let i = 0; i < signInLimits.perAddress.limit * 2; i++) {
      expect(
        await verifyCredentials(db, {
          email: "office@example.test",
          password: "right password",
          ipAddress: "10.2.0.1",
          now: t0,
        }),
      ).toMatchObject({ ok: true });
    }
    for (let i = 0; i < signInLimits.perAddress.limit; i++) {
      expect(
        await verifyCredentials(db, {
          email: `spray-${i}@example.test`,
          password: "123456",
          ipAddress: "10.2.0.1",
          now: t0,
        }),
      ).toEqual({ ok: false, reason: "invalid" });
    }
    expect(
      await verifyCredentials(db, { email: "fresh@example.test", password: "123456", ipAddress: "10.2.0.1", now: t0 }),
    ).toEqual({ ok: false, reason: "rate_limited" });
    expect(
      await verifyCredentials(db, { email: "fresh@example.test", password: "123456", ipAddress: "10.2.0.2", now: t0 }),
    ).toEqual({ ok: false, reason: "invalid" });
  });

  it("records a block on a staff account in the audit log of each of its merchants, once per block", async () => {
    const { db } = database;
    const user = await registerUser(db, { email: "cashier@example.test", password: "right password" });
    const [north, south] = [await createMerchant(db), await createMerchant(db)];
    await db.insert(staffMembers).values([
      { merchantId: north.id, userId: user.id, role: "cashier" },
      { merchantId: south.id, userId: user.id, role: "manager" },
    ]);
    await registerUser(db, { email: "shopper@example.test", password: "right password" });
    for (const email of ["cashier@example.test", "shopper@example.test"]) {
      for (let i = 0; i < accountLimit + 3; i++) {
        await verifyCredentials(db, { email, password: `guess ${i}`, ipAddress: "10.4.0.1", now: t0 });
      }
    }
    const blocks = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "sign_in.blocked"), eq(auditLog.targetId, user.id)));
    expect(blocks.map((row) => row.merchantId).sort()).toEqual([north.id, south.id].sort());
    expect(blocks[0]).toMatchObject({
      actorType: "system",
      targetType: "user",
      details: { ipAddress: "10.4.0.1", blockedUntil: at(minute).toISOString() },
      createdAt: t0,
    });
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "sign_in.blocked"))).toHaveLength(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { createTestDatabase } from "@/lib/testing/test-database";
import { registerUser } from "./register-user";
import { signInLimits, verifyCredentials } from "./verify-credentials";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("verifyCredentials", () => {
  it("accepts the right password, in any e-mail case, and a 64-character one in full", async () => {
    const { db } = database;
    const long = "p".repeat(63) + "!";
    await registerUser(db, { email: "Long@Example.test", password: long });
    expect(await verifyCredentials(db, { email: "long@example.TEST", password: long, ipAddress: "10.0.0.1" })).toMatchObject({ ok: true });
    // No truncation: the first 63 characters alone are a different password.
    expect(await verifyCredentials(db, { email: "long@example.test", password: long.slice(0, 63), ipAddress: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("gives the same answer for an unknown account and a wrong password", async () => {
    const { db } = database;
    await registerUser(db, { email: "known@example.test", password: "right password" });
    const wrong = await verifyCredentials(db, { email: "known@example.test", password: "wrong password", ipAddress: "10.0.0.2" });
    const unknown = await verifyCredentials(db, { email: "nobody@example.test", password: "wrong password", ipAddress: "10.0.0.2" });
    expect(wrong).toEqual(unknown);
  });

  it("locks an account after repeated failures, even for the right password, until the window passes", async () => {
    const { db } = database;
    await registerUser(db, { email: "target@example.test", password: "right password" });
    const now = new Date();
    for (let i = 0; i < signInLimits.perAccount; i++) {
      await verifyCredentials(db, { email: "target@example.test", password: `guess ${i}`, ipAddress: `10.1.0.${i}`, now });
    }
    const locked = await verifyCredentials(db, { email: "target@example.test", password: "right password", ipAddress: "10.9.9.9", now });
    expect(locked).toEqual({ ok: false, reason: "rate_limited" });
    const later = new Date(now.getTime() + signInLimits.windowMs + 1_000);
    expect(await verifyCredentials(db, { email: "target@example.test", password: "right password", ipAddress: "10.9.9.9", now: later })).toMatchObject({ ok: true });
  });

  it("limits one address trying many accounts", async () => {
    const { db } = database;
    const now = new Date();
    for (let i = 0; i < signInLimits.perAddress; i++) {
      await verifyCredentials(db, { email: `spray-${i}@example.test`, password: "123456", ipAddress: "10.2.0.1", now });
    }
    expect(await verifyCredentials(db, { email: "fresh@example.test", password: "123456", ipAddress: "10.2.0.1", now })).toEqual({ ok: false, reason: "rate_limited" });
  });
});

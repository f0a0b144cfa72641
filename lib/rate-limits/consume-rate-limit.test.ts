import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { rateLimits } from "@/db/schema";
import { createTestDatabase } from "@/lib/testing/test-database";
import { consumeRateLimit, type RateLimitRule } from "./consume-rate-limit";
import { forgiveRateLimit } from "./forgive-rate-limit";
import { purgeRateLimits } from "./purge-rate-limits";
import { resetRateLimit } from "./reset-rate-limit";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const minute = 60_000;
const rule: RateLimitRule = { limit: 3, windowMs: 60 * minute, blockMs: minute, maxBlockMs: 4 * minute };
const t0 = new Date("2026-03-01T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
let keys = 0;
const newKey = () => `test:${++keys}:${Math.random()}`;

describe("consumeRateLimit", () => {
  it("allows the limit, then refuses and reports the block once", async () => {
    const { db } = database;
    const key = newKey();
    for (let i = 0; i < rule.limit; i++) {
      expect(await consumeRateLimit(db, { key, rule, now: at(i) })).toEqual({ allowed: true });
    }
    expect(await consumeRateLimit(db, { key, rule, now: at(10) })).toEqual({
      allowed: false,
      retryAt: at(10 + minute),
      blockStarted: true,
    });
    expect(await consumeRateLimit(db, { key, rule, now: at(20) })).toEqual({
      allowed: false,
      retryAt: at(10 + minute),
      blockStarted: false,
    });
  });

  it("allows one attempt after each block, and each block lasts twice as long up to the cap", async () => {
    const { db } = database;
    const key = newKey();
    for (let i = 0; i < rule.limit; i++) await consumeRateLimit(db, { key, rule, now: t0 });
    let now = t0;
    for (const blockMs of [minute, 2 * minute, 4 * minute, 4 * minute]) {
      const blocked = await consumeRateLimit(db, { key, rule, now });
      expect(blocked).toEqual({ allowed: false, retryAt: new Date(now.getTime() + blockMs), blockStarted: true });
      expect(await consumeRateLimit(db, { key, rule, now: new Date(now.getTime() + blockMs - 1) })).toMatchObject({
        allowed: false,
      });
      now = new Date(now.getTime() + blockMs);
      expect(await consumeRateLimit(db, { key, rule, now })).toEqual({ allowed: true });
    }
  });

  it("forgets a streak after a quiet window, counted from the end of the block", async () => {
    const { db } = database;
    const key = newKey();
    for (let i = 0; i <= rule.limit; i++) await consumeRateLimit(db, { key, rule, now: t0 });
    const quiet = at(minute + rule.windowMs);
    for (let i = 0; i < rule.limit; i++) {
      expect(await consumeRateLimit(db, { key, rule, now: quiet })).toEqual({ allowed: true });
    }
    // A fresh streak starts again from the shortest block.
    expect(await consumeRateLimit(db, { key, rule, now: quiet })).toEqual({
      allowed: false,
      retryAt: new Date(quiet.getTime() + minute),
      blockStarted: true,
    });
  });

  it("keeps keys apart, and forgets a key on reset", async () => {
    const { db } = database;
    const [key, other] = [newKey(), newKey()];
    for (let i = 0; i <= rule.limit; i++) await consumeRateLimit(db, { key, rule, now: t0 });
    expect(await consumeRateLimit(db, { key: other, rule, now: t0 })).toEqual({ allowed: true });
    await resetRateLimit(db, key);
    expect(await consumeRateLimit(db, { key, rule, now: t0 })).toEqual({ allowed: true });
  });

  it("takes back a forgiven attempt, so only the others count", async () => {
    const { db } = database;
    const key = newKey();
    for (let i = 0; i < 10; i++) {
      expect(await consumeRateLimit(db, { key, rule, now: t0 })).toEqual({ allowed: true });
      await forgiveRateLimit(db, key);
    }
    for (let i = 0; i < rule.limit; i++) await consumeRateLimit(db, { key, rule, now: t0 });
    expect(await consumeRateLimit(db, { key, rule, now: t0 })).toMatchObject({ allowed: false });
  });

  it("allows at most the limit of many simultaneous attempts", async () => {
    const { db } = database;
    const key = newKey();
    const decisions = await Promise.all(Array.from({ length: 40 }, () => consumeRateLimit(db, { key, rule, now: t0 })));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(rule.limit);
    expect(decisions.filter((decision) => !decision.allowed && decision.blockStarted)).toHaveLength(1);
  });
});

describe("purgeRateLimits", () => {
  it("deletes forgotten streaks only, which then count as they did", async () => {
    const { db } = database;
    const [quiet, blocked] = [newKey(), newKey()];
    await consumeRateLimit(db, { key: quiet, rule, now: t0 });
    for (let i = 0; i <= rule.limit; i++) await consumeRateLimit(db, { key: blocked, rule, now: t0 });
    const later = at(rule.windowMs);
    await purgeRateLimits(db, { now: later });
    const left = await db
      .select({ key: rateLimits.key })
      .from(rateLimits)
      .where(inArray(rateLimits.key, [quiet, blocked]));
    expect(left).toEqual([{ key: blocked }]);
    expect(await consumeRateLimit(db, { key: blocked, rule, now: later })).toEqual({ allowed: true });
  });
});

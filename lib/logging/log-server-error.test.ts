import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { createMerchant, createUser } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";

// The real wrappers, the real database and the real log line; only the request is made up.
let database: Database;
vi.mock("@/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db")>()),
  getDb: async () => database.db,
}));
vi.mock("@/lib/dal/session", () => ({ getSessionUser: async () => null }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-action-0001" }) }));
const { publicAction } = await import("@/lib/actions/action-client");
const { apiRoute } = await import("@/lib/api/api-route");

const secretHash = "$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$SECRET-HASH-DO-NOT-LOG";

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
afterEach(() => vi.restoreAllMocks());

function captureErrorLog() {
  const lines: string[] = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    lines.push(args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg))).join(" "));
  });
  return lines;
}

describe("a failed query, logged by the action wrapper", () => {
  it("logs the error code, the constraint and the request id, never the parameters", async () => {
    const taken = await createUser(database.db);
    const signUp = publicAction(z.object({}), async (_input, { db }) => {
      await db.insert(users).values({ email: taken.email, passwordHash: secretHash });
    });
    const log = captureErrorLog();

    const result = await signUp({});

    expect(result).toEqual({ ok: false, error: "internal", requestId: "req-action-0001" });
    expect(log).toHaveLength(1);
    const line = JSON.parse(log[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      requestId: "req-action-0001",
      code: "23505",
      constraint: "users_email_unique",
      table: "users",
    });
    expect(log[0]).not.toContain("SECRET-HASH");
    // PostgreSQL's detail quotes the clashing key: the e-mail must not leak either.
    expect(log[0]).not.toContain(taken.email);
  });

  it("drops the value a data error quotes in its own message", async () => {
    const lookUp = publicAction(z.object({}), async (_input, { db }) => {
      await db.insert(users).values({ id: "not-a-uuid-SECRET-VALUE", email: "x@example.test" });
    });
    const log = captureErrorLog();

    expect(await lookUp({})).toMatchObject({ ok: false, error: "internal" });
    expect(JSON.parse(log[0]!)).toMatchObject({ requestId: "req-action-0001", code: "22P02" });
    expect(log[0]).not.toContain("SECRET-VALUE");
  });
});

describe("a failed query, logged by the API wrapper", () => {
  it("answers 500 with the request id and logs it without the parameters", async () => {
    const merchant = await createMerchant(database.db);
    const key = await createApiKey(database.db, { merchantId: merchant.id, name: "test", scopes: ["members:read"] });
    const taken = await createUser(database.db);
    const route = apiRoute("members:read", async (_request, { db }) => {
      await db.insert(users).values({ email: taken.email, passwordHash: secretHash });
      return new Response(null, { status: 204 });
    });
    const log = captureErrorLog();

    const response = await route(
      new Request("http://localhost/api/v1/test", {
        headers: { authorization: `Bearer ${key.secret}`, "x-request-id": "req-api-0002" },
      }),
      { params: Promise.resolve({}) },
    );

    expect(response.status).toBe(500);
    expect(response.headers.get("x-request-id")).toBe("req-api-0002");
    expect(await response.json()).toMatchObject({ error: { code: "internal", requestId: "req-api-0002" } });
    expect(JSON.parse(log[0]!)).toMatchObject({ requestId: "req-api-0002", code: "23505" });
    expect(log[0]).not.toContain("SECRET-HASH");
    expect(log[0]).not.toContain(taken.email);
  });
});

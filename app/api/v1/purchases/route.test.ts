import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { purchases } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { maxBodyBytes } from "@/lib/api/api-route";
import { limits } from "@/lib/limits";
import { createMember, createProgram } from "@/lib/testing/factories";
import { createStore } from "@/lib/testing/rules-factories";
import { createTestDatabase } from "@/lib/testing/test-database";

// The route reads the process's database; here it is the test's. Everything else is the real
// route: API key, body limits, validation and the domain.
let database: Database;
vi.mock("@/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db")>()),
  getDb: async () => database.db,
}));
const { POST } = await import("./route");

const now = new Date("2026-06-15T12:00:00Z");
beforeAll(async () => {
  database = await createTestDatabase();
  // A fixed clock: the sale time window is judged against it.
  vi.useFakeTimers({ toFake: ["Date"], now });
});
afterAll(async () => {
  vi.useRealTimers();
  await database.close();
});

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

async function setUp() {
  const { db } = database;
  const { merchant, program } = await createProgram(db, { currency: "IRR" });
  const member = await createMember(db, program);
  const { secret } = await createApiKey(db, { merchantId: merchant.id, name: "POS", scopes: ["purchases:write"] });
  const send = (body: BodyInit | null, headers: Record<string, string> = {}) =>
    POST(
      new Request("http://localhost/api/v1/purchases", {
        method: "POST",
        headers: {
          authorization: `Bearer ${secret}`,
          "idempotency-key": `key-${randomUUID()}`,
          "content-type": "application/json",
          ...headers,
        },
        body,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({}) },
    );
  const post = (fields: Record<string, unknown>) =>
    send(JSON.stringify({ memberId: member.id, amountMinor: 5_000, ...fields }));
  const recorded = () => db.select().from(purchases).where(eq(purchases.memberId, member.id));
  return { merchant, member, send, post, recorded };
}

async function expectError(response: Response, status: number, code: string, fields?: Record<string, string[]>) {
  const body = (await response.json()) as ErrorBody;
  expect(response.status).toBe(status);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  if (fields) expect(body.error.fields).toEqual(fields);
}

describe("POST /api/v1/purchases: amounts in range", () => {
  it("records the largest permitted amount and refuses one minor unit more with a 422 on amountMinor", async () => {
    const { post, recorded } = await setUp();
    expect((await post({ amountMinor: limits.maxAmountMinor })).status).toBe(201);
    await expectError(await post({ amountMinor: limits.maxAmountMinor + 1 }), 422, "invalid_input", {
      amountMinor: ["tooLarge"],
    });
    await expectError(await post({ amountMinor: 2 ** 63 }), 422, "invalid_input");
    expect(await recorded()).toHaveLength(1);
  });
});

describe("POST /api/v1/purchases: the sale's time", () => {
  it("refuses years 0000, 9999 and 2999 and a sale beyond the window with a 422 on occurredAt, and takes one inside it", async () => {
    const { post, recorded } = await setUp();
    await expectError(await post({ occurredAt: "0000-01-01T00:00:00Z" }), 422, "invalid_input", {
      occurredAt: ["saleTooOld"],
    });
    await expectError(await post({ occurredAt: "9999-12-31T23:59:59Z" }), 422, "invalid_input", {
      occurredAt: ["saleInFuture"],
    });
    await expectError(await post({ occurredAt: "2999-01-01T00:00:00+02:00" }), 422, "invalid_input", {
      occurredAt: ["saleInFuture"],
    });
    await expectError(await post({ occurredAt: "2026-03-01T00:00:00Z" }), 422, "invalid_input", {
      occurredAt: ["saleTooOld"],
    });
    expect(await recorded()).toHaveLength(0);
    expect((await post({ occurredAt: "2026-06-01T09:30:00+03:00" })).status).toBe(201);
  });
});

describe("POST /api/v1/purchases: unknown fields and referenced stores", () => {
  it("refuses unknown fields by name, paidWithPointsMinor and a misspelt amount_minor included, and records nothing", async () => {
    const { post, recorded } = await setUp();
    await expectError(await post({ paidWithPointsMinor: 4_000 }), 422, "invalid_input", {
      paidWithPointsMinor: ["unknownField"],
    });
    await expectError(await post({ amount_minor: 500 }), 422, "invalid_input", { amount_minor: ["unknownField"] });
    await expectError(await post({ lines: [{ amountMinor: 5_000, price: 1 }] }), 422, "invalid_input", {
      "lines.0.price": ["unknownField"],
    });
    expect(await recorded()).toHaveLength(0);
  });

  it("records the sale at a store of this merchant, and refuses an unknown store or another merchant's with a 422 on storeId", async () => {
    const { db } = database;
    const { merchant, post, recorded } = await setUp();
    const store = await createStore(db, merchant.id, "Harbour");
    const other = await createProgram(db);
    const foreign = await createStore(db, other.merchant.id, "Elsewhere");
    await expectError(await post({ storeId: randomUUID() }), 422, "invalid_input", { storeId: ["invalid"] });
    await expectError(await post({ storeId: foreign.id }), 422, "invalid_input", { storeId: ["invalid"] });
    await expectError(await post({ storeId: "not-a-store" }), 422, "invalid_input", { storeId: ["invalid"] });
    expect(await recorded()).toHaveLength(0);
    expect((await post({ storeId: store.id })).status).toBe(201);
    expect((await recorded()).map((purchase) => purchase.storeId)).toEqual([store.id]);
  });
});

describe("POST /api/v1/purchases: the body itself", () => {
  const oversized = () => JSON.stringify({ padding: "x".repeat(maxBodyBytes) });

  it("refuses a body over the limit with a 413, whether Content-Length states it, is absent or lies", async () => {
    const { send, recorded } = await setUp();
    const body = oversized();
    await expectError(
      await send(body, { "content-length": String(new TextEncoder().encode(body).byteLength) }),
      413,
      "body_too_large",
    );
    const streamed = new Blob([oversized()]).stream();
    await expectError(await send(streamed), 413, "body_too_large");
    await expectError(await send(new Blob([oversized()]).stream(), { "content-length": "20" }), 413, "body_too_large");
    expect(await recorded()).toHaveLength(0);
  });

  it("takes a body just under the limit", async () => {
    const { member, send } = await setUp();
    const lines = Array.from({ length: limits.maxPurchaseLines }, () => ({ amountMinor: 10, name: "n".repeat(60) }));
    const body = JSON.stringify({ memberId: member.id, amountMinor: 5_000, lines });
    expect(new TextEncoder().encode(body).byteLength).toBeLessThan(maxBodyBytes);
    expect((await send(body)).status).toBe(201);
  });

  it("answers a body that is not JSON with a clear 400", async () => {
    const { send } = await setUp();
    await expectError(await send("{ memberId: "), 400, "invalid_json");
    await expectError(await send(""), 400, "invalid_json");
    await expectError(await send(new Uint8Array([0x7b, 0xff, 0x7d])), 400, "invalid_json");
  });
});

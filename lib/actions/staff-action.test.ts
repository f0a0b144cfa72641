import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { pointEntries } from "@/db/schema";
import type { PublicUser } from "@/lib/auth/register-user";
import { addStaff, createMember, createProgram, createUser } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";

// The wrapper reads the session and the database; here the session is whoever the test says,
// and the database is the test's. Authorization itself is the real code.
let database: Database;
let sessionUser: PublicUser | null = null;
vi.mock("@/lib/dal/session", () => ({ getSessionUser: async () => sessionUser }));
vi.mock("@/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db")>()),
  getDb: async () => database.db,
}));
const { recordPurchaseAction } = await import("@/app/(admin)/admin/[merchant]/counter/actions");

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => {
  sessionUser = null;
});

const asSession = (user: { id: string; email: string }) => {
  sessionUser = { id: user.id, email: user.email, name: null, locale: "en" };
};

async function entriesOf(memberId: string) {
  return database.db.select().from(pointEntries).where(eq(pointEntries.memberId, memberId));
}

describe("the counter's recordPurchaseAction, through staffAction", () => {
  it("lets a cashier record a purchase for their merchant's member", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const cashier = await addStaff(db, merchant.id, "cashier");
    const member = await createMember(db, program);
    asSession(cashier);
    const result = await recordPurchaseAction({ merchantSlug: merchant.slug, memberId: member.id, amount: "12.50", idempotencyKey: "counter-sale-1" });
    expect(result).toMatchObject({ ok: true, data: { pointsEarned: 12, balance: 12 } });
  });

  it("refuses a caller who is not signed in", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    const result = await recordPurchaseAction({ merchantSlug: merchant.slug, memberId: member.id, amount: "10", idempotencyKey: "counter-sale-2" });
    expect(result).toEqual({ ok: false, error: "unauthenticated" });
    expect(await entriesOf(member.id)).toHaveLength(0);
  });

  it("refuses a member calling a staff action, even for their own membership", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const shopper = await createUser(db);
    const member = await createMember(db, program, { userId: shopper.id });
    asSession(shopper);
    const result = await recordPurchaseAction({ merchantSlug: merchant.slug, memberId: member.id, amount: "500", idempotencyKey: "counter-sale-3" });
    expect(result).toEqual({ ok: false, error: "forbidden" });
    expect(await entriesOf(member.id)).toHaveLength(0);
  });

  it("refuses a cashier of one merchant acting on another merchant's member", async () => {
    const { db } = database;
    const mine = await createProgram(db);
    const theirs = await createProgram(db);
    const cashier = await addStaff(db, mine.merchant.id, "cashier");
    const foreignMember = await createMember(db, theirs.program);
    asSession(cashier);

    const viaTheirSlug = await recordPurchaseAction({ merchantSlug: theirs.merchant.slug, memberId: foreignMember.id, amount: "10", idempotencyKey: "counter-sale-4" });
    expect(viaTheirSlug).toEqual({ ok: false, error: "forbidden" });
    const viaMySlug = await recordPurchaseAction({ merchantSlug: mine.merchant.slug, memberId: foreignMember.id, amount: "10", idempotencyKey: "counter-sale-5" });
    expect(viaMySlug).toEqual({ ok: false, error: "not_found" });
    expect(await entriesOf(foreignMember.id)).toHaveLength(0);
  });

  it("returns field errors for bad input and changes nothing", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const cashier = await addStaff(db, merchant.id, "cashier");
    const member = await createMember(db, program);
    asSession(cashier);
    const malformed = await recordPurchaseAction({ merchantSlug: merchant.slug, memberId: "not-a-uuid", amount: "twelve", idempotencyKey: "counter-sale-6" });
    expect(malformed).toMatchObject({ ok: false, error: "invalid_input", fieldErrors: { memberId: ["invalid"], amount: ["amount"] } });
    const tooPrecise = await recordPurchaseAction({ merchantSlug: merchant.slug, memberId: member.id, amount: "12.505", idempotencyKey: "counter-sale-7" });
    expect(tooPrecise).toMatchObject({ ok: false, error: "invalid_input", fieldErrors: { amount: ["amount"] } });
    expect(await entriesOf(member.id)).toHaveLength(0);
  });
});

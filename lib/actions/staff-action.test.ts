import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { pointEntries, purchases } from "@/db/schema";
import type { PublicUser } from "@/lib/auth/register-user";
import { AppError } from "@/lib/errors";
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
// A refusal the ledger would give (a bound the domain checks), for the tests that need one.
let ledgerRefusal: AppError | null = null;
vi.mock("@/lib/purchases/record-purchase", async (importOriginal) => {
  const ledger = await importOriginal<typeof import("@/lib/purchases/record-purchase")>();
  return {
    ...ledger,
    recordPurchase: (...args: Parameters<typeof ledger.recordPurchase>) => {
      if (ledgerRefusal) throw ledgerRefusal;
      return ledger.recordPurchase(...args);
    },
  };
});
const { recordPurchaseAction } = await import("@/app/(admin)/admin/[merchant]/counter/actions");

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => {
  sessionUser = null;
  ledgerRefusal = null;
});

// What the counter form sends beside the amount: the currency it showed and its locale.
const inEuros = { currency: "EUR", locale: "en" } as const;

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
    const result = await recordPurchaseAction({
      merchantSlug: merchant.slug,
      memberId: member.id,
      amount: "12.50",
      ...inEuros,
      idempotencyKey: "counter-sale-1",
    });
    expect(result).toMatchObject({ ok: true, data: { pointsEarned: 12, balance: 12 } });
  });

  it("refuses a caller who is not signed in", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const member = await createMember(db, program);
    const result = await recordPurchaseAction({
      merchantSlug: merchant.slug,
      memberId: member.id,
      amount: "10",
      ...inEuros,
      idempotencyKey: "counter-sale-2",
    });
    expect(result).toEqual({ ok: false, error: "unauthenticated" });
    expect(await entriesOf(member.id)).toHaveLength(0);
  });

  it("refuses a member calling a staff action, even for their own membership", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const shopper = await createUser(db);
    const member = await createMember(db, program, { userId: shopper.id });
    asSession(shopper);
    const result = await recordPurchaseAction({
      merchantSlug: merchant.slug,
      memberId: member.id,
      amount: "500",
      ...inEuros,
      idempotencyKey: "counter-sale-3",
    });
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

    const viaTheirSlug = await recordPurchaseAction({
      merchantSlug: theirs.merchant.slug,
      memberId: foreignMember.id,
      amount: "10",
      ...inEuros,
      idempotencyKey: "counter-sale-4",
    });
    expect(viaTheirSlug).toEqual({ ok: false, error: "forbidden" });
    const viaMySlug = await recordPurchaseAction({
      merchantSlug: mine.merchant.slug,
      memberId: foreignMember.id,
      amount: "10",
      ...inEuros,
      idempotencyKey: "counter-sale-5",
    });
    expect(viaMySlug).toEqual({ ok: false, error: "not_found" });
    expect(await entriesOf(foreignMember.id)).toHaveLength(0);
  });

  it("returns field errors for bad input and changes nothing", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const cashier = await addStaff(db, merchant.id, "cashier");
    const member = await createMember(db, program);
    asSession(cashier);
    const malformed = await recordPurchaseAction({
      merchantSlug: merchant.slug,
      memberId: "not-a-uuid",
      amount: "twelve",
      ...inEuros,
      idempotencyKey: "counter-sale-6",
    });
    expect(malformed).toMatchObject({
      ok: false,
      error: "invalid_input",
      fieldErrors: { memberId: ["invalid"], amount: ["amount"] },
    });
    const tooPrecise = await recordPurchaseAction({
      merchantSlug: merchant.slug,
      memberId: member.id,
      amount: "12.505",
      ...inEuros,
      idempotencyKey: "counter-sale-7",
    });
    expect(tooPrecise).toMatchObject({ ok: false, error: "invalid_input", fieldErrors: { amount: ["amount"] } });
    expect(await entriesOf(member.id)).toHaveLength(0);
  });

  it("refuses an amount past the bound of one sale on the amount field, and writes nothing", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { currency: "IRR" });
    const cashier = await addStaff(db, merchant.id, "cashier");
    const member = await createMember(db, program);
    asSession(cashier);
    const sale = { merchantSlug: merchant.slug, memberId: member.id, currency: "IRR", locale: "en" } as const;
    const tooLarge = await recordPurchaseAction({
      ...sale,
      amount: "1,000,000,000,001",
      idempotencyKey: "counter-sale-8",
    });
    expect(tooLarge).toEqual({ ok: false, error: "invalid_input", fieldErrors: { amount: ["amountTooLarge"] } });
    expect(await entriesOf(member.id)).toHaveLength(0);
    expect(await db.select().from(purchases).where(eq(purchases.memberId, member.id))).toHaveLength(0);
    // Well inside the bound, a sale a rial till takes every day is longer than nine digits.
    const large = await recordPurchaseAction({ ...sale, amount: "100000000000", idempotencyKey: "counter-sale-9" });
    expect(large).toMatchObject({ ok: true, data: { amountMinor: 100_000_000_000 } });
  });

  it("reads the amount as the cashier's locale writes it: Persian digits and the momayyez", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const cashier = await addStaff(db, merchant.id, "cashier");
    const member = await createMember(db, program);
    asSession(cashier);
    const form = new FormData();
    for (const [name, value] of Object.entries({
      merchantSlug: merchant.slug,
      memberId: member.id,
      amount: "۱۲٫۵۰",
      currency: "EUR",
      locale: "fa",
      idempotencyKey: "counter-sale-10",
    })) {
      form.set(name, value);
    }
    expect(await recordPurchaseAction(form)).toMatchObject({ ok: true, data: { amountMinor: 1250, pointsEarned: 12 } });
    // "12.50" is ambiguous in Turkish, where the full stop groups thousands.
    const turkish = await recordPurchaseAction({
      merchantSlug: merchant.slug,
      memberId: member.id,
      amount: "12.50",
      currency: "EUR",
      locale: "tr",
      idempotencyKey: "counter-sale-11",
    });
    expect(turkish).toMatchObject({ ok: false, fieldErrors: { amount: ["amount"] } });
  });

  it("puts the domain's refusals about the amount on the amount field, never as internal", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const cashier = await addStaff(db, merchant.id, "cashier");
    const member = await createMember(db, program);
    asSession(cashier);
    const sale = { merchantSlug: merchant.slug, memberId: member.id, amount: "12.50" } as const;
    const otherCurrency = await recordPurchaseAction({
      ...sale,
      currency: "USD",
      locale: "en",
      idempotencyKey: "counter-sale-12",
    });
    expect(otherCurrency).toEqual({ ok: false, error: "invalid_input", fieldErrors: { amount: ["currencyChanged"] } });
    ledgerRefusal = new AppError("invalid_input", "Too many points for one entry", {
      field: "amountMinor",
      validation: "amountTooLarge",
    });
    const refused = await recordPurchaseAction({ ...sale, ...inEuros, idempotencyKey: "counter-sale-13" });
    expect(refused).toEqual({ ok: false, error: "invalid_input", fieldErrors: { amount: ["amountTooLarge"] } });
    expect(await entriesOf(member.id)).toHaveLength(0);
  });
});

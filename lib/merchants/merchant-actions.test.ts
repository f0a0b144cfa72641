import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { merchants } from "@/db/schema";
import type { PublicUser } from "@/lib/auth/register-user";
import { addStaff, createMember, createProgram, createUser } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";

// The wrappers read the session and the database; here the session is whoever the test says,
// and the database is the test's. Authorization and the domain are the real code.
let database: Database;
let sessionUser: (PublicUser & { emailVerified?: Date | null }) | null = null;
vi.mock("@/lib/dal/session", () => ({ getSessionUser: async () => sessionUser }));
vi.mock("@/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db")>()),
  getDb: async () => database.db,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { createMerchantAction } = await import("@/app/(admin)/admin/new/actions");
const { updateMerchantAction } = await import("@/app/(admin)/admin/[merchant]/settings/actions");

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => {
  sessionUser = null;
});

const asSession = (user: { id: string; email: string; emailVerified?: Date | null }) => {
  sessionUser = { id: user.id, email: user.email, name: null, locale: "en", emailVerified: user.emailVerified ?? null };
};

function onboardingForm(slug: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries({
    name: "Birch Bakery",
    slug,
    currency: "EUR",
    timeZone: "Europe/Riga",
    defaultLocale: "en",
    brandColor: "#b45309",
    goal: "visit_frequency",
    template: "stamp_card",
  }))
    form.set(name, value);
  return form;
}

const settingsInput = (merchantSlug: string) => ({
  merchantSlug,
  name: "Renamed",
  currency: "USD",
  timeZone: "UTC",
  defaultLocale: "en" as const,
  brandColor: "#111111",
});

describe("createMerchantAction", () => {
  it("refuses someone signed out and an unverified address", async () => {
    expect(await createMerchantAction(onboardingForm("nobody-shop"))).toMatchObject({
      ok: false,
      error: "unauthenticated",
    });
    asSession(await createUser(database.db));
    expect(await createMerchantAction(onboardingForm("unverified-shop"))).toMatchObject({
      ok: false,
      error: "forbidden",
    });
    const [row] = await database.db.select().from(merchants).where(eq(merchants.slug, "unverified-shop"));
    expect(row).toBeUndefined();
  });

  it("lets any verified person start a merchant, and says a taken slug on its field keeping what was typed", async () => {
    asSession(await createUser(database.db, { emailVerified: new Date("2026-01-01T00:00:00Z") }));
    expect(await createMerchantAction(onboardingForm("birch-bakery"))).toEqual({
      ok: true,
      data: { merchantSlug: "birch-bakery", programSlug: "birch-bakery" },
    });
    const again = await createMerchantAction(onboardingForm("birch-bakery"));
    expect(again).toMatchObject({
      ok: false,
      error: "invalid_input",
      fieldErrors: { slug: ["slugTaken"] },
      values: { name: "Birch Bakery", slug: "birch-bakery" },
    });
  });

  it("refuses a logo that is not an image, on the logo field", async () => {
    asSession(await createUser(database.db, { emailVerified: new Date("2026-01-01T00:00:00Z") }));
    const form = onboardingForm("logo-shop");
    form.set("logo", new File(["<svg></svg>"], "logo.svg", { type: "image/svg+xml" }));
    expect(await createMerchantAction(form)).toMatchObject({ ok: false, fieldErrors: { logo: ["imageType"] } });
  });
});

describe("updateMerchantAction", () => {
  it("lets an owner and a manager edit, and refuses a cashier, a member and another merchant's owner", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const other = await createProgram(db);
    const owner = await addStaff(db, merchant.id, "owner");
    const manager = await addStaff(db, merchant.id, "manager");
    const cashier = await addStaff(db, merchant.id, "cashier");
    const stranger = await addStaff(db, other.merchant.id, "owner");
    const memberUser = await createUser(db, { emailVerified: new Date("2026-01-01T00:00:00Z") });
    await createMember(db, program, { userId: memberUser.id });

    for (const user of [cashier, memberUser, stranger]) {
      asSession(user);
      expect(await updateMerchantAction(settingsInput(merchant.slug))).toMatchObject({ ok: false, error: "forbidden" });
    }
    const [unchanged] = await db.select().from(merchants).where(eq(merchants.id, merchant.id));
    expect(unchanged!.name).toBe("Test Merchant");

    asSession(manager);
    expect(await updateMerchantAction(settingsInput(merchant.slug))).toMatchObject({
      ok: true,
      data: { name: "Renamed", currency: "USD", slug: merchant.slug },
    });
    asSession(owner);
    expect(await updateMerchantAction({ ...settingsInput(merchant.slug), brandColor: "not-a-colour" })).toMatchObject({
      ok: false,
      fieldErrors: { brandColor: ["invalid"] },
    });
  });
});

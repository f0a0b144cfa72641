import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { merchants, programVersions, programs, staffMembers, stores } from "@/db/schema";
import { findStaffAccess } from "@/lib/auth/staff-access";
import { createUser } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { createMerchant } from "./create-merchant";
import { updateMerchant } from "./update-merchant";

const now = new Date("2026-03-10T10:00:00Z");
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const details = {
  name: "Harbour Books",
  currency: "eur",
  timeZone: "Europe/Riga",
  defaultLocale: "lv",
  brandColor: "#1D4ED8",
  goal: "retention",
  template: "stars",
} as const;

async function rowCounts() {
  const { db } = database;
  const [m] = await db.select({ n: count() }).from(merchants);
  const [p] = await db.select({ n: count() }).from(programs);
  const [s] = await db.select({ n: count() }).from(staffMembers);
  const [st] = await db.select({ n: count() }).from(stores);
  return [m!.n, p!.n, s!.n, st!.n];
}

describe("createMerchant", () => {
  it("writes the merchant with its defaults, the owner, a store and a published program", async () => {
    const { db } = database;
    const user = await createUser(db, { emailVerified: now });
    const created = await createMerchant(db, { ...details, slug: "harbour-books", userId: user.id, now });
    const [merchant] = await db.select().from(merchants).where(eq(merchants.id, created.merchant.id));
    expect(merchant).toMatchObject({
      slug: "harbour-books",
      currency: "EUR",
      timeZone: "Europe/Riga",
      defaultLocale: "lv",
      brandColor: "#1d4ed8",
    });
    expect(await findStaffAccess(db, { userId: user.id, merchantSlug: "harbour-books" })).toMatchObject({
      role: "owner",
    });
    const [program] = await db.select().from(programs).where(eq(programs.id, created.program.id));
    expect(program).toMatchObject({ slug: "harbour-books", currency: "EUR", goal: "retention", pointsLabel: "stars" });
    const versions = await db.select().from(programVersions).where(eq(programVersions.programId, program!.id));
    expect(versions.map((version) => [version.number, version.status])).toEqual([[1, "published"]]);
  });

  it("refuses a taken slug on the slug field and writes nothing", async () => {
    const { db } = database;
    const user = await createUser(db, { emailVerified: now });
    await createMerchant(db, { ...details, slug: "taken-slug", userId: user.id, now });
    const before = await rowCounts();
    await expect(createMerchant(db, { ...details, slug: "taken-slug", userId: user.id, now })).rejects.toMatchObject({
      code: "invalid_input",
      details: { field: "slug", validation: "slugTaken" },
    });
    expect(await rowCounts()).toEqual(before);
  });

  it("gives a slug to one of two people taking it at once; the other gets the field error", async () => {
    const { db } = database;
    const [first, second] = [
      await createUser(db, { emailVerified: now }),
      await createUser(db, { emailVerified: now }),
    ];
    const results = await Promise.allSettled(
      [first, second].map((user) => createMerchant(db, { ...details, slug: "same-time", userId: user.id, now })),
    );
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({
      code: "invalid_input",
      details: { field: "slug", validation: "slugTaken" },
    });
    const rows = await db.select().from(merchants).where(eq(merchants.slug, "same-time"));
    expect(rows).toHaveLength(1);
    const owners = await db.select().from(staffMembers).where(eq(staffMembers.merchantId, rows[0]!.id));
    expect(owners).toHaveLength(1);
  });

  it("refuses a reserved slug, a bad format, an unknown currency, time zone or template", async () => {
    const { db } = database;
    const user = await createUser(db, { emailVerified: now });
    const before = await rowCounts();
    const cases = [
      [{ slug: "new" }, "slug"],
      [{ slug: "Bad Slug" }, "slug"],
      [{ slug: "ok-slug", currency: "XYZ1" }, "currency"],
      [{ slug: "ok-slug", timeZone: "Mars/Olympus" }, "timeZone"],
      [{ slug: "ok-slug", brandColor: "red" }, "brandColor"],
      [{ slug: "ok-slug", template: "nope" }, "template"],
      [{ slug: "ok-slug", defaultLocale: "de" }, "defaultLocale"],
    ] as const;
    for (const [change, field] of cases) {
      await expect(
        createMerchant(db, { ...details, ...change, userId: user.id, now } as Parameters<typeof createMerchant>[1]),
      ).rejects.toMatchObject({ code: "invalid_input", details: { field } });
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe("updateMerchant", () => {
  it("changes the merchant's details and defaults but not its slug nor its programs", async () => {
    const { db } = database;
    const user = await createUser(db, { emailVerified: now });
    const created = await createMerchant(db, { ...details, slug: "corner-cafe", userId: user.id, now });
    await updateMerchant(db, {
      merchantId: created.merchant.id,
      name: "Corner Café",
      currency: "USD",
      timeZone: "America/New_York",
      defaultLocale: "en",
      brandColor: "#b91c1c",
      logoUrl: "/uploads/0123456789abcdef0123456789abcdef01234567.png",
    });
    const [merchant] = await db.select().from(merchants).where(eq(merchants.id, created.merchant.id));
    expect(merchant).toMatchObject({
      slug: "corner-cafe",
      name: "Corner Café",
      currency: "USD",
      timeZone: "America/New_York",
      brandColor: "#b91c1c",
      logoUrl: "/uploads/0123456789abcdef0123456789abcdef01234567.png",
    });
    const [program] = await db.select().from(programs).where(eq(programs.id, created.program.id));
    expect(program).toMatchObject({ currency: "EUR", timeZone: "Europe/Riga", brandColor: "#1d4ed8" });
  });

  it("refuses bad input on its field and changes nothing", async () => {
    const { db } = database;
    const user = await createUser(db, { emailVerified: now });
    const created = await createMerchant(db, { ...details, slug: "quiet-shop", userId: user.id, now });
    await expect(
      updateMerchant(db, { ...details, merchantId: created.merchant.id, currency: "ZZZ" }),
    ).rejects.toMatchObject({ details: { field: "currency" } });
    const [merchant] = await db.select().from(merchants).where(eq(merchants.id, created.merchant.id));
    expect(merchant!.currency).toBe("EUR");
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { staffMembers } from "@/db/schema";
import { createMerchant, createUser } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { findStaffAccess, listStaffMerchants } from "./staff-access";
import { verifyEmail } from "./verify-email";
import { issueEmailVerification } from "./issue-email-verification";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("staff access", () => {
  it("grants no role to an unverified address until the link is used", async () => {
    const { db } = database;
    const merchant = await createMerchant(db);
    const user = await createUser(db);
    await db.insert(staffMembers).values({ merchantId: merchant.id, userId: user.id, role: "manager" });
    const input = { userId: user.id, merchantSlug: merchant.slug };
    expect(await findStaffAccess(db, input)).toBeNull();
    expect(await listStaffMerchants(db, user.id)).toEqual([]);

    const now = new Date("2026-05-01T12:00:00Z");
    const token = await issueEmailVerification(db, { email: user.email, now });
    expect(await verifyEmail(db, { token, now })).toBe("verified");
    expect(await findStaffAccess(db, input)).toMatchObject({ role: "manager", merchant: { id: merchant.id } });
    expect(await listStaffMerchants(db, user.id)).toEqual([
      { slug: merchant.slug, name: merchant.name, role: "manager" },
    ]);
  });

  it("still scopes the role to the merchant asked about", async () => {
    const { db } = database;
    const merchant = await createMerchant(db);
    const other = await createMerchant(db);
    const user = await createUser(db, { emailVerified: new Date("2026-05-01T12:00:00Z") });
    await db.insert(staffMembers).values({ merchantId: merchant.id, userId: user.id, role: "owner" });
    expect(await findStaffAccess(db, { userId: user.id, merchantSlug: other.slug })).toBeNull();
    await db.delete(staffMembers).where(eq(staffMembers.userId, user.id));
    expect(await findStaffAccess(db, { userId: user.id, merchantSlug: merchant.slug })).toBeNull();
  });
});

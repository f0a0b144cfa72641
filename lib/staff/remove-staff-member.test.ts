import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { auditLog, staffMembers } from "@/db/schema";
import { currentSessionVersion, findSessionUser } from "@/lib/auth/session-claims";
import { addStaff, createMerchant } from "@/lib/testing/factories";
import { createTestDatabase, onPostgres } from "@/lib/testing/test-database";
import { removeStaffMember } from "./remove-staff-member";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const at = new Date("2026-05-01T12:00:00Z");

async function claimsOf(userId: string) {
  return { userId, sessionVersion: await currentSessionVersion(database.db, userId) };
}

async function staffOf(merchantId: string) {
  return database.db
    .select({ userId: staffMembers.userId })
    .from(staffMembers)
    .where(eq(staffMembers.merchantId, merchantId));
}

describe("removeStaffMember", () => {
  it("takes the user off the staff, ends their sessions and writes the audit log", async () => {
    const { db } = database;
    const merchant = await createMerchant(db);
    const owner = await addStaff(db, merchant.id, "owner");
    const cashier = await addStaff(db, merchant.id, "cashier");
    const session = await claimsOf(cashier.id);
    await removeStaffMember(db, {
      merchantId: merchant.id,
      userId: cashier.id,
      actor: { type: "staff", userId: owner.id },
      at,
    });
    expect(await staffOf(merchant.id)).toEqual([{ userId: owner.id }]);
    expect(await findSessionUser(db, session)).toBeNull();
    const log = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, merchant.id), eq(auditLog.action, "staff.remove")));
    expect(log).toMatchObject([
      {
        actorType: "staff",
        actorId: owner.id,
        targetType: "user",
        targetId: cashier.id,
        details: { role: "cashier" },
        createdAt: at,
      },
    ]);
  });

  it("refuses to remove the last owner, and changes nothing", async () => {
    const { db } = database;
    const merchant = await createMerchant(db);
    const owner = await addStaff(db, merchant.id, "owner");
    const session = await claimsOf(owner.id);
    await expect(
      removeStaffMember(db, { merchantId: merchant.id, userId: owner.id, actor: { type: "staff", userId: owner.id } }),
    ).rejects.toMatchObject({ code: "last_owner" });
    expect(await staffOf(merchant.id)).toEqual([{ userId: owner.id }]);
    expect(await findSessionUser(db, session)).toMatchObject({ id: owner.id });
    expect(await db.select().from(auditLog).where(eq(auditLog.merchantId, merchant.id))).toHaveLength(0);
  });

  it("removes an owner while another owner remains", async () => {
    const { db } = database;
    const merchant = await createMerchant(db);
    const first = await addStaff(db, merchant.id, "owner");
    const second = await addStaff(db, merchant.id, "owner");
    await removeStaffMember(db, {
      merchantId: merchant.id,
      userId: first.id,
      actor: { type: "staff", userId: second.id },
    });
    expect(await staffOf(merchant.id)).toEqual([{ userId: second.id }]);
  });

  it("does not find a staff member of another merchant", async () => {
    const { db } = database;
    const merchant = await createMerchant(db);
    const other = await createMerchant(db);
    const owner = await addStaff(db, merchant.id, "owner");
    const theirs = await addStaff(db, other.id, "cashier");
    await expect(
      removeStaffMember(db, { merchantId: merchant.id, userId: theirs.id, actor: { type: "staff", userId: owner.id } }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await staffOf(other.id)).toEqual([{ userId: theirs.id }]);
  });

  it.runIf(onPostgres)("lets only one of two owners removing each other at once succeed", async () => {
    const { db } = database;
    const merchant = await createMerchant(db);
    const first = await addStaff(db, merchant.id, "owner");
    const second = await addStaff(db, merchant.id, "owner");
    const results = await Promise.allSettled([
      removeStaffMember(db, { merchantId: merchant.id, userId: second.id, actor: { type: "staff", userId: first.id } }),
      removeStaffMember(db, { merchantId: merchant.id, userId: first.id, actor: { type: "staff", userId: second.id } }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "last_owner" } });
    expect(await staffOf(merchant.id)).toHaveLength(1);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { auditLog } from "@/db/schema";
import { createMerchant } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { recordAudit } from "./record-audit";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("recordAudit", () => {
  it("records who did what to which object, with details", async () => {
    const { db } = database;
    const merchant = await createMerchant(db);
    const at = new Date("2026-05-01T12:00:00Z");
    const row = await db.transaction((tx) =>
      recordAudit(tx, {
        merchantId: merchant.id,
        actor: { type: "api_key", apiKeyId: "key-1" },
        action: "voucher.use",
        targetType: "voucher",
        targetId: "v-1",
        details: { code: "ABCD-EFGH" },
        at,
      }),
    );
    expect(row).toMatchObject({
      merchantId: merchant.id,
      actorType: "api_key",
      actorId: "key-1",
      action: "voucher.use",
      targetType: "voucher",
      targetId: "v-1",
      details: { code: "ABCD-EFGH" },
      createdAt: at,
    });
    const system = await db.transaction((tx) =>
      recordAudit(tx, { merchantId: merchant.id, actor: { type: "system" }, action: "sweep.run" }),
    );
    expect(system).toMatchObject({ actorType: "system", actorId: null, targetType: null, targetId: null, details: {} });
  });

  it("commits or rolls back with the transaction it is given", async () => {
    const { db } = database;
    const merchant = await createMerchant(db);
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, { merchantId: merchant.id, actor: { type: "system" }, action: "points.adjust" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.select().from(auditLog).where(eq(auditLog.merchantId, merchant.id))).toHaveLength(0);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { redemptions } from "@/db/schema";
import type { PublicUser } from "@/lib/auth/register-user";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { createMember, createProgram, createReward, createUser } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase } from "@/lib/testing/test-database";

// As in staff-action.test.ts: the session is whoever the test says, the database the test's.
let database: Database;
let sessionUser: PublicUser | null = null;
vi.mock("@/lib/dal/session", () => ({ getSessionUser: async () => sessionUser }));
// The member's language comes from the request's cookie; there is no request here.
vi.mock("@/lib/i18n/request", () => ({ requestLocale: async () => "en" }));
vi.mock("@/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db")>()),
  getDb: async () => database.db,
}));
const { redeemRewardAction } = await import("@/app/(member)/p/[slug]/actions");

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("the member's redeemRewardAction, through memberAction", () => {
  it("spends once for one confirmation's key, however often it is sent, and needs a key", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const shopper = await createUser(db);
    const member = await createMember(db, program, { userId: shopper.id });
    await recordPurchase(db, {
      merchantId: merchant.id,
      memberId: member.id,
      amountMinor: 30_000,
      actor: { type: "system" },
    });
    const reward = await createReward(db, program, { costPoints: 100 });
    sessionUser = { id: shopper.id, email: shopper.email, name: null, locale: "en" };

    const press = { programSlug: program.slug, rewardId: reward.id, idempotencyKey: "confirmation-0001" };
    const first = await redeemRewardAction(press);
    const again = await redeemRewardAction(press);
    expect(first).toMatchObject({ ok: true, data: { dashboard: { member: { balance: 200 } } } });
    expect(again).toMatchObject({
      ok: true,
      data: { voucher: first.ok ? first.data.voucher : null, dashboard: { member: { balance: 200 } } },
    });
    expect(await db.select().from(redemptions).where(eq(redemptions.memberId, member.id))).toHaveLength(1);

    const keyless = await redeemRewardAction({ programSlug: program.slug, rewardId: reward.id } as typeof press);
    expect(keyless).toMatchObject({
      ok: false,
      error: "invalid_input",
      fieldErrors: { idempotencyKey: expect.any(Array) },
    });
    expect((await expectLedgerConsistent(db, member.id)).pointsBalance).toBe(200);
  });
});

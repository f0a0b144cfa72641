import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { members, pointEntries, type ProgramSettings } from "@/db/schema";
import { createMember, createProgram } from "@/lib/testing/factories";
import { expectLedgerConsistent } from "@/lib/testing/ledger-assertions";
import { createTestDatabase } from "@/lib/testing/test-database";
import { recordReferral } from "./record-referral";

const system = { type: "system" } as const;
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function setup(
  referral: ProgramSettings["referral"] = { referrerPoints: 50, refereePoints: 25, maxPerMember: 2 },
) {
  const { db } = database;
  const created = await createProgram(db, { tiers: [], settings: { referral } });
  const referrer = await createMember(db, created.program);
  return { ...created, referrer };
}

async function state(memberId: string) {
  const { db } = database;
  const member = await expectLedgerConsistent(db, memberId);
  const entries = await db
    .select()
    .from(pointEntries)
    .where(eq(pointEntries.memberId, memberId))
    .orderBy(pointEntries.id);
  return {
    balance: member.pointsBalance,
    referredBy: member.referredByMemberId,
    awardKeys: entries.map((entry) => entry.awardKey),
  };
}

describe("recordReferral", () => {
  it("pays the referrer and the new member, links them, and explains both entries", async () => {
    const { db } = database;
    const { merchant, program, referrer, version } = await setup();
    const friend = await createMember(db, program);
    const result = await recordReferral(db, {
      merchantId: merchant.id,
      referrerCode: referrer.referralCode,
      newMemberId: friend.id,
      actor: system,
    });
    expect(result).toEqual({ referrerId: referrer.id, referrerPoints: 50, refereePoints: 25, referrerCapped: false });
    expect(await state(referrer.id)).toEqual({ balance: 50, referredBy: null, awardKeys: [`referral:${friend.id}`] });
    expect(await state(friend.id)).toEqual({ balance: 25, referredBy: referrer.id, awardKeys: ["referred"] });
    const [entry] = await db.select().from(pointEntries).where(eq(pointEntries.memberId, friend.id));
    expect(entry).toMatchObject({
      kind: "bonus",
      programVersionId: version.id,
      explanation: [{ ruleKey: "referral:referee", label: "referred by a friend", points: 25 }],
    });
  });

  it("accepts the code as a person types it", async () => {
    const { db } = database;
    const { merchant, program, referrer } = await setup();
    const friend = await createMember(db, program);
    const typed = ` ${referrer.referralCode.slice(0, 4).toLowerCase()}-${referrer.referralCode.slice(4)} `;
    expect(
      (
        await recordReferral(db, {
          merchantId: merchant.id,
          referrerCode: typed,
          newMemberId: friend.id,
          actor: system,
        })
      ).refereePoints,
    ).toBe(25);
  });

  it("refuses a self-referral and changes nothing", async () => {
    const { db } = database;
    const { merchant, referrer } = await setup();
    await expect(
      recordReferral(db, {
        merchantId: merchant.id,
        referrerCode: referrer.referralCode,
        newMemberId: referrer.id,
        actor: system,
      }),
    ).rejects.toMatchObject({ code: "self_referral" });
    expect(await state(referrer.id)).toEqual({ balance: 0, referredBy: null, awardKeys: [] });
  });

  it("refuses a second referral of the same member, by anyone, and two members referring each other", async () => {
    const { db } = database;
    const { merchant, program, referrer } = await setup();
    const friend = await createMember(db, program);
    const another = await createMember(db, program);
    await recordReferral(db, {
      merchantId: merchant.id,
      referrerCode: referrer.referralCode,
      newMemberId: friend.id,
      actor: system,
    });
    for (const code of [referrer.referralCode, another.referralCode]) {
      await expect(
        recordReferral(db, { merchantId: merchant.id, referrerCode: code, newMemberId: friend.id, actor: system }),
      ).rejects.toMatchObject({ code: "already_referred" });
    }
    await expect(
      recordReferral(db, {
        merchantId: merchant.id,
        referrerCode: friend.referralCode,
        newMemberId: referrer.id,
        actor: system,
      }),
    ).rejects.toMatchObject({ code: "self_referral" });
    expect(await state(referrer.id)).toEqual({ balance: 50, referredBy: null, awardKeys: [`referral:${friend.id}`] });
    expect(await state(friend.id)).toEqual({ balance: 25, referredBy: referrer.id, awardKeys: ["referred"] });
    expect(await state(another.id)).toEqual({ balance: 0, referredBy: null, awardKeys: [] });
  });

  it("pays the referrer for at most maxPerMember referrals; later friends are still linked and paid", async () => {
    const { db } = database;
    const { merchant, program, referrer } = await setup();
    const friends = [await createMember(db, program), await createMember(db, program), await createMember(db, program)];
    const results = [];
    for (const friend of friends) {
      results.push(
        await recordReferral(db, {
          merchantId: merchant.id,
          referrerCode: referrer.referralCode,
          newMemberId: friend.id,
          actor: system,
        }),
      );
    }
    expect(results.map((result) => [result.referrerPoints, result.refereePoints, result.referrerCapped])).toEqual([
      [50, 25, false],
      [50, 25, false],
      [0, 25, true],
    ]);
    expect((await state(referrer.id)).balance).toBe(100);
    for (const friend of friends)
      expect(await state(friend.id)).toMatchObject({ balance: 25, referredBy: referrer.id });
  });

  it("takes a cap of 0 as no cap", async () => {
    const { db } = database;
    const { merchant, program, referrer } = await setup({ referrerPoints: 10, refereePoints: 0, maxPerMember: 0 });
    for (let i = 0; i < 4; i++) {
      const friend = await createMember(db, program);
      await recordReferral(db, {
        merchantId: merchant.id,
        referrerCode: referrer.referralCode,
        newMemberId: friend.id,
        actor: system,
      });
      expect(await state(friend.id)).toMatchObject({ balance: 0, referredBy: referrer.id, awardKeys: [] });
    }
    expect((await state(referrer.id)).balance).toBe(40);
  });

  it("does not find a code of another merchant or an unknown code", async () => {
    const { db } = database;
    const { merchant, program } = await setup();
    const elsewhere = await setup();
    const friend = await createMember(db, program);
    for (const referrerCode of [elsewhere.referrer.referralCode, "ZZZZZZZZ"]) {
      await expect(
        recordReferral(db, { merchantId: merchant.id, referrerCode, newMemberId: friend.id, actor: system }),
      ).rejects.toMatchObject({
        code: "not_found",
      });
    }
    await expect(
      recordReferral(db, {
        merchantId: elsewhere.merchant.id,
        referrerCode: elsewhere.referrer.referralCode,
        newMemberId: friend.id,
        actor: system,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await state(friend.id)).toEqual({ balance: 0, referredBy: null, awardKeys: [] });
    const [referrer] = await db.select().from(members).where(eq(members.id, elsewhere.referrer.id));
    expect(referrer!.pointsBalance).toBe(0);
  });

  it("links a new member once when the same referral is posted many times at once", async () => {
    const { db } = database;
    const { merchant, program, referrer } = await setup();
    const friend = await createMember(db, program);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        recordReferral(db, {
          merchantId: merchant.id,
          referrerCode: referrer.referralCode,
          newMemberId: friend.id,
          actor: system,
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") expect(outcome.reason).toMatchObject({ code: "already_referred" });
    }
    expect((await state(referrer.id)).balance).toBe(50);
    expect((await state(friend.id)).balance).toBe(25);
  });
});

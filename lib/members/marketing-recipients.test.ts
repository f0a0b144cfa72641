import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { createMember, createProgram, createUser } from "@/lib/testing/factories";
import { createSegment, updateMember } from "@/lib/testing/rules-factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { marketingRecipients } from "./marketing-recipients";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const now = new Date("2026-06-15T12:00:00Z");
const verifiedAt = new Date("2026-06-01T08:00:00Z");

describe("marketingRecipients", () => {
  it("chooses only active members who consented and whose account's address is verified", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const person = async (options: { verified: boolean; consent: boolean; name: string }) => {
      const user = await createUser(db, { emailVerified: options.verified ? verifiedAt : null, locale: "lv" });
      const member = await createMember(db, program, { userId: user.id, name: options.name });
      await updateMember(db, member.id, {
        marketingConsent: options.consent,
        joinedAt: new Date(now.getTime() - 86_400_000),
      });
      return { user, member };
    };
    const chosen = await person({ verified: true, consent: true, name: "Verified and willing" });
    await person({ verified: false, consent: true, name: "Consented, never verified" });
    await person({ verified: true, consent: false, name: "Verified, no consent" });
    const closed = await person({ verified: true, consent: true, name: "Closed" });
    await updateMember(db, closed.member.id, { status: "closed" });
    // Enrolled at the counter with an address nobody has confirmed.
    const walkIn = await createMember(db, program, { name: "No account" });
    await updateMember(db, walkIn.id, { marketingConsent: true });

    expect(await marketingRecipients(db, { merchantId: merchant.id, programId: program.id, now })).toEqual([
      { memberId: chosen.member.id, name: "Verified and willing", email: chosen.user.email, locale: "lv" },
    ]);
  });

  it("narrows to a segment, and finds nothing of another merchant's program", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const other = await createProgram(db);
    const user = await createUser(db, { emailVerified: verifiedAt });
    const member = await createMember(db, program, { userId: user.id });
    await updateMember(db, member.id, { marketingConsent: true, tierKey: "silver" });
    const silver = await createSegment(db, program, { tierKeys: ["silver"] });
    const gold = await createSegment(db, program, { tierKeys: ["gold"] });
    const input = { merchantId: merchant.id, programId: program.id, now };
    expect(await marketingRecipients(db, { ...input, segmentId: silver.id })).toMatchObject([{ memberId: member.id }]);
    expect(await marketingRecipients(db, { ...input, segmentId: gold.id })).toEqual([]);
    await expect(marketingRecipients(db, { ...input, merchantId: other.merchant.id })).rejects.toMatchObject({
      code: "not_found",
    });
    const theirs = await createSegment(db, other.program, {});
    await expect(marketingRecipients(db, { ...input, segmentId: theirs.id })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

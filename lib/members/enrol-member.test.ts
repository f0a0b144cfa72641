import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import * as codes from "@/lib/codes";
import { createMember, createProgram, createUser } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { enrolMember } from "./enrol-member";

// Member numbers and referral codes are random; the tests hand out a taken one first.
vi.mock("@/lib/codes", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/codes")>();
  return { ...real, newMemberNumber: vi.fn(real.newMemberNumber), randomCode: vi.fn(real.randomCode) };
});

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("enrolling a member whose random number is already taken", () => {
  it("retries with another number inside the sign-up transaction", async () => {
    const { db } = database;
    const { program } = await createProgram(db, { tiers: [] });
    const first = await createMember(db, program);
    vi.mocked(codes.newMemberNumber).mockReturnValueOnce(first.memberNumber);
    const user = await createUser(db);

    // As sign-up does: the account and the membership in one transaction.
    const member = await db.transaction((tx) =>
      enrolMember(tx, { programId: program.id, userId: user.id, email: user.email, name: "Second" }),
    );

    expect(member.memberNumber).not.toBe(first.memberNumber);
    expect(member.memberNumber).toMatch(/^\d{10}$/);
    expect(member.userId).toBe(user.id);
  });

  it("retries a referral code clash the same way", async () => {
    const { db } = database;
    const { program } = await createProgram(db, { tiers: [] });
    const first = await createMember(db, program);
    vi.mocked(codes.randomCode).mockReturnValueOnce(first.referralCode);

    const member = await db.transaction((tx) =>
      enrolMember(tx, { programId: program.id, email: "clash@example.test" }),
    );

    expect(member.referralCode).not.toBe(first.referralCode);
  });

  it("still refuses a second membership of the same person", async () => {
    const { db } = database;
    const { program } = await createProgram(db, { tiers: [] });
    const first = await createMember(db, program);
    const email = first.email!;

    await db.transaction(async (tx) => {
      await expect(enrolMember(tx, { programId: program.id, email })).rejects.toMatchObject({ code: "already_member" });
      const other = await enrolMember(tx, { programId: program.id, email: `other-${email}` });
      expect(other.email).toBe(`other-${email}`);
    });
  });
});

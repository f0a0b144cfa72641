import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { members, users } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { createProgram } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { hashPassword } from "./password";
import { signUp, signUpLimit } from "./sign-up";

vi.mock("./password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./password")>();
  return { ...actual, hashPassword: vi.fn(actual.hashPassword) };
});

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const now = new Date("2026-03-01T12:00:00Z");
const person = (email: string, ipAddress: string) => ({
  email,
  password: "a good password",
  name: "Ada",
  ipAddress,
  now,
});

describe("signUp", () => {
  it("creates the account and its membership of the program it was opened from", async () => {
    const { db } = database;
    const { program } = await createProgram(db);
    const user = await signUp(db, { ...person("ada@example.test", "10.5.0.1"), programSlug: program.slug });
    const [member] = await db.select().from(members).where(eq(members.userId, user.id));
    expect(member).toMatchObject({ programId: program.id, email: "ada@example.test" });
  });

  it("refuses sign-ups from one address past the limit before hashing, taken e-mails included", async () => {
    const { db } = database;
    await signUp(db, person("taken@example.test", "10.5.0.9"));
    for (let i = 0; i < signUpLimit.limit; i++) {
      const email = i % 2 === 0 ? `crowd-${i}@example.test` : "taken@example.test";
      await signUp(db, person(email, "10.5.0.2")).catch((error: unknown) => {
        if (!isAppError(error, "email_taken")) throw error;
      });
    }
    const hashes = vi.mocked(hashPassword).mock.calls.length;
    const refused = await signUp(db, person("one-more@example.test", "10.5.0.2")).catch((error: unknown) => error);
    expect(isAppError(refused, "too_many_sign_ups")).toBe(true);
    expect(vi.mocked(hashPassword).mock.calls.length).toBe(hashes);
    expect(await db.select().from(users).where(eq(users.email, "one-more@example.test"))).toEqual([]);
    // Another address is not held back.
    await expect(signUp(db, person("one-more@example.test", "10.5.0.3"))).resolves.toMatchObject({
      email: "one-more@example.test",
    });
  });
});

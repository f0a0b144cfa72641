import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import { createTestDatabase } from "@/lib/testing/test-database";
import { changePassword, changePasswordLimit } from "./change-password";
import { verifyPassword } from "./password";
import { registerUser } from "./register-user";
import { currentSessionVersion, findSessionUser } from "./session-claims";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

let serial = 0;
async function userWithPassword(password: string) {
  serial += 1;
  const user = await registerUser(database.db, { email: `change-${serial}@example.test`, password });
  return { user, claims: { userId: user.id, sessionVersion: await currentSessionVersion(database.db, user.id) } };
}

async function passwordHashOf(userId: string) {
  const [row] = await database.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row!.passwordHash!;
}

describe("changePassword", () => {
  it("sets the new password and ends the sessions opened with the old one", async () => {
    const { db } = database;
    const { user, claims } = await userWithPassword("old password");
    await changePassword(db, { userId: user.id, currentPassword: "old password", newPassword: "new password" });
    expect(await verifyPassword(await passwordHashOf(user.id), "new password")).toBe(true);
    expect(await verifyPassword(await passwordHashOf(user.id), "old password")).toBe(false);
    expect(await findSessionUser(db, claims)).toBeNull();
  });

  it("refuses a wrong current password on its field and changes nothing", async () => {
    const { db } = database;
    const { user, claims } = await userWithPassword("old password");
    const before = await passwordHashOf(user.id);
    await expect(
      changePassword(db, { userId: user.id, currentPassword: "a guess", newPassword: "new password" }),
    ).rejects.toMatchObject({
      code: "invalid_credentials",
      details: { field: "currentPassword", validation: "wrongPassword" },
    });
    expect(await passwordHashOf(user.id)).toBe(before);
    expect(await findSessionUser(db, claims)).toMatchObject({ id: user.id });
  });

  it("refuses a new password outside the length rules", async () => {
    const { db } = database;
    const { user, claims } = await userWithPassword("old password");
    await expect(
      changePassword(db, { userId: user.id, currentPassword: "old password", newPassword: "short" }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      details: { field: "newPassword", validation: "passwordTooShort" },
    });
    await expect(
      changePassword(db, { userId: user.id, currentPassword: "old password", newPassword: "x".repeat(65) }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      details: { field: "newPassword", validation: "passwordTooLong" },
    });
    expect(await findSessionUser(db, claims)).toMatchObject({ id: user.id });
  });

  it("counts guesses of the current password: past the limit even the right one is refused", async () => {
    const { db } = database;
    const { user } = await userWithPassword("old password");
    const now = new Date("2026-03-01T10:00:00Z");
    const attempt = (currentPassword: string) =>
      changePassword(db, { userId: user.id, currentPassword, newPassword: "new password", now }).then(
        () => "changed",
        (error: { code?: string }) => error.code,
      );
    for (let i = 0; i < changePasswordLimit.limit; i++) expect(await attempt("guess")).toBe("invalid_credentials");
    expect(await attempt("old password")).toBe("rate_limited");
    expect(await verifyPassword(await passwordHashOf(user.id), "old password")).toBe(true);
  });

  it("clears the count once the right current password is given", async () => {
    const { db } = database;
    const { user } = await userWithPassword("old password");
    const now = new Date("2026-03-01T10:00:00Z");
    for (let i = 0; i < changePasswordLimit.limit - 1; i++) {
      await changePassword(db, { userId: user.id, currentPassword: "guess", newPassword: "x".repeat(10), now }).catch(
        () => {},
      );
    }
    await changePassword(db, { userId: user.id, currentPassword: "old password", newPassword: "new password", now });
    const again = await changePassword(db, {
      userId: user.id,
      currentPassword: "wrong",
      newPassword: "newer password",
      now,
    }).catch((error: { code?: string }) => error.code);
    expect(again).toBe("invalid_credentials");
  });
});

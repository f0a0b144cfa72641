import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import { createUser } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { endSessions } from "./end-sessions";
import { currentSessionVersion, findSessionUser } from "./session-claims";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** The claims a token issued now would carry, as the jwt callback writes them at sign-in. */
async function issueClaims(userId: string) {
  return { userId, sessionVersion: await currentSessionVersion(database.db, userId) };
}

describe("findSessionUser", () => {
  it("accepts a token issued under the current session version", async () => {
    const { db } = database;
    const user = await createUser(db);
    expect(await findSessionUser(db, await issueClaims(user.id))).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      locale: "en",
      emailVerified: false,
    });
  });

  it("refuses a token issued before the version was bumped, and accepts one issued after", async () => {
    const { db } = database;
    const user = await createUser(db);
    const before = await issueClaims(user.id);
    await endSessions(db, { userId: user.id });
    expect(await findSessionUser(db, before)).toBeNull();
    expect(await findSessionUser(db, await issueClaims(user.id))).toMatchObject({ id: user.id });
  });

  it("refuses a token without a version, and one for a deleted account", async () => {
    const { db } = database;
    const user = await createUser(db);
    const claims = await issueClaims(user.id);
    expect(await findSessionUser(db, { userId: user.id })).toBeNull();
    expect(await findSessionUser(db, { userId: null, sessionVersion: 0 })).toBeNull();
    await db.delete(users).where(eq(users.id, user.id));
    expect(await findSessionUser(db, claims)).toBeNull();
  });

  it("reports whether the e-mail address is verified", async () => {
    const { db } = database;
    const user = await createUser(db, { emailVerified: new Date("2026-05-01T12:00:00Z") });
    expect(await findSessionUser(db, await issueClaims(user.id))).toMatchObject({ emailVerified: true });
  });
});

describe("endSessions", () => {
  it("with ifVersion, lets only a current token move the version on", async () => {
    const { db } = database;
    const user = await createUser(db);
    const stale = await issueClaims(user.id);
    await endSessions(db, { userId: user.id, ifVersion: stale.sessionVersion! });
    const current = await issueClaims(user.id);
    // Replaying the stale cookie's sign-out must not end the session issued since.
    await endSessions(db, { userId: user.id, ifVersion: stale.sessionVersion! });
    expect(await findSessionUser(db, current)).toMatchObject({ id: user.id });
  });
});

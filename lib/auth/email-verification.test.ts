import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { users, verificationTokens } from "@/db/schema";
import { createUser } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import {
  emailVerificationRules,
  hashVerificationToken,
  issueEmailVerification,
  verificationIdentifier,
} from "./issue-email-verification";
import { sendVerificationMail } from "./send-verification-mail";
import { verifyEmail } from "./verify-email";

let database: Database;
let outbox: string;
beforeAll(async () => {
  database = await createTestDatabase();
  outbox = await mkdtemp(path.join(tmpdir(), "loyalty-verify-"));
});
afterAll(async () => {
  await database.close();
  await rm(outbox, { recursive: true, force: true });
});

const now = new Date("2026-03-29T00:30:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

async function verifiedAt(userId: string) {
  const [row] = await database.db.select({ at: users.emailVerified }).from(users).where(eq(users.id, userId));
  return row!.at;
}

describe("e-mail verification", () => {
  it("stores only a digest of the token and verifies the address once", async () => {
    const { db } = database;
    const user = await createUser(db);
    const token = await issueEmailVerification(db, { email: user.email, now });
    const stored = await db
      .select()
      .from(verificationTokens)
      .where(eq(verificationTokens.identifier, verificationIdentifier(user.email)));
    expect(stored).toEqual([
      {
        identifier: verificationIdentifier(user.email),
        token: hashVerificationToken(token),
        expires: later(emailVerificationRules.validForMs),
      },
    ]);
    expect(stored[0]!.token).not.toContain(token);

    expect(await verifyEmail(db, { token, now: later(60_000) })).toBe("verified");
    expect(await verifiedAt(user.id)).toEqual(later(60_000));
    expect(await verifyEmail(db, { token, now: later(120_000) })).toBe("invalid");
    expect(await verifiedAt(user.id)).toEqual(later(60_000));
  });

  it("refuses an expired link and a made-up one, and verifies nothing", async () => {
    const { db } = database;
    const user = await createUser(db);
    const token = await issueEmailVerification(db, { email: user.email, now });
    expect(await verifyEmail(db, { token: "not-a-token", now })).toBe("invalid");
    expect(await verifyEmail(db, { token: "", now })).toBe("invalid");
    expect(await verifyEmail(db, { token: "x".repeat(10_000), now })).toBe("invalid");
    expect(await verifyEmail(db, { token, now: later(emailVerificationRules.validForMs) })).toBe("expired");
    expect(await verifiedAt(user.id)).toBeNull();
  });

  it("keeps only the latest link, and refuses a new one within a minute of the last", async () => {
    const { db } = database;
    const user = await createUser(db);
    const first = await issueEmailVerification(db, { email: user.email, now });
    await expect(issueEmailVerification(db, { email: user.email, now: later(30_000) })).rejects.toMatchObject({
      code: "rate_limited",
    });
    const second = await issueEmailVerification(db, {
      email: user.email,
      now: later(emailVerificationRules.resendAfterMs),
    });
    expect(await verifyEmail(db, { token: first, now: later(120_000) })).toBe("invalid");
    expect(await verifyEmail(db, { token: second, now: later(120_000) })).toBe("verified");
  });

  it("mails a link in the person's language that verifies their address", async () => {
    const { db } = database;
    process.env.OUTBOX_DIR = outbox;
    process.env.APP_URL = "https://rewards.example/";
    try {
      const user = await createUser(db, { locale: "lv", name: "Dace" });
      const sent = await sendVerificationMail(db, {
        user: { email: user.email, name: user.name, locale: user.locale },
        now,
      });
      // Quoted-printable may wrap long lines ("=" at the end) and escape "=" as "=3D".
      const eml = (await readFile(sent.outboxFile!, "utf8")).replace(/=\r?\n/g, "").replaceAll("=3D", "=");
      expect(eml).toContain(`To: ${user.email}`);
      expect(eml).toContain("Sveiki, Dace!");
      const link = /https:\/\/rewards\.example\/verify-email\?token=([\w-]+)/.exec(eml);
      expect(link).not.toBeNull();
      expect(await verifyEmail(db, { token: link![1]!, now: later(60_000) })).toBe("verified");
      expect(await verifiedAt(user.id)).toEqual(later(60_000));
    } finally {
      delete process.env.OUTBOX_DIR;
      delete process.env.APP_URL;
    }
  });
});

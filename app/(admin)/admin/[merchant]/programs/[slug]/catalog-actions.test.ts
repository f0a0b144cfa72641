import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { badges, programContent, rewards } from "@/db/schema";
import type { PublicUser } from "@/lib/auth/register-user";
import { addStaff, createMember, createProgram, createUser } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";

// The builder's actions through the real staffAction: the session is whoever the test says,
// the database is the test's, and authorization is the real code.
let database: Database;
let sessionUser: PublicUser | null = null;
vi.mock("@/lib/dal/session", () => ({ getSessionUser: async () => sessionUser }));
vi.mock("@/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db")>()),
  getDb: async () => database.db,
}));
process.env.UPLOADS_DIR = mkdtempSync(path.join(tmpdir(), "catalog-uploads-"));
const { saveRewardAction, archiveRewardAction } = await import("./rewards/actions");
const { saveBadgeAction, removeBadgeAction } = await import("./badges/actions");
const { saveChallengeAction } = await import("./challenges/actions");
const { saveContentAction } = await import("./content/actions");

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => {
  sessionUser = null;
});

const asSession = (user: { id: string; email: string }) => {
  sessionUser = { id: user.id, email: user.email, name: null, locale: "en" };
};

// The first bytes of a PNG are what saveImage reads the type from.
const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])], {
  type: "image/png",
});

function rewardForm(merchantSlug: string, programSlug: string, extra: Record<string, string | Blob> = {}) {
  const form = new FormData();
  const fields = {
    merchantSlug,
    programSlug,
    name: "Tote bag",
    kind: "gift",
    costPoints: "300",
    stock: "1",
    currency: "EUR",
    locale: "en",
    name_lv: "Auduma soma",
    ...extra,
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

async function setting() {
  const { db } = database;
  const { merchant, program } = await createProgram(db);
  return {
    merchant,
    program,
    manager: await addStaff(db, merchant.id, "manager"),
    cashier: await addStaff(db, merchant.id, "cashier"),
    member: await createUser(db),
  };
}

describe("the catalog sections' actions", () => {
  it("let a manager add a reward with an uploaded image, and keep the form's input on a refusal", async () => {
    const { db } = database;
    const { merchant, program, manager } = await setting();
    asSession(manager);
    const refused = await saveRewardAction(rewardForm(merchant.slug, program.slug, { costPoints: "0" }));
    expect(refused).toMatchObject({
      ok: false,
      error: "invalid_input",
      fieldErrors: { costPoints: ["invalid"] },
      values: { name: "Tote bag", name_lv: "Auduma soma" },
    });
    const saved = await saveRewardAction(rewardForm(merchant.slug, program.slug, { image: png }));
    expect(saved.ok).toBe(true);
    const [reward] = await db.select().from(rewards).where(eq(rewards.programId, program.id));
    expect(reward).toMatchObject({ name: "Tote bag", stock: 1, translations: { lv: { name: "Auduma soma" } } });
    expect(reward!.imageUrl).toMatch(/^\/uploads\/[0-9a-f]{40}\.png$/);
  });

  it("refuse a file that is not an image on the image field", async () => {
    const { merchant, program, manager } = await setting();
    asSession(manager);
    const result = await saveRewardAction(
      rewardForm(merchant.slug, program.slug, { image: new Blob(["<svg/>"], { type: "image/svg+xml" }) }),
    );
    expect(result).toMatchObject({ ok: false, error: "invalid_input", fieldErrors: { image: ["imageType"] } });
  });

  it("refuse a cashier and a member, changing nothing", async () => {
    const { db } = database;
    const { merchant, program, cashier, member } = await setting();
    const shopper = await createMember(db, program);
    for (const user of [cashier, member]) {
      asSession(user);
      const calls = [
        saveRewardAction(rewardForm(merchant.slug, program.slug)),
        archiveRewardAction({ merchantSlug: merchant.slug, rewardId: shopper.id, archived: true }),
        saveBadgeAction({
          merchantSlug: merchant.slug,
          programSlug: program.slug,
          name: "Regular",
          criterion: "visits",
        }),
        removeBadgeAction({ merchantSlug: merchant.slug, programSlug: program.slug, key: "regular" }),
        saveChallengeAction({
          merchantSlug: merchant.slug,
          programSlug: program.slug,
          name: "December",
          criterion: "visits",
          target: "4",
          startsAt: "2026-12-01T00:00",
          endsAt: "2027-01-01T00:00",
        }),
        saveContentAction({ merchantSlug: merchant.slug, programSlug: program.slug, title: "Preview" }),
      ];
      for (const result of await Promise.all(calls)) expect(result).toMatchObject({ ok: false, error: "forbidden" });
    }
    expect(await db.select().from(rewards).where(eq(rewards.programId, program.id))).toHaveLength(0);
    expect(await db.select().from(programContent).where(eq(programContent.programId, program.id))).toHaveLength(0);
    expect(await db.select().from(badges).where(eq(badges.merchantId, merchant.id))).toHaveLength(0);
  });

  it("do not reach another merchant's program from a manager's own merchant", async () => {
    const { db } = database;
    const mine = await setting();
    const theirs = await createProgram(db);
    asSession(mine.manager);
    expect(
      await saveBadgeAction({
        merchantSlug: mine.merchant.slug,
        programSlug: theirs.program.slug,
        name: "Regular",
        criterion: "visits",
      }),
    ).toMatchObject({ ok: false, error: "not_found" });
    expect(await saveRewardAction(rewardForm(mine.merchant.slug, theirs.program.slug))).toMatchObject({
      ok: false,
      error: "not_found",
    });
  });
});

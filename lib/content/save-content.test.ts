import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { programContent } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { createProgram } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { removeContent, saveContent } from "./save-content";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const preview = {
  title: "Spring collection preview",
  body: "Gold members shop it a week early.",
  url: "https://example.test/spring",
  minTierKey: "gold",
  availableFrom: "2027-03-01T10:00",
  availableUntil: "2027-03-08T10:00",
  position: 1,
  translations: { fa: { name: "پیش‌نمایش بهاره" } },
} as const;

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, field: error.details?.field };
}

describe("saveContent", () => {
  it("adds, edits in place and removes members-only content", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { timeZone: "Europe/Riga" });
    const ref = { merchantId: merchant.id, programId: program.id };
    const saved = await saveContent(db, { ...ref, content: preview });
    expect(saved).toMatchObject({
      title: "Spring collection preview",
      minTierKey: "gold",
      availableFrom: new Date("2027-03-01T08:00:00Z"),
      translations: { fa: { name: "پیش‌نمایش بهاره" } },
    });
    const edited = await saveContent(db, {
      ...ref,
      contentId: saved.id,
      content: { ...preview, title: "Spring preview", minTierKey: null },
    });
    expect(edited).toMatchObject({ id: saved.id, title: "Spring preview", minTierKey: null });
    await removeContent(db, { merchantId: merchant.id, contentId: saved.id });
    expect(await db.select().from(programContent).where(eq(programContent.programId, program.id))).toHaveLength(0);
  });

  it("refuses bad input and changes nothing", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const ref = { merchantId: merchant.id, programId: program.id };
    for (const [change, field] of [
      [{ title: "" }, "title"],
      [{ url: "javascript:alert(1)" }, "url"],
      [{ minTierKey: "diamond" }, "minTierKey"],
      [{ availableUntil: "2027-02-01T10:00" }, "availableUntil"],
    ] as const) {
      expect(await refusal(saveContent(db, { ...ref, content: { ...preview, ...change } }))).toEqual({
        code: "invalid_input",
        field,
      });
    }
    expect(await db.select().from(programContent).where(eq(programContent.programId, program.id))).toHaveLength(0);
  });

  it("does not find another merchant's program or content", async () => {
    const { db } = database;
    const mine = await createProgram(db);
    const theirs = await createProgram(db);
    const their = await saveContent(db, {
      merchantId: theirs.merchant.id,
      programId: theirs.program.id,
      content: preview,
    });
    expect(
      await refusal(saveContent(db, { merchantId: mine.merchant.id, programId: theirs.program.id, content: preview })),
    ).toEqual({ code: "not_found", field: undefined });
    expect(
      await refusal(
        saveContent(db, {
          merchantId: mine.merchant.id,
          programId: mine.program.id,
          contentId: their.id,
          content: { ...preview, minTierKey: null, title: "Taken" },
        }),
      ),
    ).toEqual({ code: "not_found", field: undefined });
    expect(await refusal(removeContent(db, { merchantId: mine.merchant.id, contentId: their.id }))).toEqual({
      code: "not_found",
      field: undefined,
    });
    const [unchanged] = await db.select().from(programContent).where(eq(programContent.id, their.id));
    expect(unchanged?.title).toBe("Spring collection preview");
  });
});

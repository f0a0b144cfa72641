import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { badges, challenges, programVersions } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { createProgram } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { createDraftVersion } from "./create-draft-version";
import { publishDraftVersion } from "./publish-draft-version";
import { removeDraftBadge } from "./remove-draft-badge";
import { removeDraftChallenge } from "./remove-draft-challenge";
import { saveDraftBadge } from "./save-draft-badge";
import { saveDraftChallenge } from "./save-draft-challenge";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const regular = {
  name: "Regular",
  description: "Ten visits",
  icon: "coffee",
  criterion: "visits",
  target: "10",
  translations: { tr: { name: "Müdavim" } },
} as const;

const december = {
  name: "December streak",
  criterion: "visits",
  target: 4,
  startsAt: "2026-12-01T00:00",
  endsAt: "2027-01-01T00:00",
  prizePoints: 200,
  requiresOptIn: true,
} as const;

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, field: error.details?.field };
}

async function draftRows(programId: string) {
  const { db } = database;
  const [draft] = await db
    .select()
    .from(programVersions)
    .where(and(eq(programVersions.programId, programId), eq(programVersions.status, "draft")));
  if (!draft) return { draft: null, badges: [], challenges: [] };
  return {
    draft,
    badges: await db.select().from(badges).where(eq(badges.programVersionId, draft.id)),
    challenges: await db.select().from(challenges).where(eq(challenges.programVersionId, draft.id)),
  };
}

describe("saveDraftBadge", () => {
  it("opens a draft, adds the badge with a key from its name, and leaves the published version alone", async () => {
    const { db } = database;
    const { merchant, program, version } = await createProgram(db);
    const saved = await saveDraftBadge(db, { merchantId: merchant.id, programId: program.id, badge: regular });
    expect(saved).toMatchObject({ key: "regular", name: "Regular", icon: "coffee", target: 10 });
    expect(saved.translations).toEqual({ tr: { name: "Müdavim" } });
    const { draft, badges: rows } = await draftRows(program.id);
    expect(draft?.number).toBe(2);
    expect(rows.map((row) => row.key)).toEqual(["regular"]);
    expect(await db.select().from(badges).where(eq(badges.programVersionId, version.id))).toHaveLength(0);
  });

  it("edits keep the key, a second badge of the same name gets a new one, and a published key is never reused", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const ref = { merchantId: merchant.id, programId: program.id };
    await saveDraftBadge(db, { ...ref, badge: regular });
    await publishDraftVersion(db, ref);
    const edited = await saveDraftBadge(db, { ...ref, badge: { ...regular, key: "regular", name: "Loyal regular" } });
    expect(edited).toMatchObject({ key: "regular", name: "Loyal regular" });
    await removeDraftBadge(db, { ...ref, key: "regular" });
    // "regular" lives on in the published version: a new badge named so must not inherit its awards.
    const again = await saveDraftBadge(db, { ...ref, badge: regular });
    expect(again.key).toBe("regular_2");
    expect((await draftRows(program.id)).badges.map((row) => row.key)).toEqual(["regular_2"]);
  });

  it("refuses bad input and changes nothing", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const ref = { merchantId: merchant.id, programId: program.id };
    await createDraftVersion(db, ref);
    for (const [change, field] of [
      [{ name: " " }, "name"],
      [{ criterion: "lottery" }, "criterion"],
      [{ target: "0" }, "target"],
      [{ icon: "skull" }, "icon"],
    ] as const) {
      expect(await refusal(saveDraftBadge(db, { ...ref, badge: { ...regular, ...change } as never }))).toEqual({
        code: "invalid_input",
        field,
      });
    }
    expect(await refusal(saveDraftBadge(db, { ...ref, badge: { ...regular, key: "missing" } }))).toEqual({
      code: "not_found",
      field: undefined,
    });
    expect((await draftRows(program.id)).badges).toHaveLength(0);
  });

  it("does not find another merchant's program or badge", async () => {
    const { db } = database;
    const mine = await createProgram(db);
    const theirs = await createProgram(db);
    await saveDraftBadge(db, { merchantId: theirs.merchant.id, programId: theirs.program.id, badge: regular });
    const foreign = { merchantId: mine.merchant.id, programId: theirs.program.id };
    expect(await refusal(saveDraftBadge(db, { ...foreign, badge: { ...regular, key: "regular", name: "X" } }))).toEqual(
      { code: "not_found", field: undefined },
    );
    expect(await refusal(removeDraftBadge(db, { ...foreign, key: "regular" }))).toEqual({
      code: "not_found",
      field: undefined,
    });
    expect((await draftRows(theirs.program.id)).badges.map((row) => row.name)).toEqual(["Regular"]);
  });
});

describe("saveDraftChallenge", () => {
  it("adds a challenge with its window in the program's time zone and a prize badge of the draft", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db, { timeZone: "Asia/Baku" });
    const ref = { merchantId: merchant.id, programId: program.id };
    await saveDraftBadge(db, { ...ref, badge: regular });
    const saved = await saveDraftChallenge(db, { ...ref, challenge: { ...december, prizeBadgeKey: "regular" } });
    expect(saved).toMatchObject({
      key: "december_streak",
      prizePoints: 200,
      prizeBadgeKey: "regular",
      requiresOptIn: true,
      startsAt: new Date("2026-11-30T20:00:00Z"),
      endsAt: new Date("2026-12-31T20:00:00Z"),
    });
    const edited = await saveDraftChallenge(db, {
      ...ref,
      challenge: { ...december, key: saved.key, name: "Holiday streak", target: 6 },
    });
    expect(edited).toMatchObject({ id: saved.id, key: "december_streak", name: "Holiday streak", target: 6 });
    // Removing the prize badge leaves the challenge without a badge prize rather than a dangling key.
    await removeDraftBadge(db, { ...ref, key: "regular" });
    expect((await draftRows(program.id)).challenges[0]!.prizeBadgeKey).toBeNull();
    await removeDraftChallenge(db, { ...ref, key: saved.key });
    expect((await draftRows(program.id)).challenges).toHaveLength(0);
  });

  it("refuses bad input and another merchant, changing nothing", async () => {
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const other = await createProgram(db);
    const ref = { merchantId: merchant.id, programId: program.id };
    await createDraftVersion(db, ref);
    for (const [change, field] of [
      [{ endsAt: "2026-11-01T00:00" }, "endsAt"],
      [{ startsAt: "" }, "startsAt"],
      [{ prizePoints: -1 }, "prizePoints"],
      [{ prizeBadgeKey: "ghost" }, "prizeBadgeKey"],
    ] as const) {
      expect(await refusal(saveDraftChallenge(db, { ...ref, challenge: { ...december, ...change } as never }))).toEqual(
        { code: "invalid_input", field },
      );
    }
    expect(
      await refusal(
        saveDraftChallenge(db, { merchantId: other.merchant.id, programId: program.id, challenge: december }),
      ),
    ).toEqual({ code: "not_found", field: undefined });
    expect(await refusal(removeDraftChallenge(db, { ...ref, key: "nothing" }))).toEqual({
      code: "not_found",
      field: undefined,
    });
    expect((await draftRows(program.id)).challenges).toHaveLength(0);
  });
});

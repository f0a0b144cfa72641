import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { members, programContent } from "@/db/schema";
import { getMemberDashboard } from "@/lib/members/member-dashboard";
import { createMember, createProgram } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { listMemberContent } from "./program-content";

const now = new Date("2026-03-10T10:00:00Z");
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function club() {
  const { db } = database;
  const created = await createProgram(db); // silver (0), gold (500), platinum (2000)
  const ref = { merchantId: created.merchant.id, programId: created.program.id };
  // Rows straight in the table: the staff side (saveContent) has its own tests.
  const save = (content: Partial<typeof programContent.$inferInsert> & { title: string }) =>
    db.insert(programContent).values({ ...ref, ...content });
  const silverMember = await createMember(db, created.program);
  await db.update(members).set({ tierKey: "silver" }).where(eq(members.id, silverMember.id));
  const goldMember = await createMember(db, created.program);
  await db.update(members).set({ tierKey: "gold" }).where(eq(members.id, goldMember.id));
  return { ...created, ref, save, silverMember, goldMember };
}

describe("members-only content", () => {
  it("shows each member what their tier unlocks inside the window, and the rest locked with the tier it needs", async () => {
    const { db } = database;
    const { ref, save, silverMember, goldMember } = await club();
    await save({ title: "Care guide", body: "How to look after leather.", position: 1 });
    await save({
      title: "Early access: spring sale",
      body: "Shop two days early.",
      url: "https://example.test/early",
      minTierKey: "gold",
      position: 2,
      translations: { lv: { name: "Agrā piekļuve", description: "Iepērcies divas dienas agrāk." } },
    });
    await save({ title: "Last year's lookbook", availableUntil: new Date("2026-01-01T00:00:00Z"), position: 3 });
    await save({ title: "Summer preview", availableFrom: new Date("2026-06-01T00:00:00Z"), position: 4 });

    const silver = await listMemberContent(db, { ...ref, member: silverMember, now });
    expect(silver).toEqual([
      expect.objectContaining({
        title: "Care guide",
        body: "How to look after leather.",
        locked: false,
        minTier: null,
      }),
      expect.objectContaining({
        title: "Early access: spring sale",
        body: null,
        url: null,
        locked: true,
        minTier: { key: "gold", name: "Gold" },
      }),
    ]);
    const gold = await listMemberContent(db, { ...ref, member: { tierKey: "gold" }, now, locale: "lv" });
    expect(gold[1]).toMatchObject({
      title: "Agrā piekļuve",
      body: "Iepērcies divas dienas agrāk.",
      url: "https://example.test/early",
      locked: false,
    });
    // A higher tier sees it too, and no tier at all sees it locked.
    expect((await listMemberContent(db, { ...ref, member: { tierKey: "platinum" }, now }))[1]!.locked).toBe(false);
    expect((await listMemberContent(db, { ...ref, member: { tierKey: null }, now }))[1]!.locked).toBe(true);

    // The dashboard carries the same list.
    const [row] = await db.select().from(members).where(eq(members.id, goldMember.id));
    const dashboard = await getMemberDashboard(db, row!, { now: now });
    expect(dashboard.content.map((item) => [item.title, item.locked])).toEqual([
      ["Care guide", false],
      ["Early access: spring sale", false],
    ]);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { programs, tiers } from "@/db/schema";
import { getMemberDashboard } from "@/lib/members/member-dashboard";
import { findMember } from "@/lib/members/load-member";
import { createMember, createProgram, createReward } from "@/lib/testing/factories";
import { createTestDatabase } from "@/lib/testing/test-database";
import { localizeContent } from "./localize-content";
import { forgetVersionDefinitions } from "./version-definitions";

describe("localizeContent", () => {
  const tier = {
    name: "Gold",
    description: "Our best members",
    perks: ["Free delivery"],
    translations: {
      fa: { name: "طلایی", perks: ["ارسال رایگان"] },
      lv: { name: "Zelts", description: "" },
      tr: { description: "En iyi üyelerimiz" },
    },
  };

  it("takes each field in the member's language", () => {
    expect(localizeContent(tier, "fa", "en")).toMatchObject({
      name: "طلایی",
      description: "Our best members",
      perks: ["ارسال رایگان"],
    });
  });

  it("falls back field by field to the program's default language, then to the row", () => {
    expect(localizeContent(tier, "tr", "lv")).toMatchObject({ name: "Zelts", description: "En iyi üyelerimiz" });
    // An empty translation counts as missing.
    expect(localizeContent(tier, "lv", "en")).toMatchObject({ name: "Zelts", description: "Our best members" });
    expect(localizeContent(tier, "az", "en")).toMatchObject({ name: "Gold", perks: ["Free delivery"] });
  });

  it("returns a new object and leaves the (possibly cached) row alone", () => {
    const copy = localizeContent(tier, "fa", "en");
    expect(copy).not.toBe(tier);
    expect(tier.name).toBe("Gold");
  });
});

describe("the member dashboard in the member's language", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it("shows tier and reward names in Persian, and in the default language where none is written", async () => {
    const { db } = database;
    const { program, version } = await createProgram(db, { tiers: [{ key: "gold", threshold: 0 }] });
    await db.update(programs).set({ defaultLocale: "lv" }).where(eq(programs.id, program.id));
    await db
      .update(tiers)
      .set({ translations: { fa: { name: "طلایی" } } })
      .where(eq(tiers.programVersionId, version.id));
    forgetVersionDefinitions();
    await createReward(db, program, { name: "Kafija", translations: { fa: { name: "قهوه" } } });
    await createReward(db, program, { name: "Krūze", translations: { lv: { description: "Liela krūze" } } });
    const joined = await createMember(db, program);
    const member = await findMember(db, { merchantId: program.merchantId, memberId: joined.id });

    const inPersian = await getMemberDashboard(db, member, { locale: "fa" });
    expect(inPersian.tiers.map((tier) => tier.name)).toEqual(["طلایی"]);
    expect(inPersian.rewards.map((reward) => reward.name).sort()).toEqual(["Krūze", "قهوه"]);
    expect(inPersian.rewards.find((reward) => reward.name === "Krūze")?.description).toBe("Liela krūze");

    const inEnglish = await getMemberDashboard(db, member, { locale: "en" });
    expect(inEnglish.tiers.map((tier) => tier.name)).toEqual(["Gold"]);
  });
});

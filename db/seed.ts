import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import {
  badges,
  challenges,
  earningRules,
  merchants,
  offers,
  programVersions,
  programs,
  rewards,
  segments,
  staffMembers,
  stores,
  tiers,
} from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { registerUser } from "@/lib/auth/register-user";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { joinProgram } from "@/lib/members/join-program";
import { redeemReward } from "@/lib/rewards/redeem-reward";
import { addCalendarDays, localDate, localDayOfWeek, startOfLocalDay } from "@/lib/time-zone";

export const demo = {
  merchantSlug: "northwind-coffee",
  programSlug: "northwind-rewards",
  password: "demo-password",
  owner: "owner@demo.test",
  manager: "manager@demo.test",
  cashier: "cashier@demo.test",
  shopper: "shopper@demo.test",
  // Published on purpose: it belongs to the local demo only, and lets the README show API calls.
  apiKey: "lk_demo_northwind_0123456789abcdefghijklmnopqr",
} as const;

const firstNames = [
  "Anna",
  "Bahram",
  "Chloé",
  "Dace",
  "Elif",
  "Farid",
  "Gunita",
  "Hendrik",
  "Ilze",
  "Jamal",
  "Kerem",
  "Lerato",
  "Mina",
  "Nigar",
  "Oskars",
  "Pieter",
  "Rüya",
  "Sanaz",
  "Thabo",
  "Ugne",
  "Vusi",
  "Yasmin",
  "Zeynep",
  "Aytan",
  "Janis",
  "Leyla",
  "Marta",
  "Reza",
  "Sipho",
  "Toms",
  "Emre",
  "Nadia",
  "Kaveh",
  "Liga",
  "Ruan",
  "Selin",
];
const lastNames = [
  "Bērziņa",
  "Karimi",
  "Dubois",
  "Ozola",
  "Yılmaz",
  "Aliyev",
  "Kalniņa",
  "van der Merwe",
  "Liepa",
  "Hassan",
  "Demir",
  "Mokoena",
  "Rahimi",
  "Mammadova",
  "Kļaviņš",
  "Botha",
  "Aydın",
  "Ahmadi",
  "Nkosi",
  "Jansone",
  "Dlamini",
  "Hosseini",
  "Kaya",
  "Quliyeva",
  "Zariņš",
  "Huseynova",
  "Vītola",
  "Moradi",
  "Ndlovu",
  "Krūmiņš",
  "Şahin",
  "Naidoo",
  "Tehrani",
  "Eglīte",
  "Pretorius",
  "Çelik",
];

/** A small deterministic generator, so every fresh demo has the same history. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const demoTimeZone = "Europe/Riga";
const hourMs = 3_600_000;

/**
 * The demo's calendar is laid out from the start of the last local Monday at or before `now`,
 * so whatever day it is seeded (a Friday, the 1st of a month, a DST change), every member has
 * the same visits on the same weekdays, and so the same balance, tier and challenge progress.
 */
function demoCalendar(now: Date) {
  const today = localDate(now, demoTimeZone);
  const monday = addCalendarDays(today, -((localDayOfWeek(now, demoTimeZone) + 6) % 7));
  /** A local time `hours` into the day `days` before that Monday (never near midnight, so DST cannot move its date). */
  return (days: number, hours: number) =>
    new Date(startOfLocalDay(addCalendarDays(monday, -days), demoTimeZone).getTime() + hours * hourMs);
}

/**
 * Creates the demo merchant, its published program, staff, members with months of purchase
 * history, and an API key. Does nothing when the demo merchant already exists.
 */
export async function seedDemo(db: Db, now = new Date()): Promise<{ created: boolean }> {
  const [existing] = await db.select({ id: merchants.id }).from(merchants).where(eq(merchants.slug, demo.merchantSlug));
  if (existing) return { created: false };

  const daysBefore = demoCalendar(now);
  await db.transaction(async (tx) => {
    const [merchant] = await tx
      .insert(merchants)
      .values({ name: "Northwind Coffee", slug: demo.merchantSlug })
      .returning();
    const merchantId = merchant!.id;
    const [store] = await tx
      .insert(stores)
      .values([
        { merchantId, name: "Old Town", code: "OLD", address: "Kaļķu iela 1, Rīga" },
        { merchantId, name: "Harbour", code: "HRB", address: "Eksporta iela 5, Rīga" },
      ])
      .returning();

    for (const [email, role, name] of [
      [demo.owner, "owner", "Olivia Owner"],
      [demo.manager, "manager", "Max Manager"],
      [demo.cashier, "cashier", "Cara Cashier"],
    ] as const) {
      const user = await registerUser(tx, { email, password: demo.password, name, emailVerifiedAt: now });
      await tx.insert(staffMembers).values({ merchantId, userId: user.id, role });
    }

    const [program] = await tx
      .insert(programs)
      .values({
        merchantId,
        slug: demo.programSlug,
        name: "Northwind Rewards",
        description:
          "Earn a point for every euro you spend at Northwind Coffee, climb from Bronze to Gold, and swap points for coffee, treats and experiences.",
        brandColor: "#0f766e",
        currency: "EUR",
        timeZone: demoTimeZone,
        goal: "visit_frequency",
      })
      .returning();
    const programId = program!.id;
    const [version] = await tx
      .insert(programVersions)
      .values({
        merchantId,
        programId,
        number: 1,
        status: "published",
        publishedAt: daysBefore(200, 0),
        settings: {
          earnRate: { points: 1, perMinor: 100 },
          rounding: "down",
          minimumSpendMinor: 0,
          pointValueMinor: 1,
          expiry: { policy: "after_earning", months: 12 },
          referral: { referrerPoints: 50, refereePoints: 25, maxPerMember: 10 },
          // A rolling year rather than the calendar year, so a demo seeded in January has the same tiers.
          tierQualification: { basis: "points", window: "rolling_months", months: 12 },
        },
      })
      .returning();
    const programVersionId = version!.id;

    await tx.insert(tiers).values([
      {
        merchantId,
        programVersionId,
        key: "bronze",
        name: "Bronze",
        rank: 0,
        threshold: 0,
        color: "#b45309",
        perks: ["Birthday treat"],
      },
      {
        merchantId,
        programVersionId,
        key: "silver",
        name: "Silver",
        rank: 1,
        threshold: 250,
        earnMultiplierPercent: 125,
        color: "#64748b",
        perks: ["Birthday treat"],
      },
      {
        merchantId,
        programVersionId,
        key: "gold",
        name: "Gold",
        rank: 2,
        threshold: 1000,
        earnMultiplierPercent: 150,
        discountPercent: 5,
        color: "#ca8a04",
        perks: ["Birthday treat", "5% off every order", "Early access to seasonal drinks"],
      },
    ]);
    const [goldSegment] = await tx
      .insert(segments)
      .values({ merchantId, programId, name: "Gold members", rules: { tierKeys: ["gold"] } })
      .returning();
    await tx.insert(earningRules).values([
      {
        merchantId,
        programVersionId,
        key: "weekend_pastries",
        name: "Double points on pastries at weekends",
        kind: "campaign",
        multiplier: 200,
        conditions: { daysOfWeek: [0, 6], categories: ["bakery"] },
        position: 0,
      },
      {
        merchantId,
        programVersionId,
        key: "gold_fridays",
        name: "Gold Fridays",
        kind: "campaign",
        points: 20,
        conditions: { daysOfWeek: [5], segmentId: goldSegment!.id },
        position: 1,
      },
    ]);
    await tx.insert(offers).values({
      merchantId,
      programId,
      segmentId: goldSegment!.id,
      kind: "campaign",
      title: "Gold Fridays: 20 bonus points on every Friday visit",
      earningRuleKey: "gold_fridays",
    });
    await tx.insert(badges).values([
      {
        merchantId,
        programVersionId,
        key: "first_sip",
        name: "First sip",
        description: "Made your first purchase",
        icon: "coffee",
        criterion: "first_purchase",
        target: 1,
      },
      {
        merchantId,
        programVersionId,
        key: "regular",
        name: "Regular",
        description: "Visited 10 times",
        icon: "repeat",
        criterion: "visits",
        target: 10,
      },
      {
        merchantId,
        programVersionId,
        key: "connoisseur",
        name: "Connoisseur",
        description: "Spent €500 with us",
        icon: "gem",
        criterion: "spend",
        target: 50_000,
      },
      {
        merchantId,
        programVersionId,
        key: "treat_yourself",
        name: "Treat yourself",
        description: "Redeemed your first reward",
        icon: "gift",
        criterion: "first_redemption",
        target: 1,
      },
    ]);
    await tx.insert(challenges).values({
      merchantId,
      programVersionId,
      key: "three_visits",
      name: "Three visits in five weeks",
      description: "Visit three times in five weeks for 30 bonus points",
      criterion: "visits",
      target: 3,
      startsAt: daysBefore(7, 0),
      endsAt: daysBefore(-28, 0),
      prizePoints: 30,
    });

    const rewardRows = await tx
      .insert(rewards)
      .values([
        {
          merchantId,
          programId,
          name: "Extra shot",
          description: "An extra espresso shot or syrup in any drink",
          kind: "free_product",
          costPoints: 10,
          position: 0,
        },
        {
          merchantId,
          programId,
          name: "Free espresso",
          description: "Any single espresso drink",
          kind: "free_product",
          costPoints: 50,
          position: 1,
        },
        {
          merchantId,
          programId,
          name: "10% off your order",
          description: "One order, any size",
          kind: "percent_discount",
          value: 1_000,
          costPoints: 120,
          position: 2,
        },
        {
          merchantId,
          programId,
          name: "€5 off",
          description: "Off an order of €10 or more",
          kind: "fixed_discount",
          value: 500,
          costPoints: 200,
          position: 3,
        },
        {
          merchantId,
          programId,
          name: "Northwind tote bag",
          description: "Organic cotton, while stocks last",
          kind: "gift",
          costPoints: 300,
          stock: 25,
          perMemberLimit: 1,
          position: 4,
        },
        {
          merchantId,
          programId,
          name: "Barista masterclass",
          description: "Two hours behind the bar with our head barista",
          kind: "experience",
          costPoints: 600,
          stock: 1,
          minTierKey: "silver",
          position: 5,
        },
      ])
      .returning();

    await createApiKey(tx, {
      merchantId,
      name: "Demo POS",
      scopes: ["members:read", "members:write", "purchases:write", "rewards:read", "rewards:write"],
      secret: demo.apiKey,
    });

    const shopper = await registerUser(tx, {
      email: demo.shopper,
      password: demo.password,
      name: "Sam Shopper",
      emailVerifiedAt: now,
    });
    const next = random(20_261_122);
    const people = [
      { email: demo.shopper, name: "Sam Shopper", userId: shopper.id },
      ...firstNames.map((first, i) => ({
        email: `${first.toLowerCase()}.${i}@example.test`,
        name: `${first} ${lastNames[i]}`,
        userId: null,
      })),
    ];
    const system = { type: "system" } as const;
    for (const [i, person] of people.entries()) {
      const daysAgo = 20 + Math.floor(next() * 160);
      const joinedAt = daysBefore(daysAgo, 8);
      const member = await joinProgram(tx, {
        programId,
        userId: person.userId,
        email: person.email,
        name: person.name,
        joinedAt,
        storeId: store!.id,
        marketingConsent: next() < 0.6,
      });
      // Regulars visit every few days, occasional guests every few weeks.
      const everyDays = i % 4 === 0 ? 3 : i % 4 === 1 ? 9 : 21;
      let balance = 0;
      for (let day = daysAgo - 1; day > 0; day -= everyDays + Math.floor(next() * everyDays)) {
        const occurredAt = daysBefore(day, 9 + next() * 8);
        const amountMinor = 350 + Math.floor(next() * 40) * 50;
        ({ balance } = await recordPurchase(tx, {
          merchantId,
          memberId: member.id,
          amountMinor,
          occurredAt,
          actor: system,
          now: occurredAt,
        }));
      }
      const espresso = rewardRows[1]!;
      if (i % 3 === 0 && balance >= espresso.costPoints) {
        await redeemReward(tx, { merchantId, memberId: member.id, rewardId: espresso.id, actor: system });
      }
    }
  });
  return { created: true };
}

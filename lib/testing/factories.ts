import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import {
  merchants,
  programVersions,
  programs,
  rewards,
  staffMembers,
  tiers,
  users,
  type ProgramSettings,
  type StaffRole,
} from "@/db/schema";
import { joinProgram } from "@/lib/members/join-program";
import type { EarningSettings } from "@/lib/rules/earning-settings";

// Factories make unique rows so tests never collide, and take only what a test cares about.

const unique = () => randomUUID().slice(0, 8);

export const defaultSettings: ProgramSettings = {
  earnRate: { points: 1, perMinor: 100 },
  rounding: "down",
  minimumSpendMinor: 0,
  pointValueMinor: 1,
  expiry: { policy: "never", months: 0 },
  referral: { referrerPoints: 0, refereePoints: 0, maxPerMember: 0 },
  tierQualification: { basis: "points", window: "calendar_year", months: 12 },
};

export async function createUser(db: Db, overrides: Partial<typeof users.$inferInsert> = {}) {
  const [user] = await db
    .insert(users)
    .values({ email: `user-${unique()}@example.test`, name: "Test User", ...overrides })
    .returning();
  return user!;
}

export async function createMerchant(db: Db) {
  const [merchant] = await db
    .insert(merchants)
    .values({ name: "Test Merchant", slug: `merchant-${unique()}` })
    .returning();
  return merchant!;
}

/** A staff member with a verified address, as staff access requires. */
export async function addStaff(db: Db, merchantId: string, role: StaffRole) {
  const user = await createUser(db, { name: `A ${role}`, emailVerified: new Date("2026-01-01T00:00:00Z") });
  await db.insert(staffMembers).values({ merchantId, userId: user.id, role });
  return user;
}

export type TierSpec = { key: string; threshold: number; earnMultiplierPercent?: number };

export const threeTiers: TierSpec[] = [
  { key: "silver", threshold: 0 },
  { key: "gold", threshold: 500, earnMultiplierPercent: 150 },
  { key: "platinum", threshold: 2000, earnMultiplierPercent: 200 },
];

/** A merchant with one published program, its tiers, and a few rewards. */
export async function createProgram(
  db: Db,
  options: { settings?: Partial<EarningSettings>; tiers?: TierSpec[]; timeZone?: string; currency?: string } = {},
) {
  const merchant = await createMerchant(db);
  const [program] = await db
    .insert(programs)
    .values({
      merchantId: merchant.id,
      slug: `program-${unique()}`,
      name: "Test Rewards",
      currency: options.currency ?? "EUR",
      timeZone: options.timeZone ?? "Europe/Riga",
    })
    .returning();
  const [version] = await db
    .insert(programVersions)
    .values({
      merchantId: merchant.id,
      programId: program!.id,
      number: 1,
      status: "published",
      publishedAt: new Date(),
      settings: { ...defaultSettings, ...options.settings },
    })
    .returning();
  const tierSpecs = options.tiers ?? threeTiers;
  if (tierSpecs.length > 0) {
    await db.insert(tiers).values(
      tierSpecs.map((tier, rank) => ({
        merchantId: merchant.id,
        programVersionId: version!.id,
        key: tier.key,
        name: tier.key[0]!.toUpperCase() + tier.key.slice(1),
        rank,
        threshold: tier.threshold,
        earnMultiplierPercent: tier.earnMultiplierPercent ?? 100,
      })),
    );
  }
  return { merchant, program: program!, version: version! };
}

export async function createReward(
  db: Db,
  program: { id: string; merchantId: string },
  overrides: Partial<typeof rewards.$inferInsert> = {},
) {
  const [reward] = await db
    .insert(rewards)
    .values({
      merchantId: program.merchantId,
      programId: program.id,
      name: "Free coffee",
      kind: "free_product",
      costPoints: 100,
      ...overrides,
    })
    .returning();
  return reward!;
}

export async function createMember(
  db: Db,
  program: { id: string },
  overrides: { userId?: string; name?: string } = {},
) {
  return joinProgram(db, {
    programId: program.id,
    userId: overrides.userId,
    email: `member-${unique()}@example.test`,
    name: overrides.name ?? "Test Member",
  });
}

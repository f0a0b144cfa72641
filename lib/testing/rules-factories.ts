import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { earningRules, members, segments, stores, tiers, type SegmentRules } from "@/db/schema";
import type { EarningRule } from "@/lib/rules/compute-purchase-points";
import { forgetVersionDefinitions } from "@/lib/programs/version-definitions";

// Earning rules, stores, segments and member details for the rules, segments and version tests.

type RuleSpec = Partial<typeof earningRules.$inferInsert> & Pick<EarningRule, "key" | "kind">;

/** An earning rule row for the pure engine, without a database. */
export function earningRule(spec: Partial<EarningRule> & Pick<EarningRule, "key" | "kind">): EarningRule {
  return {
    id: randomUUID(),
    merchantId: randomUUID(),
    programVersionId: randomUUID(),
    name: spec.key,
    action: null,
    points: null,
    multiplier: null,
    giftRewardId: null,
    conditions: {},
    rolloutPercent: 100,
    translations: {},
    startsAt: null,
    endsAt: null,
    position: 0,
    ...spec,
  };
}

/** A tier row for the pure engine, without a database. */
export function tierRow(spec: Partial<typeof tiers.$inferSelect> & { key: string }): typeof tiers.$inferSelect {
  return {
    id: randomUUID(),
    merchantId: randomUUID(),
    programVersionId: randomUUID(),
    name: spec.key[0]!.toUpperCase() + spec.key.slice(1),
    rank: 0,
    threshold: 0,
    earnMultiplierPercent: 100,
    discountPercent: 0,
    translations: {},
    perks: [],
    color: "#64748b",
    priceMinor: null,
    periodMonths: null,
    ...spec,
  };
}

export async function addEarningRules(db: Db, version: { id: string; merchantId: string }, specs: RuleSpec[]) {
  if (specs.length === 0) return [];
  const rows = await db
    .insert(earningRules)
    .values(
      specs.map((spec, position) => ({
        name: spec.key,
        position,
        ...spec,
        merchantId: version.merchantId,
        programVersionId: version.id,
      })),
    )
    .returning();
  forgetVersionDefinitions();
  return rows;
}

export async function createStore(db: Db, merchantId: string, name = "Main street") {
  const [store] = await db
    .insert(stores)
    .values({ merchantId, name, code: `S-${randomUUID().slice(0, 8)}` })
    .returning();
  return store!;
}

export async function createSegment(
  db: Db,
  program: { id: string; merchantId: string },
  rules: SegmentRules,
  name = "Segment",
) {
  const [segment] = await db
    .insert(segments)
    .values({ merchantId: program.merchantId, programId: program.id, name, rules })
    .returning();
  return segment!;
}

type MemberDetails = Partial<
  Pick<
    typeof members.$inferInsert,
    "birthday" | "marketingConsent" | "tierKey" | "joinedAt" | "enrolledAtStoreId" | "status"
  >
>;

export async function updateMember(db: Db, memberId: string, details: MemberDetails) {
  const [member] = await db.update(members).set(details).where(eq(members.id, memberId)).returning();
  return member!;
}

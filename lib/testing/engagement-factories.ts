import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import {
  badges,
  challenges,
  members,
  purchases,
  redemptions,
  sweepstakes,
  tiers,
  type BadgeCriterion,
} from "@/db/schema";
import { appendEntry } from "@/lib/ledger/append-entry";
import { joinProgram, type Member } from "@/lib/members/join-program";
import { createReward } from "./factories";
import { forgetVersionDefinitions } from "@/lib/programs/version-definitions";

// Activity rows are written directly (not through recordPurchase or redeemReward), so these
// tests measure criteria alone, whatever those flows evaluate on their own.

type Version = { id: string; merchantId: string };
type Program = { id: string; merchantId: string };

export async function createBadge(
  db: Db,
  version: Version,
  badge: { key: string; criterion: BadgeCriterion; target?: number; name?: string },
) {
  const [row] = await db
    .insert(badges)
    .values({
      merchantId: version.merchantId,
      programVersionId: version.id,
      key: badge.key,
      name: badge.name ?? badge.key,
      criterion: badge.criterion,
      target: badge.target ?? 1,
    })
    .returning();
  forgetVersionDefinitions();
  return row!;
}

export async function createChallenge(
  db: Db,
  version: Version,
  challenge: {
    key: string;
    criterion: BadgeCriterion;
    target: number;
    startsAt: Date;
    endsAt: Date;
    prizePoints?: number;
    prizeBadgeKey?: string;
    requiresOptIn?: boolean;
    name?: string;
  },
) {
  const [row] = await db
    .insert(challenges)
    .values({
      merchantId: version.merchantId,
      programVersionId: version.id,
      key: challenge.key,
      name: challenge.name ?? challenge.key,
      criterion: challenge.criterion,
      target: challenge.target,
      startsAt: challenge.startsAt,
      endsAt: challenge.endsAt,
      prizePoints: challenge.prizePoints ?? 0,
      prizeBadgeKey: challenge.prizeBadgeKey ?? null,
      requiresOptIn: challenge.requiresOptIn ?? false,
    })
    .returning();
  forgetVersionDefinitions();
  return row!;
}

/** A completed sale, with the member's running totals moved as recordPurchase moves them. */
export async function addPurchase(
  db: Db,
  member: Pick<Member, "id" | "merchantId" | "programId">,
  purchase: { amountMinor: number; occurredAt: Date; status?: "completed" | "refunded" },
) {
  const refunded = purchase.status === "refunded";
  await db.insert(purchases).values({
    merchantId: member.merchantId,
    programId: member.programId,
    memberId: member.id,
    amountMinor: purchase.amountMinor,
    refundedMinor: refunded ? purchase.amountMinor : 0,
    status: purchase.status ?? "completed",
    currency: "EUR",
    occurredAt: purchase.occurredAt,
    actorType: "system",
  });
  if (refunded) return;
  await db
    .update(members)
    .set({
      visitCount: sql`${members.visitCount} + 1`,
      lifetimeSpendMinor: sql`${members.lifetimeSpendMinor} + ${purchase.amountMinor}`,
    })
    .where(eq(members.id, member.id));
}

export async function addRedemption(
  db: Db,
  member: Pick<Member, "id" | "merchantId" | "programId">,
  redemption: { createdAt: Date; status?: "completed" | "cancelled" },
) {
  const reward = await createReward(db, { id: member.programId, merchantId: member.merchantId });
  await db.insert(redemptions).values({
    merchantId: member.merchantId,
    memberId: member.id,
    rewardId: reward.id,
    pointsSpent: reward.costPoints,
    status: redemption.status ?? "completed",
    createdAt: redemption.createdAt,
  });
}

/** A new member of the program who joined through `referrer`'s link. */
export async function addReferral(db: Db, program: { id: string }, referrer: { id: string }, joinedAt: Date) {
  const member = await joinProgram(db, {
    programId: program.id,
    email: `referred-${randomUUID().slice(0, 8)}@example.test`,
    joinedAt,
  });
  await db.update(members).set({ referredByMemberId: referrer.id }).where(eq(members.id, member.id));
  return member;
}

/** Credits points through the ledger, as a staff adjustment would. */
export async function givePoints(db: Db, member: Pick<Member, "id" | "merchantId">, points: number) {
  return db.transaction((tx) =>
    appendEntry(tx, {
      merchantId: member.merchantId,
      memberId: member.id,
      kind: "adjust",
      points,
      actor: { type: "system" },
      reason: "test credit",
    }),
  );
}

/** A sweepstake, and unless `costPoints` is null, the reward that sells its entries. */
export async function createSweepstake(
  db: Db,
  program: Program,
  options: {
    drawAt: Date;
    winnersCount?: number;
    costPoints?: number | null;
    stock?: number | null;
    perMemberLimit?: number | null;
  },
) {
  const [sweepstake] = await db
    .insert(sweepstakes)
    .values({
      merchantId: program.merchantId,
      programId: program.id,
      name: "Summer draw",
      prize: "A bicycle",
      winnersCount: options.winnersCount ?? 1,
      drawAt: options.drawAt,
    })
    .returning();
  const costPoints = options.costPoints === undefined ? 50 : options.costPoints;
  const reward =
    costPoints === null
      ? null
      : await createReward(db, program, {
          name: "Sweepstake entry",
          kind: "sweepstake_entry",
          costPoints,
          stock: options.stock ?? null,
          perMemberLimit: options.perMemberLimit ?? null,
          sweepstakeId: sweepstake!.id,
        });
  return { sweepstake: sweepstake!, reward };
}

export async function createPaidTier(
  db: Db,
  version: Version,
  tier: { key: string; rank: number; priceMinor: number; periodMonths: number },
) {
  const [row] = await db
    .insert(tiers)
    .values({
      merchantId: version.merchantId,
      programVersionId: version.id,
      key: tier.key,
      name: tier.key[0]!.toUpperCase() + tier.key.slice(1),
      rank: tier.rank,
      threshold: 0,
      priceMinor: tier.priceMinor,
      periodMonths: tier.periodMonths,
    })
    .returning();
  forgetVersionDefinitions();
  return row!;
}

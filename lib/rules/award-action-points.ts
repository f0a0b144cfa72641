import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db";
import { memberActions, members, purchases, type MemberAction } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import type { PointEntry } from "@/lib/ledger/append-entry";
import { loadProgramContext } from "@/lib/programs/program-context";
import { memberSegments } from "@/lib/segments/member-segments";
import { localDate } from "@/lib/time-zone";
import { ruleApplies } from "./compute-purchase-points";
import { creditBonus } from "./credit-bonus";
import { birthdayModeOf, type BirthdayMode } from "./earning-settings";
import { isLeapYear, localDayOfWeek } from "@/lib/time-zone";
import { assertMembershipOpen } from "@/lib/members/assert-membership-open";
import { programReaches, ruleReaches } from "@/lib/rollout/rollout";

export type ActionAward =
  | { awarded: true; awardKey: string; points: number; entry: PointEntry }
  | {
      awarded: false;
      awardKey: string | null;
      /** `no_rule`: the version in force pays nothing for it; `not_due`: not the birthday (month). */
      reason: "already_awarded" | "no_rule" | "not_due";
    };

/**
 * Pays the points the version in force sets for a member action (its `action` earning rules,
 * summed when several apply), once per award key:
 * - sign_up and profile_completed once per member;
 * - birthday once per local year, in the birthday month or only on the day as the program
 *   says (`birthdayMode`, month by default); a 29 February birthday falls on 28 February in
 *   other years;
 * - review once per purchase: `purchaseId` names a sale of this member at this merchant, not
 *   refunded in full, so a caller cannot mint review points with made-up ids;
 * - custom once per `customKey`, paid by the action rules whose key is that custom key.
 * Referrals pay both sides and go through `recordReferral`. An action rule applies within its
 * window, on its days of the week and to its segment; store and category conditions concern
 * purchases and make an action rule never apply. Neither a member outside the program's pilot
 * nor one outside a rule's share is paid by it (`no_rule`).
 */
export async function awardActionPoints(
  db: Db,
  input: {
    merchantId: string;
    memberId: string;
    action: MemberAction;
    customKey?: string;
    /** For a review: the member's purchase the review is about. */
    purchaseId?: string;
    actor: Actor;
    now?: Date;
  },
): Promise<ActionAward> {
  const now = input.now ?? new Date();
  if (!memberActions.includes(input.action)) throw new AppError("invalid_input", "Unknown member action");
  if (input.action === "referral") throw new AppError("invalid_input", "Referrals are recorded with recordReferral");
  const fixedKey = awardKeyOf(input);

  return db.transaction(async (tx) => {
    const [member] = await tx
      .select()
      .from(members)
      .where(and(eq(members.id, input.memberId), eq(members.merchantId, input.merchantId)))
      .for("update");
    if (!member) throw new AppError("not_found", "Member not found");
    assertMembershipOpen(member);
    // awardKeyOf has checked that a review names a purchase id.
    if (input.action === "review") await assertReviewablePurchase(tx, member, input.purchaseId!);
    const context = await loadProgramContext(tx, { programId: member.programId, merchantId: input.merchantId });
    const timeZone = context.program.timeZone;

    let awardKey = fixedKey;
    if (input.action === "birthday") {
      const year = birthdayYearIfDue(
        member.birthday,
        localDate(now, timeZone),
        birthdayModeOf(context.version.settings),
      );
      if (year === null) return { awarded: false, awardKey: null, reason: "not_due" };
      awardKey = `birthday:${year}`;
    }
    if (!awardKey) throw new Error("Every action but birthday has a fixed award key");

    // Staged rollout (lib/rollout): outside the program's pilot nothing is paid; a piloted rule
    // pays only the members its share reaches.
    const reached = programReaches(context.program, member);
    const candidates = context.rules.filter(
      (rule) =>
        reached &&
        ruleReaches(rule, member.id) &&
        rule.kind === "action" &&
        rule.action === input.action &&
        (input.action !== "custom" || `custom:${rule.key}` === awardKey) &&
        (rule.points ?? 0) > 0,
    );
    const moment = { occurredAt: now, localDayOfWeek: localDayOfWeek(now, timeZone), storeId: null };
    const namedSegments = [...new Set(candidates.flatMap((rule) => rule.conditions.segmentId ?? []))];
    const segmentIds =
      namedSegments.length === 0
        ? []
        : await memberSegments(tx, {
            merchantId: input.merchantId,
            memberId: member.id,
            now,
            segmentIds: namedSegments,
          });
    const paying = candidates.filter(
      (rule) =>
        ruleApplies(rule, moment, segmentIds) &&
        !rule.conditions.categories?.length &&
        !rule.conditions.minimumSpendMinor,
    );
    const points = paying.reduce((sum, rule) => sum + (rule.points ?? 0), 0);
    if (points === 0) return { awarded: false, awardKey, reason: "no_rule" };

    const credited = await creditBonus(tx, {
      merchantId: input.merchantId,
      member,
      context,
      points,
      awardKey,
      explanation: paying.map((rule) => ({ ruleKey: `rule:${rule.key}`, label: rule.name, points: rule.points ?? 0 })),
      // Review points belong to the purchase reviewed, so refunding it takes them back with
      // what it earned, in proportion (all of them on a full refund).
      purchaseId: input.action === "review" ? input.purchaseId!.toLowerCase() : null,
      actor: input.actor,
      now,
    });
    if (!credited) return { awarded: false, awardKey, reason: "already_awarded" };
    return { awarded: true, awardKey, points, entry: credited.entry };
  });
}

function awardKeyOf(input: { action: MemberAction; customKey?: string; purchaseId?: string }): string | null {
  switch (input.action) {
    case "sign_up":
    case "profile_completed":
      return input.action;
    case "review": {
      // Lower case: one key per purchase however the caller spells the uuid.
      const purchaseId = input.purchaseId?.toLowerCase();
      if (!purchaseId || !z.uuid().safeParse(purchaseId).success) {
        throw new AppError("invalid_input", "A review award needs the id of the purchase reviewed");
      }
      return `review:${purchaseId}`;
    }
    case "custom": {
      const customKey = input.customKey?.trim();
      if (!customKey || !/^[a-z0-9]+([_-][a-z0-9]+)*$/.test(customKey) || customKey.length > 64) {
        throw new AppError("invalid_input", "A custom action needs the key of its earning rule");
      }
      return `custom:${customKey}`;
    }
    case "birthday":
    case "referral":
      return null;
  }
}

/**
 * A review pays only for a purchase of this member at this merchant, so review points cost a
 * real sale; a sale refunded in full does not count, or buying and returning would farm them.
 */
async function assertReviewablePurchase(tx: Tx, member: { id: string; merchantId: string }, purchaseId: string) {
  const [purchase] = await tx
    .select({ status: purchases.status })
    .from(purchases)
    .where(
      and(eq(purchases.id, purchaseId), eq(purchases.merchantId, member.merchantId), eq(purchases.memberId, member.id)),
    );
  if (!purchase) throw new AppError("not_found", "Purchase not found");
  if (purchase.status === "refunded")
    throw new AppError("invalid_input", "A refunded purchase cannot be reviewed for points");
}

/**
 * The local year whose birthday points are due today (YYYY-MM-DD in the program's time zone),
 * or null. Month mode: any day of the birthday month. Day mode: the birthday itself, with
 * 29 February kept on 28 February in years without one.
 */
export function birthdayYearIfDue(birthday: string | null, today: string, mode: BirthdayMode): number | null {
  if (!birthday) return null;
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  const [, birthMonth, birthDay] = birthday.split("-").map(Number) as [number, number, number];
  if (birthMonth !== month) return null;
  if (mode === "month") return year;
  const celebrated = birthMonth === 2 && birthDay === 29 && !isLeapYear(year) ? 28 : birthDay;
  return celebrated === day ? year : null;
}

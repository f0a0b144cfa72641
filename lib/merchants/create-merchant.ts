import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "@/db";
import {
  badges,
  challenges,
  earningRules,
  merchants,
  programContent,
  programVersions,
  programs,
  rewards,
  staffMembers,
  stores,
  tiers,
} from "@/db/schema";
import { isUniqueViolation } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { findTemplate, type TemplateProgram } from "@/lib/programs/templates";
import { earningRuleSchema, parseOrThrow, programSettingsSchema } from "@/lib/validation/rules";
import { createMerchantSchema, type CreateMerchantInput } from "@/lib/validation/merchants";

export type CreatedMerchant = {
  merchant: { id: string; slug: string; name: string };
  program: { id: string; slug: string; name: string };
  storeId: string;
};

const slugTaken = () => new AppError("invalid_input", "This slug is taken", { field: "slug", validation: "slugTaken" });

/**
 * Starts a merchant, in one transaction: the merchant with its defaults, the user as its
 * owner, a first store, and a first program built from a template and published as version 1
 * (rules, tiers, badges, challenges, rewards). The program's public page is `/p/{slug}`, the
 * merchant's slug. A taken slug is a field error on `slug`, and then nothing is written.
 */
export async function createMerchant(
  db: Db,
  input: CreateMerchantInput & { userId: string; logoUrl?: string | null; now?: Date },
): Promise<CreatedMerchant> {
  const now = input.now ?? new Date();
  const details = parseOrThrow(createMerchantSchema, input);
  const template = findTemplate(details.template);
  if (!template) throw new AppError("invalid_input", "Unknown template", { field: "template", validation: "invalid" });
  const content = template.build({ currency: details.currency, now });

  try {
    return await db.transaction(async (tx) => {
      await assertSlugFree(tx, details.slug);
      const [merchant] = await tx
        .insert(merchants)
        .values({
          name: details.name,
          slug: details.slug,
          currency: details.currency,
          timeZone: details.timeZone,
          defaultLocale: details.defaultLocale,
          brandColor: details.brandColor,
          logoUrl: input.logoUrl ?? null,
        })
        .returning();
      const merchantId = merchant!.id;
      await tx.insert(staffMembers).values({ merchantId, userId: input.userId, role: "owner" });
      const [store] = await tx.insert(stores).values({ merchantId, name: "Main store", code: "MAIN" }).returning();
      const program = await writeProgram(tx, {
        merchantId,
        slug: details.slug,
        name: `${details.name} Rewards`,
        currency: details.currency,
        timeZone: details.timeZone,
        defaultLocale: details.defaultLocale,
        brandColor: details.brandColor,
        logoUrl: input.logoUrl ?? null,
        goal: details.goal,
        content,
        now,
      });
      return {
        merchant: { id: merchantId, slug: merchant!.slug, name: merchant!.name },
        program,
        storeId: store!.id,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error, "merchants_slug_unique") || isUniqueViolation(error, "programs_slug_unique")) {
      throw slugTaken();
    }
    throw error;
  }
}

/** The slug names both the merchant (`/admin/{slug}`) and its first program (`/p/{slug}`). */
async function assertSlugFree(tx: Db, slug: string) {
  const [merchant] = await tx.select({ id: merchants.id }).from(merchants).where(eq(merchants.slug, slug));
  const [program] = await tx.select({ id: programs.id }).from(programs).where(eq(programs.slug, slug));
  if (merchant || program) throw slugTaken();
}

/** Whether a slug is free for a new merchant, for the form to say so before it is sent. */
export async function isMerchantSlugFree(db: Db, slug: string): Promise<boolean> {
  try {
    await assertSlugFree(db, slug);
    return true;
  } catch {
    return false;
  }
}

async function writeProgram(
  tx: Tx,
  input: {
    merchantId: string;
    slug: string;
    name: string;
    currency: string;
    timeZone: string;
    defaultLocale: string;
    brandColor: string;
    logoUrl: string | null;
    goal: z.output<typeof createMerchantSchema>["goal"];
    content: TemplateProgram;
    now: Date;
  },
) {
  const { merchantId, content } = input;
  const [program] = await tx
    .insert(programs)
    .values({
      merchantId,
      slug: input.slug,
      name: input.name,
      description: content.description,
      brandColor: input.brandColor,
      logoUrl: input.logoUrl,
      currency: input.currency,
      timeZone: input.timeZone,
      defaultLocale: input.defaultLocale,
      goal: input.goal,
      pointsLabel: content.pointsLabel,
    })
    .returning();
  const programId = program!.id;
  // Rewards first: certificates and gift rules name them by their template key.
  const rewardIds = new Map<string, string>();
  if (content.rewards.length > 0) {
    const written = await tx
      .insert(rewards)
      .values(
        content.rewards.map((reward, position) => ({
          merchantId,
          programId,
          position,
          name: reward.name,
          description: reward.description,
          kind: reward.kind,
          costPoints: reward.costPoints,
          value: reward.value ?? null,
          stock: reward.stock ?? null,
          minTierKey: reward.minTierKey ?? null,
          perMemberLimit: reward.perMemberLimit ?? null,
          voucherValidDays: reward.voucherValidDays ?? 30,
        })),
      )
      .returning({ id: rewards.id });
    content.rewards.forEach((reward, i) => {
      if (reward.key) rewardIds.set(reward.key, written[i]!.id);
    });
  }
  const rewardId = (key: string) => {
    const id = rewardIds.get(key);
    if (!id) throw new Error(`The template names a reward it does not have: ${key}`);
    return id;
  };
  const settings = parseOrThrow(programSettingsSchema, {
    ...content.settings,
    ...(content.certificates
      ? {
          certificates: {
            everyPoints: content.certificates.everyPoints,
            rewardId: rewardId(content.certificates.rewardKey),
          },
        }
      : {}),
  });
  const rules = content.rules.map(({ giftRewardKey, ...rule }) =>
    parseOrThrow(earningRuleSchema, giftRewardKey ? { ...rule, giftRewardId: rewardId(giftRewardKey) } : rule),
  );
  const [version] = await tx
    .insert(programVersions)
    .values({
      merchantId,
      programId,
      number: 1,
      status: "published",
      publishedAt: input.now,
      settings,
    })
    .returning();
  const programVersionId = version!.id;
  if (content.tiers.length > 0) {
    await tx.insert(tiers).values(
      content.tiers.map((tier, rank) => ({
        merchantId,
        programVersionId,
        rank,
        key: tier.key,
        name: tier.name,
        threshold: tier.threshold,
        earnMultiplierPercent: tier.earnMultiplierPercent ?? 100,
        discountPercent: tier.discountPercent ?? 0,
        perks: tier.perks ?? [],
        color: tier.color ?? "#64748b",
        priceMinor: tier.priceMinor ?? null,
        periodMonths: tier.periodMonths ?? null,
      })),
    );
  }
  if (rules.length > 0) {
    await tx.insert(earningRules).values(rules.map((rule) => ({ ...rule, merchantId, programVersionId })));
  }
  if (content.badges.length > 0) {
    await tx.insert(badges).values(content.badges.map((badge) => ({ ...badge, merchantId, programVersionId })));
  }
  if (content.challenges.length > 0) {
    await tx
      .insert(challenges)
      .values(content.challenges.map((challenge) => ({ ...challenge, merchantId, programVersionId })));
  }
  if (content.content && content.content.length > 0) {
    await tx.insert(programContent).values(
      content.content.map((item, position) => ({
        merchantId,
        programId,
        position,
        title: item.title,
        body: item.body,
        url: item.url ?? null,
        minTierKey: item.minTierKey ?? null,
      })),
    );
  }
  return { id: programId, slug: program!.slug, name: program!.name };
}

import { Gift, Lock, ShoppingBag, Sparkles } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/member/site-header";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RolloutNotice } from "@/components/member/rollout-notice";
import { loadMemberPage } from "@/lib/dal/pages";
import { minorUnitDigits } from "@/lib/money";
import { localizeContent } from "@/lib/programs/localize-content";
import { listMemberRewards } from "@/lib/rewards/list-rewards";
import { programReachesVisitor } from "@/lib/rollout/rollout";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  const { context } = await loadMemberPage((await params).slug, { requireMembership: false });
  return { title: context.program.name, description: context.program.description };
}

export default async function ProgramPage({ params }: Props) {
  const { slug } = await params;
  const { db, context, member, user, locale } = await loadMemberPage(slug, { requireMembership: false });
  const [t, format] = await Promise.all([getTranslations("program"), getFormatter()]);
  const { program, version } = context;
  const settings = version.settings;
  // Staged rollout: piloted rewards only for the members they reach; no join for a visitor the
  // program's pilot leaves out.
  const catalog = (await listMemberRewards(db, program.id, member)).map((reward) =>
    localizeContent(reward, locale, program.defaultLocale),
  );
  const open = Boolean(member) || programReachesVisitor(program, user);
  const tierName = (key: string | null) => context.tiers.find((tier) => tier.key === key)?.name ?? key;
  const amount = format.number(settings.earnRate.perMinor / 10 ** minorUnitDigits(program.currency), {
    style: "currency",
    currency: program.currency,
  });

  return (
    <div style={{ "--brand": program.brandColor } as React.CSSProperties}>
      <SiteHeader program={program} />
      <main id="main">
        <section className="bg-brand text-brand-foreground">
          <div className="mx-auto grid max-w-5xl gap-4 px-4 py-12 sm:py-16">
            <h1 className="text-3xl font-bold tracking-tight text-balance sm:text-5xl">{program.name}</h1>
            <p className="max-w-2xl text-lg opacity-90">{program.description}</p>
            {open ? (
              <div>
                <Link
                  href={member ? `/p/${slug}/dashboard` : `/p/${slug}/join`}
                  className={buttonVariants({ size: "lg", variant: "secondary" })}
                >
                  {member ? t("openDashboard") : t("join", { program: program.name })}
                </Link>
              </div>
            ) : (
              <RolloutNotice storesOnly={program.rolloutStoreIds.length > 0} />
            )}
          </div>
        </section>

        <div className="mx-auto grid max-w-5xl gap-10 px-4 py-10">
          <section aria-labelledby="earn" className="grid grid-cols-1 gap-4">
            <h2 id="earn" className="text-xl font-semibold">
              {t("howToEarn")}
            </h2>
            <Card>
              <CardContent className="flex items-start gap-4 pt-6">
                <ShoppingBag aria-hidden className="mt-1 size-6 shrink-0 text-brand" />
                <div className="grid gap-1">
                  <p className="font-medium">{t("earnRate", { points: settings.earnRate.points, amount })}</p>
                  <p className="text-sm text-muted-foreground">
                    {settings.expiry.policy === "never"
                      ? t("noExpiry")
                      : t("expiry", { months: settings.expiry.months })}
                  </p>
                </div>
              </CardContent>
            </Card>
          </section>

          {context.tiers.length > 0 ? (
            <section aria-labelledby="tiers" className="grid grid-cols-1 gap-4">
              <h2 id="tiers" className="text-xl font-semibold">
                {t("tiers")}
              </h2>
              <ol className="grid gap-4 sm:grid-cols-3">
                {context.tiers.map((tier) => (
                  <li key={tier.key}>
                    <Card className="h-full border-t-4" style={{ borderTopColor: tier.color }}>
                      <CardHeader>
                        <CardTitle>{tier.name}</CardTitle>
                        <CardDescription>{t("tierThreshold", { count: tier.threshold })}</CardDescription>
                      </CardHeader>
                      <CardContent>
                        <ul className="grid gap-1 text-sm">
                          {tier.earnMultiplierPercent !== 100 ? (
                            <li className="flex gap-2">
                              <Sparkles aria-hidden className="mt-0.5 size-4 shrink-0 text-brand" />
                              {t("tierMultiplier", { multiplier: format.number(tier.earnMultiplierPercent / 100) })}
                            </li>
                          ) : null}
                          {tier.perks.map((perk) => (
                            <li key={perk} className="flex gap-2">
                              <Sparkles aria-hidden className="mt-0.5 size-4 shrink-0 text-brand" />
                              {perk}
                            </li>
                          ))}
                        </ul>
                      </CardContent>
                    </Card>
                  </li>
                ))}
              </ol>
            </section>
          ) : null}

          <section aria-labelledby="rewards" className="grid grid-cols-1 gap-4">
            <h2 id="rewards" className="text-xl font-semibold">
              {t("rewards")}
            </h2>
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {catalog.map((reward) => (
                <li key={reward.id}>
                  <Card className="h-full">
                    <CardHeader>
                      <div className="flex items-start justify-between gap-2">
                        <CardTitle className="flex items-center gap-2">
                          <Gift aria-hidden className="size-5 text-brand" />
                          {reward.name}
                        </CardTitle>
                        <Badge variant="brand" className="shrink-0">
                          {t("rewardCost", { count: reward.costPoints })}
                        </Badge>
                      </div>
                      <CardDescription>{reward.description}</CardDescription>
                    </CardHeader>
                    <CardContent className="flex flex-wrap gap-2 text-xs">
                      {reward.stock !== null ? (
                        <Badge variant="warning">{t("limitedStock", { count: reward.stock })}</Badge>
                      ) : null}
                      {reward.minTierKey ? (
                        <Badge variant="outline" className="gap-1">
                          <Lock aria-hidden className="size-3" />
                          {t("minTier", { tier: tierName(reward.minTierKey) ?? "" })}
                        </Badge>
                      ) : null}
                    </CardContent>
                  </Card>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </main>
    </div>
  );
}

import { Coins, ExternalLink, PartyPopper, ShoppingBag, UserPlus, Users } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { Stat } from "@/components/ui/stat";
import { goalFigures } from "@/lib/analytics/goal-figures";
import { merchantOverview } from "@/lib/analytics/merchant-overview";
import { roleAllows } from "@/lib/auth/staff-access";
import { requireStaff } from "@/lib/dal/pages";
import { getDb } from "@/db";
import { GoalCard } from "./_components/goal-card";

export default async function MerchantOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ merchant: string }>;
  searchParams: Promise<{ welcome?: string }>;
}) {
  const [{ merchant: slug }, { welcome }] = await Promise.all([params, searchParams]);
  const counterOnly = await requireStaff(slug, "counter");
  if (!roleAllows(counterOnly.role, "viewProgram")) redirect(`/admin/${slug}/counter`);
  const { merchant } = await requireStaff(slug, "viewProgram");
  const db = await getDb();
  const [overview, goals, t, tGoal, format] = await Promise.all([
    merchantOverview(db, merchant.id),
    goalFigures(db, { merchantId: merchant.id, now: new Date() }),
    getTranslations("admin.overview"),
    getTranslations("adminOnboarding"),
    getFormatter(),
  ]);
  const firstProgram = goals[0];
  return (
    <div className="grid grid-cols-1 gap-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {welcome && firstProgram ? (
        <section
          aria-label={tGoal("welcome.title")}
          className="flex flex-wrap items-center gap-4 rounded-xl border border-success/40 bg-success/10 p-5"
        >
          <PartyPopper aria-hidden className="size-6 shrink-0 text-success" />
          <div className="grid min-w-0 flex-1 gap-1">
            <h2 className="font-semibold">{tGoal("welcome.title")}</h2>
            <p className="text-sm text-muted-foreground">
              {tGoal("welcome.body", { program: firstProgram.programName })}
            </p>
          </div>
          <Link href={`/p/${firstProgram.programSlug}`} className={buttonVariants({ className: "shrink-0" })}>
            <ExternalLink aria-hidden />
            {tGoal("welcome.openPublic")}
          </Link>
        </section>
      ) : null}
      {goals.map((figure) => (
        <GoalCard key={figure.programId} figure={figure} />
      ))}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label={t("members")} value={format.number(overview.members)} icon={<Users />} />
        <Stat label={t("newMembers30")} value={format.number(overview.newMembers30)} icon={<UserPlus />} />
        <Stat
          label={t("purchases30")}
          value={format.number(overview.purchases30)}
          hint={`${t("activeMembers30")}: ${format.number(overview.activeMembers30)}`}
          icon={<ShoppingBag />}
        />
        <Stat label={t("pointsOutstanding")} value={format.number(overview.outstandingPoints)} icon={<Coins />} />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t("tierDistribution")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          {overview.tiers.map((tier) => (
            <Progress
              key={tier.tierKey ?? "none"}
              tone="primary"
              label={tier.tierName ?? tier.tierKey ?? "—"}
              value={overview.members ? Math.round((tier.members / overview.members) * 100) : 0}
              valueText={format.number(tier.members)}
            />
          ))}
        </CardContent>
      </Card>
    </div>
  );
}

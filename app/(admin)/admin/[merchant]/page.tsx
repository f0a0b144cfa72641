import { Coins, ShoppingBag, UserPlus, Users } from "lucide-react";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { Stat } from "@/components/ui/stat";
import { merchantOverview } from "@/lib/analytics/merchant-overview";
import { roleAllows } from "@/lib/auth/staff-access";
import { requireStaff } from "@/lib/dal/pages";
import { getDb } from "@/db";

export default async function MerchantOverviewPage({ params }: { params: Promise<{ merchant: string }> }) {
  const { merchant: slug } = await params;
  const counterOnly = await requireStaff(slug, "counter");
  if (!roleAllows(counterOnly.role, "viewProgram")) redirect(`/admin/${slug}/counter`);
  const { merchant } = await requireStaff(slug, "viewProgram");
  const [overview, t, format] = await Promise.all([
    merchantOverview(await getDb(), merchant.id),
    getTranslations("admin.overview"),
    getFormatter(),
  ]);
  return (
    <div className="grid grid-cols-1 gap-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
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

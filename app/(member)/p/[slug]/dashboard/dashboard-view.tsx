"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ExternalLink, Gift, History, Lock, Sparkles, Ticket } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Progress } from "@/components/ui/progress";
import type { MemberDashboard } from "@/lib/members/member-dashboard";
import { calendarDateAsUtc } from "@/lib/time-zone";
import { minorUnitDigits } from "@/lib/money";
import { redeemRewardAction } from "../actions";
import { dashboardQuery } from "./dashboard-query";
import { RedeemDialog, type Voucher } from "./redeem-dialog";

type Reward = MemberDashboard["rewards"][number];

type Props = {
  programSlug: string;
  initialDashboard: MemberDashboard;
  /** Shown under the greeting, e.g. the reminder to verify the e-mail address. */
  notice?: React.ReactNode;
};

export function DashboardView({ programSlug, initialDashboard, notice }: Props) {
  const t = useTranslations("dashboard");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const query = dashboardQuery(programSlug, initialDashboard);
  const dashboard = useQuery(query).data ?? initialDashboard;
  const [chosen, setChosen] = useState<Reward | null>(null);
  const [voucher, setVoucher] = useState<Voucher | null>(null);

  const redeem = useMutation({
    mutationFn: async (request: { rewardId: string; idempotencyKey: string }) => {
      const result = await redeemRewardAction({ programSlug, ...request });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    onSuccess: (data) => {
      queryClient.setQueryData(query.queryKey, data.dashboard);
      setVoucher(data.voucher);
    },
    // Whatever went wrong, the catalog's locks may have changed (stock, balance): refresh them.
    onError: () => queryClient.invalidateQueries({ queryKey: query.queryKey }),
  });

  const { member, tier, program } = dashboard;
  const next = tier.next;
  const toNext = !next
    ? t("topTier")
    : program.basis === "spend"
      ? t("toNextTierSpend", {
          tier: next.name,
          amount: format.number(tier.remaining / 10 ** minorUnitDigits(program.currency), {
            style: "currency",
            currency: program.currency,
          }),
        })
      : program.basis === "visits"
        ? t("toNextTierVisits", { tier: next.name, remaining: tier.remaining })
        : t("toNextTier", { tier: next.name, remaining: tier.remaining });

  return (
    <main id="main" className="mx-auto grid max-w-5xl grid-cols-1 gap-6 px-4 py-6 sm:py-10">
      <h1 className="text-2xl font-semibold">{t("greeting", { name: member.name ?? "" })}</h1>
      {notice}

      <div className="grid gap-4 md:grid-cols-2">
        <Card className="bg-brand text-brand-foreground">
          <CardHeader>
            <CardDescription className="text-brand-foreground">{t("balance")}</CardDescription>
            <p className="text-4xl font-bold tabular-nums" data-testid="points-balance" aria-live="polite">
              {t("balanceValue", { count: member.balance })}
            </p>
          </CardHeader>
          <CardContent className="grid gap-1 text-sm text-brand-foreground">
            <p>{t("lifetime", { count: member.lifetimePoints })}</p>
            <p>
              {t("memberNumber")}:{" "}
              <span className="font-mono tracking-wider" dir="ltr">
                {member.memberNumber}
              </span>
            </p>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardDescription>{t("tier")}</CardDescription>
            <CardTitle className="flex items-center gap-2 text-2xl" data-testid="current-tier">
              <span aria-hidden className="size-3 rounded-full" style={{ backgroundColor: tier.current?.color }} />
              {tier.current?.name ?? t("noTier")}
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3">
            {next ? (
              <Progress
                value={tier.percent}
                label={t("progressLabel", { tier: next.name })}
                valueText={`${tier.percent}%`}
                data-testid="tier-progress"
              />
            ) : null}
            <p className="text-sm text-muted-foreground" data-testid="tier-remaining">
              {toNext}
            </p>
            {tier.discountPercent > 0 ? (
              <p className="text-sm font-medium" data-testid="member-discount">
                {t("tierDiscount.yours", { percent: tier.discountPercent / 100 })}
              </p>
            ) : null}
          </CardContent>
        </Card>
      </div>

      <section aria-labelledby="rewards-heading" className="grid grid-cols-1 gap-4">
        <h2 id="rewards-heading" className="flex items-center gap-2 text-xl font-semibold">
          <Gift aria-hidden className="size-5 text-brand" />
          {t("rewards")}
        </h2>
        {dashboard.rewards.length === 0 ? (
          <EmptyState icon={<Gift />} title={t("rewardsEmpty")} />
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {dashboard.rewards.map((reward) => (
              <li key={reward.id}>
                <Card className="flex h-full flex-col" data-testid="reward-card">
                  <CardHeader className="flex-1">
                    <div className="flex items-start justify-between gap-2">
                      <CardTitle>{reward.name}</CardTitle>
                      <Badge variant="brand" className="shrink-0 tabular-nums">
                        {t("balanceValue", { count: reward.costPoints })}
                      </Badge>
                    </div>
                    <CardDescription>{reward.description}</CardDescription>
                  </CardHeader>
                  <CardContent>
                    {reward.lock ? (
                      <p className="flex items-center gap-2 text-sm text-muted-foreground">
                        <Lock aria-hidden className="size-4" />
                        {t(`locks.${reward.lock}`, { missing: reward.costPoints - member.balance })}
                      </p>
                    ) : (
                      <Button
                        variant="brand"
                        className="w-full"
                        onClick={() => {
                          redeem.reset();
                          setVoucher(null);
                          setChosen(reward);
                        }}
                        aria-label={t("redeemFor", { reward: reward.name, count: reward.costPoints })}
                      >
                        {t("redeem")}
                      </Button>
                    )}
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>

      {dashboard.content.length > 0 ? <MembersOnly content={dashboard.content} /> : null}

      {dashboard.vouchers.length > 0 ? (
        <section aria-labelledby="vouchers-heading" className="grid grid-cols-1 gap-4">
          <h2 id="vouchers-heading" className="flex items-center gap-2 text-xl font-semibold">
            <Ticket aria-hidden className="size-5 text-brand" />
            {t("myVouchers")}
          </h2>
          <ul className="grid gap-2 sm:grid-cols-2">
            {dashboard.vouchers.map((v) => (
              <li
                key={v.code}
                className="flex items-center justify-between gap-3 rounded-lg border border-border bg-card p-3"
              >
                <div className="min-w-0">
                  <p className="truncate font-medium">{v.rewardName}</p>
                  <p className="text-xs text-muted-foreground">
                    {t("voucherExpires", {
                      date: format.dateTime(calendarDateAsUtc(v.lastValidDate), {
                        dateStyle: "medium",
                        timeZone: "UTC",
                      }),
                    })}
                  </p>
                </div>
                <code className="shrink-0 font-mono text-sm" dir="ltr">
                  {v.code}
                </code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="activity-heading" className="grid grid-cols-1 gap-4">
        <h2 id="activity-heading" className="flex items-center gap-2 text-xl font-semibold">
          <History aria-hidden className="size-5 text-brand" />
          {t("activity")}
        </h2>
        {dashboard.activity.length === 0 ? (
          <EmptyState icon={<History />} title={t("activityEmpty")} />
        ) : (
          <Card>
            <ul className="divide-y divide-border">
              {dashboard.activity.map((entry) => (
                <li key={entry.id} className="flex items-center justify-between gap-3 px-4 py-3">
                  <div className="min-w-0">
                    <p className="font-medium">{t(`entryKinds.${entry.kind as "earn"}`)}</p>
                    <p className="truncate text-xs text-muted-foreground">
                      {format.dateTime(new Date(entry.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                      {entry.explanation.length > 0
                        ? ` · ${entry.explanation.map((line) => `${line.points > 0 ? "+" : ""}${format.number(line.points)} ${t.has(`explanation.${line.label}`) ? t(`explanation.${line.label}` as "explanation.base rate") : line.label}`).join(", ")}`
                        : null}
                    </p>
                  </div>
                  <span
                    className={`shrink-0 font-semibold tabular-nums ${entry.points > 0 ? "text-success" : "text-muted-foreground"}`}
                    dir="ltr"
                  >
                    {entry.points > 0 ? "+" : ""}
                    {format.number(entry.points)}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </section>

      <RedeemDialog
        reward={chosen}
        voucher={voucher}
        pending={redeem.isPending}
        error={redeem.error?.message ?? null}
        onConfirm={(reward, idempotencyKey) => redeem.mutate({ rewardId: reward.id, idempotencyKey })}
        onClose={() => setChosen(null)}
      />
    </main>
  );
}

/** Members-only content: what the member's tier unlocks, and the rest locked with the tier it needs. */
function MembersOnly({ content }: { content: MemberDashboard["content"] }) {
  const t = useTranslations("dashboard.club");
  const format = useFormatter();
  return (
    <section aria-labelledby="club-heading" className="grid grid-cols-1 gap-4" data-testid="members-only">
      <h2 id="club-heading" className="flex items-center gap-2 text-xl font-semibold">
        <Sparkles aria-hidden className="size-5 text-brand" />
        {t("heading")}
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2">
        {content.map((item) => (
          <li key={item.id}>
            <Card
              className={`flex h-full flex-col ${item.locked ? "bg-muted/40" : ""}`}
              data-testid="club-item"
              data-locked={item.locked}
            >
              <CardHeader className="flex-1">
                <div className="flex items-start justify-between gap-2">
                  <CardTitle className={item.locked ? "text-muted-foreground" : undefined}>{item.title}</CardTitle>
                  {item.locked && item.minTier ? (
                    <Badge variant="outline" className="shrink-0 gap-1">
                      <Lock aria-hidden className="size-3" />
                      {t("needsTier", { tier: item.minTier.name })}
                    </Badge>
                  ) : null}
                </div>
                {item.body ? (
                  <CardDescription className="break-words whitespace-pre-line">{item.body}</CardDescription>
                ) : null}
              </CardHeader>
              {!item.locked && (item.url || item.availableUntil) ? (
                <CardContent className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  {item.availableUntil ? (
                    <span className="text-muted-foreground">
                      {t("availableUntil", {
                        date: format.dateTime(new Date(item.availableUntil), { dateStyle: "medium" }),
                      })}
                    </span>
                  ) : (
                    <span />
                  )}
                  {item.url ? (
                    <Button asChild variant="outline">
                      <a href={item.url} target="_blank" rel="noopener noreferrer">
                        {t("open")}
                        <ExternalLink aria-hidden className="size-4" />
                      </a>
                    </Button>
                  ) : null}
                </CardContent>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { ArrowDown, ArrowUp, Coins, FlaskConical, Scale, Users } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Stat } from "@/components/ui/stat";
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { backtestDays, backtestDraft, type BacktestReport } from "@/lib/programs/backtest";
import { loadBuilder } from "../_data";

// A GET form: running a back-test writes nothing, so its figures can be linked and reloaded.
export default async function BacktestPage(props: {
  params: Promise<{ merchant: string; slug: string }>;
  searchParams: Promise<{ days?: string }>;
}) {
  const [{ merchant: merchantSlug, slug }, { days: daysParam }] = await Promise.all([props.params, props.searchParams]);
  const {
    access: { merchant },
    builder: { program },
  } = await loadBuilder(merchantSlug, slug);
  const db = await getDb();
  const t = await getTranslations("adminPrograms.backtest");
  const days = daysParam === undefined ? undefined : Number(daysParam);

  let report: BacktestReport | null = null;
  let daysError: string | undefined;
  let noDraft = false;
  if (days !== undefined) {
    try {
      report = await backtestDraft(db, { merchantId: merchant.id, programId: program.id, days, now: new Date() });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === "no_draft") noDraft = true;
      else if (error.code === "invalid_input") daysError = t("daysError", backtestDays);
      else throw error;
    }
  }

  return (
    <div className="grid grid-cols-1 gap-6">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-muted-foreground">{t("intro")}</p>
      </header>
      <Card>
        <CardContent className="pt-6">
          <form method="get" noValidate className="flex flex-wrap items-end gap-4">
            <FormField
              className="w-48"
              label={t("days")}
              name="days"
              type="number"
              inputMode="numeric"
              min={backtestDays.min}
              max={backtestDays.max}
              defaultValue={daysParam ?? backtestDays.default}
              error={daysError}
              hint={t("daysHint", backtestDays)}
              required
            />
            <Button type="submit" className="mb-7">
              <FlaskConical aria-hidden />
              {t("run")}
            </Button>
          </form>
        </CardContent>
      </Card>
      {noDraft ? (
        <EmptyState
          icon={<FlaskConical />}
          title={t("noDraftTitle")}
          description={t("noDraft")}
          action={
            <Button asChild variant="outline">
              <Link href={`/admin/${merchantSlug}/programs/${slug}`}>{t("openBuilder")}</Link>
            </Button>
          }
        />
      ) : null}
      {report ? <BacktestResult report={report} /> : null}
    </div>
  );
}

async function BacktestResult({ report }: { report: BacktestReport }) {
  const t = await getTranslations("adminPrograms.backtest");
  const locale = await getLocale();
  const money = (minor: number) => formatMoney(minor, report.currency, locale);
  const number = (value: number) => value.toLocaleString(locale);
  const signed = (value: number, text: string) => (value > 0 ? `+${text}` : text);
  const pointsChange = report.draft.pointsIssued - report.published.pointsIssued;
  const versions = { published: report.published.versionNumber, draft: report.draft.versionNumber };

  return (
    <section aria-labelledby="backtest-result" className="grid grid-cols-1 gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="backtest-result" className="text-lg font-semibold">
          {t("resultTitle", versions)}
        </h2>
        <p className="text-sm text-muted-foreground">
          {t("scope", {
            purchases: report.purchases,
            members: report.members,
            from: report.from,
            until: report.until,
          })}
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          icon={<Coins />}
          label={t("pointsIssued")}
          value={number(report.draft.pointsIssued)}
          hint={t("versusPublished", {
            published: number(report.published.pointsIssued),
            change: signed(pointsChange, number(pointsChange)),
          })}
        />
        <Stat
          icon={<Scale />}
          label={t("cost")}
          value={money(report.draft.costMinor)}
          hint={t("versusPublishedMoney", { published: money(report.published.costMinor) })}
        />
        <Stat
          icon={<Scale />}
          label={t("liabilityChange")}
          value={signed(report.liabilityChangeMinor, money(report.liabilityChangeMinor))}
          hint={t("liabilityHint")}
        />
        <Stat
          icon={<Users />}
          label={t("tierMoves")}
          value={
            <span className="flex items-center gap-3">
              <span className="flex items-center gap-1">
                <ArrowUp aria-hidden className="size-5 text-emerald-600" />
                <span className="sr-only">{t("up")}</span>
                {number(report.tierMoves.up)}
              </span>
              <span className="flex items-center gap-1">
                <ArrowDown aria-hidden className="size-5 text-destructive" />
                <span className="sr-only">{t("down")}</span>
                {number(report.tierMoves.down)}
              </span>
            </span>
          }
          hint={t("tierMovesHint")}
        />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("biggestChanges")}</CardTitle>
            <CardDescription>{t("biggestChangesHint")}</CardDescription>
          </CardHeader>
          <CardContent>
            {report.biggestChanges.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("noChanges")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <thead className="text-start text-muted-foreground">
                    <tr>
                      <th className="pb-2 text-start font-medium">{t("member")}</th>
                      <th className="pb-2 text-end font-medium">{t("publishedColumn", versions)}</th>
                      <th className="pb-2 text-end font-medium">{t("draftColumn", versions)}</th>
                      <th className="pb-2 text-end font-medium">{t("change")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y">
                    {report.biggestChanges.map((change) => (
                      <tr key={change.memberId}>
                        <td className="py-2">
                          <span className="font-medium">{change.name ?? change.memberNumber}</span>
                          {change.name ? (
                            <span className="block text-xs text-muted-foreground">{change.memberNumber}</span>
                          ) : null}
                        </td>
                        <td className="py-2 text-end tabular-nums">{number(change.published)}</td>
                        <td className="py-2 text-end tabular-nums">{number(change.draft)}</td>
                        <td className="py-2 text-end font-medium tabular-nums">
                          {signed(change.draft - change.published, number(change.draft - change.published))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </CardContent>
        </Card>
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t("tierMovesTitle")}</CardTitle>
              <CardDescription>{t("tierMovesList")}</CardDescription>
            </CardHeader>
            <CardContent>
              {report.tierMoves.members.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("noTierMoves")}</p>
              ) : (
                <ul className="divide-y text-sm">
                  {report.tierMoves.members.map((move) => (
                    <li key={move.memberId} className="flex justify-between gap-4 py-2">
                      <span className="font-medium">{move.name ?? move.memberNumber}</span>
                      <span className="text-muted-foreground">
                        {t("tierMove", { from: move.fromTierName ?? "—", to: move.toTierName ?? "—" })}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("newlyAffordable")}</CardTitle>
              <CardDescription>{t("newlyAffordableHint")}</CardDescription>
            </CardHeader>
            <CardContent>
              {report.newlyAffordable.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("noNewlyAffordable")}</p>
              ) : (
                <ul className="divide-y text-sm">
                  {report.newlyAffordable.map((reward) => (
                    <li key={reward.rewardId} className="flex justify-between gap-4 py-2">
                      <span>
                        <span className="font-medium">{reward.name}</span>{" "}
                        <span className="text-muted-foreground">
                          {t("rewardCost", { points: number(reward.costPoints) })}
                        </span>
                      </span>
                      <span className="tabular-nums">{t("rewardMembers", { count: reward.members })}</span>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </section>
  );
}

import { ExternalLink, Minus, Target, TrendingDown, TrendingUp } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { goalTrend, type GoalFigure } from "@/lib/analytics/goal-figures";
import { minorUnitDigits } from "@/lib/money";
import { cn } from "@/components/ui/cn";

/** The program's goal, the figure that tracks it for the last 30 days, and its change on the 30 before. */
export async function GoalCard({ figure }: { figure: GoalFigure }) {
  const [t, format] = await Promise.all([getTranslations("adminOnboarding"), getFormatter()]);
  const show = (value: number | null) => {
    if (value === null) return "—";
    switch (figure.kind) {
      case "share":
        return format.number(value, { style: "percent", maximumFractionDigits: 1 });
      case "money":
        return format.number(value / 10 ** minorUnitDigits(figure.currency), {
          style: "currency",
          currency: figure.currency,
        });
      case "ratio":
        return format.number(value, { maximumFractionDigits: 2 });
    }
  };
  const trend = goalTrend(figure);
  const change = trend === null ? null : format.number(Math.abs(trend), { style: "percent", maximumFractionDigits: 1 });
  const TrendIcon = trend === null || trend === 0 ? Minus : trend > 0 ? TrendingUp : TrendingDown;
  return (
    <section
      aria-labelledby={`goal-${figure.programId}`}
      data-testid="goal-figure"
      className="grid gap-4 rounded-xl border bg-card p-5 shadow-xs sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center"
    >
      <div className="grid min-w-0 gap-3">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="flex items-center gap-1.5 text-xs font-medium tracking-wide text-muted-foreground uppercase">
            <Target aria-hidden className="size-4" />
            {t("goalFigure.title")}
          </span>
          <span className="truncate text-sm text-muted-foreground">{figure.programName}</span>
        </div>
        <h2 id={`goal-${figure.programId}`} className="text-lg font-semibold">
          {t(`goals.${figure.goal}.name`)}
        </h2>
        <dl className="flex flex-wrap items-end gap-x-4 gap-y-1">
          <dt className="sr-only">{t(`goalFigure.figures.${figure.goal}`)}</dt>
          <dd className="text-3xl font-semibold tracking-tight tabular-nums">{show(figure.current)}</dd>
          <dd
            className={cn(
              "flex items-center gap-1 pb-1 text-sm font-medium",
              trend === null || trend === 0 ? "text-muted-foreground" : trend > 0 ? "text-success" : "text-destructive",
            )}
          >
            {figure.current === null ? null : <TrendIcon aria-hidden className="size-4" />}
            {trend === null
              ? figure.current === null
                ? t("goalFigure.noData")
                : t("goalFigure.noPrevious")
              : trend === 0
                ? t("goalFigure.flat")
                : t(trend > 0 ? "goalFigure.up" : "goalFigure.down", { change: change! })}
            {trend !== null ? (
              <span className="font-normal text-muted-foreground">
                {" "}
                {t("goalFigure.vsPrevious")} ({show(figure.previous)})
              </span>
            ) : null}
          </dd>
        </dl>
        <p className="text-sm text-muted-foreground">{t(`goalFigure.figures.${figure.goal}`)}</p>
      </div>
      <Link
        href={`/p/${figure.programSlug}`}
        className="flex items-center gap-2 justify-self-start rounded-md border px-3 py-2 text-sm font-medium focus-ring hover:bg-accent sm:justify-self-end"
      >
        <ExternalLink aria-hidden className="size-4" />
        {t("goalFigure.publicPage")}
        <span className="text-muted-foreground max-sm:hidden" dir="ltr">
          /p/{figure.programSlug}
        </span>
      </Link>
    </section>
  );
}

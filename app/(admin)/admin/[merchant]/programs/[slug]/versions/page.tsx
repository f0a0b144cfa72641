import { ArrowRight, ChevronRight, GitCompare, History, Minus, Pencil, Plus } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { textControlClasses } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { requireStaff } from "@/lib/dal/pages";
import { isAppError } from "@/lib/errors";
import type { DiffSubject, VersionChange } from "@/lib/programs/diff-versions";
import { loadVersionHistory } from "@/lib/programs/load-version-history";
import type { VersionSummary } from "@/lib/programs/load-version-diff";
import { describeChange, describeFieldChange, type DescribeContext } from "./_components/describe-change";

type Props = {
  params: Promise<{ merchant: string; slug: string }>;
  searchParams: Promise<{ from?: string; to?: string }>;
};

const statusVariant: Record<VersionSummary["status"], BadgeVariant> = {
  draft: "warning",
  published: "success",
  superseded: "secondary",
};

const sections: DiffSubject[] = ["settings", "rule", "tier", "badge", "challenge"];

export async function generateMetadata({ params }: Props) {
  const { slug } = await params;
  return { title: (await getTranslations("adminPrograms.versions"))("metaTitle", { program: slug }) };
}

/** A program's versions and, for any two of them, what changed in words (GitHub/Linear-style). */
export default async function VersionsPage({ params, searchParams }: Props) {
  const { merchant: merchantSlug, slug } = await params;
  const { merchant } = await requireStaff(merchantSlug, "manageProgram");
  const query = await searchParams;
  const number = (value: string | undefined) => (value && /^\d{1,9}$/.test(value) ? Number(value) : undefined);
  const history = await loadVersionHistory(await getDb(), {
    merchantId: merchant.id,
    programSlug: slug,
    from: number(query.from),
    to: number(query.to),
  }).catch((error: unknown) => {
    if (isAppError(error, "not_found")) notFound();
    throw error;
  });
  const [t, format, locale] = await Promise.all([
    getTranslations("adminPrograms.versions"),
    getFormatter(),
    getLocale(),
  ]);
  const { program, versions, comparison } = history;
  const base = `/admin/${merchant.slug}/programs/${program.slug}`;
  const date = (value: Date) =>
    format.dateTime(value, { dateStyle: "medium", timeStyle: "short", timeZone: program.timeZone });
  const previousOf = (version: VersionSummary) =>
    versions.filter((other) => other.number < version.number).sort((a, b) => b.number - a.number)[0];
  const ctx: DescribeContext = {
    t: t as unknown as DescribeContext["t"],
    format: format as unknown as DescribeContext["format"],
    program,
    names: history.names,
    thresholdBasis: comparison?.thresholdBasis ?? { from: "points", to: "points" },
    locale,
  };

  return (
    <div className="grid grid-cols-1 gap-6">
      <header className="grid gap-1">
        <nav aria-label={t("breadcrumb")} className="flex items-center gap-1 text-sm text-muted-foreground">
          <Link href={`/admin/${merchant.slug}/programs`} className="rounded focus-ring hover:text-foreground">
            {t("breadcrumb")}
          </Link>
          <ChevronRight aria-hidden className="size-4" />
          <Link href={base} className="rounded focus-ring hover:text-foreground">
            {program.name}
          </Link>
        </nav>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("lead", { program: program.name })}</p>
      </header>

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <Card className="gap-0 py-0" aria-labelledby="versions-heading">
          <CardHeader className="border-b py-4">
            <CardTitle asChild className="flex items-center gap-2 text-base">
              <h2 id="versions-heading">
                <History aria-hidden className="size-4 text-muted-foreground" />
                {t("versionsHeading")}
              </h2>
            </CardTitle>
          </CardHeader>
          <ol className="divide-y" data-testid="version-list">
            {versions.map((version) => {
              const previous = previousOf(version);
              const selected = comparison?.to.number === version.number;
              return (
                <li
                  key={version.id}
                  className={cn("grid gap-1 px-5 py-3", selected && "bg-accent/60")}
                  aria-current={selected ? "true" : undefined}
                >
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium">{t("versionLabel", { number: version.number })}</span>
                    <Badge variant={statusVariant[version.status]}>{t(`status.${version.status}`)}</Badge>
                  </div>
                  <p className="text-xs text-muted-foreground">
                    {version.publishedAt
                      ? t("publishedOn", { date: date(version.publishedAt) })
                      : t("startedOn", { date: date(version.createdAt) })}
                  </p>
                  {previous ? (
                    <Link
                      href={`?from=${previous.number}&to=${version.number}`}
                      className="w-fit rounded text-xs font-medium text-primary underline-offset-4 focus-ring hover:underline"
                    >
                      {t("compareWithPrevious")}
                    </Link>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </Card>

        <div className="grid min-w-0 gap-6">
          {versions.length > 1 ? (
            <Card className="py-4">
              <CardContent>
                <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("compareHeading")}>
                  <VersionSelect
                    name="from"
                    label={t("from")}
                    versions={versions}
                    value={comparison?.from.number}
                    t={t}
                  />
                  <ArrowRight aria-hidden className="mb-3 size-4 text-muted-foreground" />
                  <VersionSelect name="to" label={t("to")} versions={versions} value={comparison?.to.number} t={t} />
                  <button type="submit" className={buttonVariants({ size: "default" })}>
                    <GitCompare aria-hidden className="size-4" />
                    {t("compare")}
                  </button>
                </form>
              </CardContent>
            </Card>
          ) : null}

          {!comparison ? (
            <EmptyState icon={<History />} title={t("title")} description={t("onlyOne")} titleAs="h2" />
          ) : (
            <Comparison comparison={comparison} ctx={ctx} />
          )}
        </div>
      </div>
    </div>
  );
}

function VersionSelect(props: {
  name: string;
  label: string;
  versions: VersionSummary[];
  value: number | undefined;
  t: Awaited<ReturnType<typeof getTranslations<"adminPrograms.versions">>>;
}) {
  const id = `compare-${props.name}`;
  return (
    <div className="grid min-w-48 flex-1 gap-1.5 sm:flex-none">
      <label htmlFor={id} className="text-sm font-medium">
        {props.label}
      </label>
      <select id={id} name={props.name} defaultValue={props.value} className={cn(textControlClasses, "h-11 py-2")}>
        {props.versions.map((version) => (
          <option key={version.id} value={version.number}>
            {props.t("versionLabel", { number: version.number })} · {props.t(`status.${version.status}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Comparison({
  comparison,
  ctx,
}: {
  comparison: NonNullable<Awaited<ReturnType<typeof loadVersionHistory>>["comparison"]>;
  ctx: DescribeContext;
}) {
  const { t } = ctx;
  const { changes } = comparison;
  const count = (type: VersionChange["type"]) => changes.filter((change) => change.type === type).length;
  const same = comparison.from.number === comparison.to.number;
  return (
    <Card className="gap-0 py-0" aria-labelledby="diff-heading" data-testid="version-diff">
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-3 border-b py-4">
        <div className="grid gap-1">
          <CardTitle asChild className="text-base">
            <h2 id="diff-heading">{t("comparing", { from: comparison.from.number, to: comparison.to.number })}</h2>
          </CardTitle>
          <CardDescription>{t("summary", { count: changes.length })}</CardDescription>
        </div>
        {changes.length > 0 ? (
          <div className="flex flex-wrap gap-2">
            {count("added") > 0 ? (
              <Badge variant="success">{t("counts.added", { count: count("added") })}</Badge>
            ) : null}
            {count("removed") > 0 ? (
              <Badge variant="destructive">{t("counts.removed", { count: count("removed") })}</Badge>
            ) : null}
            {count("changed") > 0 ? (
              <Badge variant="warning">{t("counts.changed", { count: count("changed") })}</Badge>
            ) : null}
          </div>
        ) : null}
      </CardHeader>
      {changes.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-muted-foreground">
          {same ? t("sameVersion") : t("noChanges")}
        </p>
      ) : (
        sections.map((subject) => {
          const inSection = changes.filter((change) => change.subject === subject);
          if (inSection.length === 0) return null;
          return (
            <section key={subject} aria-labelledby={`section-${subject}`} className="border-b last:border-b-0">
              <h3
                id={`section-${subject}`}
                className="bg-muted/50 px-5 py-2 text-xs font-semibold tracking-wide text-muted-foreground uppercase"
              >
                {t(`sections.${subject}`)}
              </h3>
              <ul className="divide-y">
                {groupByItem(inSection).map((group) => {
                  const [first] = group;
                  if (group.length === 1 || first!.type !== "changed") {
                    return (
                      <li
                        key={`${first!.key}:${first!.type}:${first!.type === "changed" ? first!.field : ""}`}
                        className="flex items-start gap-3 px-5 py-3 text-sm"
                        data-change={first!.type}
                      >
                        <ChangeIcon type={first!.type} label={t(`changeType.${first!.type}`)} />
                        <p className="min-w-0 leading-6 break-words">{describeChange(first!, ctx)}</p>
                      </li>
                    );
                  }
                  // Several fields of one item: its name once, then each field, as a diff view does.
                  return (
                    <li key={`${first!.key}:changed`} className="flex items-start gap-3 px-5 py-3 text-sm">
                      <ChangeIcon type="changed" label={t("changeType.changed")} />
                      <div className="grid min-w-0 gap-1.5">
                        <p className="leading-6 font-medium break-words">
                          {t(`subject.${first!.subject as Exclude<DiffSubject, "settings">}`, { name: first!.name })}
                        </p>
                        <ul className="grid gap-1.5 border-s-2 ps-3">
                          {group.map((change) =>
                            change.type === "changed" ? (
                              <li key={change.field} className="leading-6 break-words" data-change="changed">
                                {describeFieldChange(change, ctx)}
                              </li>
                            ) : null,
                          )}
                        </ul>
                      </div>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })
      )}
    </Card>
  );
}

function ChangeIcon({ type, label }: { type: VersionChange["type"]; label: string }) {
  const Icon = type === "added" ? Plus : type === "removed" ? Minus : Pencil;
  return (
    <span
      title={label}
      className={cn(
        "mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full",
        type === "added" && "bg-success/15 text-success",
        type === "removed" && "bg-destructive/15 text-destructive",
        type === "changed" && "bg-warning/15 text-warning",
      )}
    >
      <Icon aria-hidden className="size-3" />
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** Changes in order, the changed fields of one item (settings excepted) kept together. */
function groupByItem(changes: VersionChange[]): VersionChange[][] {
  const groups: VersionChange[][] = [];
  for (const change of changes) {
    const last = groups.at(-1)?.[0];
    const sameItem =
      last &&
      change.type === "changed" &&
      last.type === "changed" &&
      change.subject !== "settings" &&
      last.subject === change.subject &&
      last.key === change.key;
    if (sameItem) groups.at(-1)!.push(change);
    else groups.push([change]);
  }
  return groups;
}

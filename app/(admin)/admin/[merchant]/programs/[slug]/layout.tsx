import { ChevronRight, ExternalLink } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { BuilderNav } from "./_components/builder-nav";
import { VersionControls } from "./_components/version-controls";
import { loadBuilder } from "./_data";

// Sections other parts of the builder add beside these (rewards, badges, challenges, content,
// versions, backtest) are linked here too.
const sections = [
  ["", "overview"],
  ["earning", "earning"],
  ["tiers", "tiers"],
  ["rewards", "rewards"],
  ["badges", "badges"],
  ["challenges", "challenges"],
  ["content", "content"],
  ["expiry", "expiry"],
  ["versions", "versions"],
  ["backtest", "backtest"],
] as const;

export default async function ProgramBuilderLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ merchant: string; slug: string }>;
}) {
  const { merchant, slug } = await params;
  const { builder } = await loadBuilder(merchant, slug);
  const t = await getTranslations("adminPrograms");
  const base = `/admin/${merchant}/programs/${slug}`;
  const { program, published, draft } = builder;
  return (
    <div className="grid grid-cols-1 gap-6">
      <header className="grid gap-4 border-b border-border">
        <nav aria-label={t("builder.breadcrumb")} className="flex items-center gap-1 text-sm text-muted-foreground">
          <Link href={`/admin/${merchant}/programs`} className="rounded focus-ring hover:text-foreground">
            {t("list.title")}
          </Link>
          <ChevronRight aria-hidden className="size-4" />
          <span className="truncate text-foreground">{program.name}</span>
        </nav>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="flex min-w-0 items-center gap-3">
            <span
              aria-hidden
              className="size-10 shrink-0 rounded-lg ring-1 ring-black/10"
              style={{ backgroundColor: program.brandColor }}
            />
            <div className="min-w-0">
              <h1 className="truncate text-2xl font-semibold">{program.name}</h1>
              <p
                className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground"
                data-testid="version-status"
              >
                {published ? (
                  <Badge variant="success">{t("builder.publishedVersion", { number: published.number })}</Badge>
                ) : (
                  <Badge variant="outline">{t("builder.notPublished")}</Badge>
                )}
                {draft ? (
                  <Badge variant="warning">{t("builder.draftOpen", { number: draft.number })}</Badge>
                ) : (
                  <span>{t("builder.noDraft")}</span>
                )}
                <Link
                  href={`/p/${program.slug}`}
                  className="inline-flex items-center gap-1 rounded text-primary focus-ring hover:underline"
                >
                  /p/{program.slug}
                  <ExternalLink aria-hidden className="size-3.5" />
                </Link>
              </p>
            </div>
          </div>
          <VersionControls merchantSlug={merchant} programSlug={slug} hasDraft={draft !== null} />
        </div>
        <BuilderNav
          base={base}
          label={t("builder.sections")}
          sections={sections.map(([path, key]) => ({ path, label: t(`builder.nav.${key}`) }))}
        />
      </header>
      {children}
    </div>
  );
}

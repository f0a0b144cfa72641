import { ArrowRight, ExternalLink, Layers } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { requireStaff } from "@/lib/dal/pages";
import { listMerchantPrograms } from "@/lib/programs/list-merchant-programs";
import { getDb } from "@/db";

export async function generateMetadata() {
  return { title: (await getTranslations("adminPrograms.list"))("title") };
}

export default async function ProgramsPage({ params }: { params: Promise<{ merchant: string }> }) {
  const { merchant: slug } = await params;
  const { merchant } = await requireStaff(slug, "manageProgram");
  const [programs, t, format] = await Promise.all([
    listMerchantPrograms(await getDb(), { merchantId: merchant.id }),
    getTranslations("adminPrograms.list"),
    getFormatter(),
  ]);
  return (
    <div className="grid grid-cols-1 gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      {programs.length === 0 ? (
        <EmptyState icon={<Layers />} title={t("emptyTitle")} description={t("emptyDescription")} />
      ) : (
        <div className="overflow-x-auto rounded-xl border border-border bg-card shadow-xs">
          <table className="w-full text-sm">
            <thead className="border-b border-border bg-muted/50 text-start text-xs font-medium text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-3 text-start font-medium sm:px-5">
                  {t("program")}
                </th>
                <th scope="col" className="hidden px-3 py-3 text-start font-medium sm:table-cell sm:px-5">
                  {t("version")}
                </th>
                <th scope="col" className="hidden px-3 py-3 text-end font-medium sm:table-cell sm:px-5">
                  {t("members")}
                </th>
                <th scope="col" className="px-3 py-3 sm:px-5">
                  <span className="sr-only">{t("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {programs.map((program) => (
                <tr key={program.id} data-testid={`program-${program.slug}`}>
                  <td className="px-3 py-4 sm:px-5">
                    <div className="flex items-center gap-3">
                      <span
                        aria-hidden
                        className="size-8 shrink-0 rounded-md ring-1 ring-black/10"
                        style={{ backgroundColor: program.brandColor }}
                      />
                      <div className="min-w-0">
                        <Link
                          href={`/admin/${slug}/programs/${program.slug}`}
                          className="block truncate font-medium focus-ring hover:underline"
                        >
                          {program.name}
                        </Link>
                        <span className="block truncate text-xs text-muted-foreground" dir="ltr">
                          {program.slug}
                        </span>
                      </div>
                    </div>
                  </td>
                  <td className="hidden px-3 py-4 sm:table-cell sm:px-5">
                    <div className="flex flex-wrap items-center gap-2">
                      {program.publishedVersion !== null ? (
                        <Badge variant="success">{t("published", { number: program.publishedVersion })}</Badge>
                      ) : (
                        <Badge variant="outline">{t("notPublished")}</Badge>
                      )}
                      {program.draftVersion !== null ? (
                        <Badge variant="warning">{t("draftOpen", { number: program.draftVersion })}</Badge>
                      ) : null}
                    </div>
                  </td>
                  <td className="hidden px-3 py-4 text-end tabular-nums sm:table-cell sm:px-5">
                    {format.number(program.members)}
                  </td>
                  <td className="px-3 py-4 sm:px-5">
                    <div className="flex flex-wrap items-center justify-end gap-2">
                      <Link
                        href={`/p/${program.slug}`}
                        className={buttonVariants({ variant: "ghost", size: "sm" })}
                        aria-label={t("publicPageOf", { name: program.name })}
                      >
                        <ExternalLink aria-hidden />
                        {t("publicPage")}
                      </Link>
                      <Link
                        href={`/admin/${slug}/programs/${program.slug}`}
                        className={buttonVariants({ variant: "outline", size: "sm" })}
                        aria-label={t("openBuilderOf", { name: program.name })}
                      >
                        {t("openBuilder")}
                        <ArrowRight aria-hidden />
                      </Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

import { ArrowRight, Store } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/member/site-header";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db";
import { listPublishedPrograms } from "@/lib/programs/list-programs";

export default async function HomePage() {
  const [t, programs] = await Promise.all([getTranslations("home"), getDb().then(listPublishedPrograms)]);
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto grid max-w-5xl gap-10 px-4 py-10">
        <section className="grid gap-3">
          <h1 className="max-w-2xl text-3xl font-bold tracking-tight text-balance sm:text-5xl">{t("title")}</h1>
          <p className="max-w-2xl text-lg text-muted-foreground">{t("lead")}</p>
        </section>
        <section aria-labelledby="programs" className="grid grid-cols-1 gap-4">
          <h2 id="programs" className="text-xl font-semibold">
            {t("programs")}
          </h2>
          {programs.length === 0 ? (
            <EmptyState icon={<Store />} title={t("noPrograms")} />
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2">
              {programs.map((program) => (
                <li key={program.slug}>
                  <Card className="h-full border-s-4" style={{ borderInlineStartColor: program.brandColor }}>
                    <CardHeader>
                      <CardTitle>
                        <Link
                          href={`/p/${program.slug}`}
                          className="flex items-center gap-2 rounded focus-ring hover:underline"
                        >
                          {program.name}
                          <ArrowRight aria-hidden className="size-4 rtl:rotate-180" />
                        </Link>
                      </CardTitle>
                      <CardDescription>{program.description}</CardDescription>
                    </CardHeader>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="grid gap-2 rounded-lg border border-border bg-muted/50 p-6">
          <h2 className="text-lg font-semibold">{t("forMerchants")}</h2>
          <p className="text-muted-foreground">{t("forMerchantsBody")}</p>
          <div>
            <Link href="/admin" className={buttonVariants({ variant: "outline" })}>
              {t("openAdmin")}
            </Link>
          </div>
        </section>
      </main>
    </>
  );
}

import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { listContentForStaff } from "@/lib/content/list-content-for-staff";
import { requireStaff } from "@/lib/dal/pages";
import { isAppError } from "@/lib/errors";
import { loadBuilderOptions } from "@/lib/programs/builder-options";
import { findMerchantProgram } from "@/lib/programs/find-merchant-program";
import { localFromInstant } from "@/lib/programs/local-date-time";
import { ContentSection } from "./_components/content-section";

export async function generateMetadata() {
  return { title: (await getTranslations("adminPrograms.catalog.content"))("title") };
}

export default async function ContentPage(props: { params: Promise<{ merchant: string; slug: string }> }) {
  const { merchant: merchantSlug, slug } = await props.params;
  const { merchant } = await requireStaff(merchantSlug, "manageProgram");
  const db = await getDb();
  const program = await findMerchantProgram(db, { merchantId: merchant.id, slug }).catch((error: unknown) => {
    if (isAppError(error, "not_found")) notFound();
    throw error;
  });
  const ref = { merchantId: merchant.id, programId: program.id };
  const [content, options, format, t] = await Promise.all([
    listContentForStaff(db, ref),
    loadBuilderOptions(db, ref),
    getFormatter(),
    getTranslations("adminPrograms.catalog.content"),
  ]);
  const shown = (instant: Date) => format.dateTime(instant, { timeZone: program.timeZone, dateStyle: "medium" });
  const windowText = (from: Date | null, until: Date | null) =>
    from && until
      ? t("between", { from: shown(from), until: shown(until) })
      : from
        ? t("from", { date: shown(from) })
        : until
          ? t("until", { date: shown(until) })
          : t("always");
  const local = (instant: Date | null) => (instant ? localFromInstant(instant, program.timeZone) : "");
  return (
    <ContentSection
      merchantSlug={merchant.slug}
      program={{
        slug: program.slug,
        name: program.name,
        defaultLocale: program.defaultLocale,
        timeZone: program.timeZone,
      }}
      tiers={options.tiers}
      items={content.map((item) => ({
        id: item.id,
        title: item.title,
        body: item.body,
        url: item.url,
        minTierKey: item.minTierKey,
        availableFrom: local(item.availableFrom),
        availableUntil: local(item.availableUntil),
        windowText: windowText(item.availableFrom, item.availableUntil),
        position: item.position,
        translations: item.translations,
      }))}
    />
  );
}

import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requireStaff } from "@/lib/dal/pages";
import { locales, localeNames } from "@/lib/i18n/locales";
import { loadMerchantSettings } from "@/lib/merchants/update-merchant";
import { SettingsForm } from "./settings-form";

export async function generateMetadata() {
  return { title: (await getTranslations("adminSettings"))("title") };
}

/**
 * The merchant's name, defaults and brand. Owners and managers may edit them (`manageProgram`,
 * as for the programs); the slug never changes, and existing programs keep their own copies.
 */
export default async function MerchantSettingsPage({ params }: { params: Promise<{ merchant: string }> }) {
  const { merchant: slug } = await params;
  const { merchant } = await requireStaff(slug, "manageProgram");
  const [settings, t] = await Promise.all([
    loadMerchantSettings(await getDb(), { merchantId: merchant.id }),
    getTranslations("adminSettings"),
  ]);
  return (
    <div className="grid max-w-3xl gap-6">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-muted-foreground">{t("lead")}</p>
      </header>
      <SettingsForm
        settings={settings}
        currencies={Intl.supportedValuesOf("currency")}
        timeZones={Intl.supportedValuesOf("timeZone")}
        languages={locales.map((code) => ({ code, name: localeNames[code] }))}
      />
    </div>
  );
}

import { getTranslations } from "next-intl/server";
import { resendVerificationAction } from "@/app/(auth)/actions";
import { SiteHeader } from "@/components/member/site-header";
import { VerifyEmailBanner } from "@/components/member/verify-email-banner";
import { programGoals } from "@/db/schema";
import { requireUser } from "@/lib/dal/pages";
import { locales, localeNames } from "@/lib/i18n/locales";
import { programTemplates } from "@/lib/programs/templates";
import { OnboardingForm, type TemplateCard } from "./onboarding-form";

export async function generateMetadata() {
  return { title: (await getTranslations("adminOnboarding"))("title") };
}

export default async function NewMerchantPage() {
  const user = await requireUser("/admin/new");
  const t = await getTranslations("adminOnboarding");
  const now = new Date();
  const templates: TemplateCard[] = programTemplates.map((template) => {
    const built = template.build({ currency: "EUR", now });
    return {
      key: template.key,
      goal: template.goal,
      icon: template.icon,
      name: t(`templates.${template.key}.name`),
      suits: t(`templates.${template.key}.suits`),
      gets: t(`templates.${template.key}.gets`),
      counts: { tiers: built.tiers.length, rewards: built.rewards.length, rules: built.rules.length },
    };
  });
  return (
    <div className="min-h-dvh bg-muted/40">
      <SiteHeader />
      <main id="main" className="mx-auto grid max-w-5xl gap-6 px-4 py-8 sm:py-10">
        <header className="grid gap-2">
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t("title")}</h1>
          <p className="max-w-2xl text-muted-foreground">{t("lead")}</p>
        </header>
        {user.emailVerified ? (
          <OnboardingForm
            currencies={Intl.supportedValuesOf("currency")}
            timeZones={Intl.supportedValuesOf("timeZone")}
            languages={locales.map((code) => ({ code, name: localeNames[code] }))}
            goals={programGoals.map((goal) => ({
              key: goal,
              name: t(`goals.${goal}.name`),
              line: t(`goals.${goal}.line`),
            }))}
            templates={templates}
          />
        ) : (
          <section className="grid max-w-2xl gap-3 rounded-xl border bg-card p-5 shadow-xs">
            <h2 className="text-lg font-semibold">{t("verifyFirst.title")}</h2>
            <p className="text-sm text-muted-foreground">{t("verifyFirst.body")}</p>
            <VerifyEmailBanner email={user.email} resend={resendVerificationAction} />
          </section>
        )}
      </main>
    </div>
  );
}

"use client";

import { Languages } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { setLocaleAction } from "@/lib/actions/session-actions";
import { localeNames, locales, type Locale } from "@/lib/i18n/locales";

export function LanguageSwitcher() {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="relative inline-flex items-center gap-1 text-sm">
      <Languages aria-hidden className="size-4 text-muted-foreground" />
      <span className="sr-only">{t("language")}</span>
      <select
        className="h-9 max-w-28 cursor-pointer rounded-md border border-input bg-background ps-2 pe-7 text-sm focus-ring sm:max-w-none"
        value={locale}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value as Locale;
          startTransition(async () => {
            await setLocaleAction({ locale: next });
            router.refresh();
          });
        }}
      >
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {localeNames[code]}
          </option>
        ))}
      </select>
    </label>
  );
}

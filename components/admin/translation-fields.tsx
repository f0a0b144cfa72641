"use client";

import { Languages } from "lucide-react";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import type { Translations } from "@/db/schema/columns";
import { localeNames, locales, type Locale } from "@/lib/i18n/locales";

/**
 * Per-language name and description of a builder item, as `name_<locale>` and
 * `description_<locale>` fields, for every language but the program's default one (whose
 * text is the item's own). Folded away until opened, unless it holds an error.
 */
export function TranslationFields(props: {
  defaultLocale: string;
  translations: Translations;
  submitted: (name: string) => string | undefined;
  fieldError: (name: string) => string[] | undefined;
  /** "content" labels the fields as a title and a text. */
  variant?: "item" | "content";
}) {
  const t = useTranslations("adminPrograms.catalog");
  const others = locales.filter((locale) => locale !== props.defaultLocale);
  const value = (field: "name" | "description", locale: Locale) =>
    props.submitted(`${field}_${locale}`) ?? props.translations[locale]?.[field] ?? "";
  const filled = others.filter((locale) => value("name", locale) || value("description", locale)).length;
  const failed = others.some(
    (locale) => props.fieldError(`name_${locale}`) || props.fieldError(`description_${locale}`),
  );
  const defaultLanguage = localeNames[props.defaultLocale as Locale] ?? props.defaultLocale;
  return (
    <details className="group rounded-xl border border-border bg-card shadow-xs" open={failed || undefined}>
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 rounded-lg px-4 py-3 focus-ring">
        <span className="flex items-center gap-2 text-sm font-medium">
          <Languages aria-hidden className="size-4 text-muted-foreground" />
          {t("common.translations")}
        </span>
        <span className="text-sm text-muted-foreground">{t("common.translatedCount", { count: filled })}</span>
      </summary>
      <div className="grid gap-5 border-t border-border px-4 py-4">
        <p className="text-sm text-muted-foreground">{t("common.translationsHint", { defaultLanguage })}</p>
        {others.map((locale) => {
          const language = localeNames[locale];
          const content = props.variant === "content";
          return (
            <fieldset key={locale} className="grid gap-2">
              <legend className="mb-2 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
                {language}
              </legend>
              <div className="grid gap-3 sm:grid-cols-2" lang={locale} dir={locale === "fa" ? "rtl" : "ltr"}>
                <FormField
                  label={
                    content ? t("content.translationTitle", { language }) : t("common.translationName", { language })
                  }
                  name={`name_${locale}`}
                  defaultValue={value("name", locale)}
                  error={props.fieldError(`name_${locale}`)}
                />
                <FormField
                  label={
                    content
                      ? t("content.translationBody", { language })
                      : t("common.translationDescription", { language })
                  }
                  name={`description_${locale}`}
                  defaultValue={value("description", locale)}
                  error={props.fieldError(`description_${locale}`)}
                >
                  <Textarea rows={1} className="min-h-11" />
                </FormField>
              </div>
            </fieldset>
          );
        })}
      </div>
    </details>
  );
}

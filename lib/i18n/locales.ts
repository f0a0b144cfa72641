export const locales = ["en", "az", "af", "lv", "tr", "fa"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";
export const localeCookie = "NEXT_LOCALE";

/** Each language named in itself, for the language switcher. */
export const localeNames: Record<Locale, string> = {
  en: "English",
  az: "Azərbaycan",
  af: "Afrikaans",
  lv: "Latviešu",
  tr: "Türkçe",
  fa: "فارسی",
};

export function isLocale(value: string | undefined): value is Locale {
  return !!value && (locales as readonly string[]).includes(value);
}

export function textDirection(locale: Locale): "ltr" | "rtl" {
  return locale === "fa" ? "rtl" : "ltr";
}

/** The first supported language in an Accept-Language header, by the order the browser gives. */
export function negotiateLocale(acceptLanguage: string | null): Locale {
  const wanted = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", q] = part.trim().split(";q=");
      return { language: tag.split("-")[0]!.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return wanted.map((w) => w.language).find(isLocale) ?? defaultLocale;
}

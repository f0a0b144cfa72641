import type { Locale } from "./locales";

type Catalog = { [key: string]: string | Catalog };

/**
 * Namespaces of staff-only screens (the program builder, onboarding): written in English first,
 * translated later. A catalog may leave them out, and English shows until it has them; every
 * member-facing namespace must be complete in every language (lib/i18n/messages.test.ts).
 */
export const englishFallbackNamespaces = ["adminPrograms", "adminOnboarding", "adminSettings"] as const;

/** A language's messages over English ones, so a missing staff-only message shows in English. */
export async function loadMessages(locale: Locale): Promise<Catalog> {
  const own = (await import(`./messages/${locale}.json`)).default as Catalog;
  if (locale === "en") return own;
  const english = (await import("./messages/en.json")).default as Catalog;
  return overlay(english, own);
}

function overlay(base: Catalog, over: Catalog): Catalog {
  const merged: Catalog = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = merged[key];
    merged[key] = typeof value === "object" && typeof under === "object" ? overlay(under, value) : value;
  }
  return merged;
}

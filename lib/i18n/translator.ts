import { createTranslator } from "next-intl";
import { defaultLocale, isLocale, type Locale } from "./locales";

/** Messages in a person's language outside a request (mail), from the same catalogs as the pages. */
export async function translatorFor(locale: string) {
  const chosen: Locale = isLocale(locale) ? locale : defaultLocale;
  // Every catalog has the English keys (messages.test.ts), so the English one types them all.
  const messages = ((await import(`./messages/${chosen}.json`)) as { default: typeof import("./messages/en.json") })
    .default;
  return createTranslator({ locale: chosen, messages });
}

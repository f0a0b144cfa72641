import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { loadMessages } from "./catalog";
import { isLocale, localeCookie, negotiateLocale, type Locale } from "./locales";

// No locale in the URL: a member's choice is kept in a cookie, otherwise the browser's
// Accept-Language decides. Member pages are the same addresses in every language.
export async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(localeCookie)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return {
    locale,
    messages: await loadMessages(locale),
  };
});

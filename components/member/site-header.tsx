import { LogIn, LogOut, Sparkles } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/actions/session-actions";
import { Button, buttonVariants } from "@/components/ui/button";
import { getSessionUser } from "@/lib/dal/session";
import { LanguageSwitcher } from "./language-switcher";

/** The bar on every member page: home, language, and who is signed in. */
export async function SiteHeader({ program }: { program?: { name: string; slug: string } }) {
  const [t, user] = await Promise.all([getTranslations("common"), getSessionUser()]);
  return (
    <header className="border-b border-border bg-card/80 backdrop-blur">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50 focus:rounded focus:bg-card focus:p-2"
      >
        {t("skipToContent")}
      </a>
      <div className="mx-auto flex h-14 max-w-5xl items-center gap-2 px-4 sm:gap-3">
        <Link
          href={program ? `/p/${program.slug}` : "/"}
          className="flex min-w-0 items-center gap-2 rounded font-semibold focus-ring"
        >
          <Sparkles aria-hidden className="size-5 shrink-0 text-brand" />
          <span className="truncate">{program?.name ?? t("appName")}</span>
        </Link>
        <div className="ms-auto flex items-center gap-2">
          <LanguageSwitcher />
          {user ? (
            <form action={signOutAction}>
              <Button type="submit" variant="ghost" size="sm" title={user.email}>
                <LogOut aria-hidden />
                <span className="max-sm:sr-only">{t("signOut")}</span>
              </Button>
            </form>
          ) : (
            <Link href="/signin" className={buttonVariants({ variant: "outline", size: "sm" })}>
              <LogIn aria-hidden className="sm:hidden" />
              <span className="max-sm:sr-only">{t("signIn")}</span>
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}

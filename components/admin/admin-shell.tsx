import { Layers, LayoutDashboard, LogOut, ScanLine, Settings, Sparkles } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { signOutAction } from "@/lib/actions/session-actions";
import { LanguageSwitcher } from "@/components/member/language-switcher";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { StaffRole } from "@/db/schema";
import { roleAllows } from "@/lib/auth/staff-access";

/** The staff frame: merchant, the pages the role may open, and who is signed in. */
export async function AdminShell(props: {
  merchant: { slug: string; name: string };
  role: StaffRole;
  email: string;
  children: ReactNode;
}) {
  const t = await getTranslations("admin");
  const tCommon = await getTranslations("common");
  const tPrograms = await getTranslations("adminPrograms");
  const tSettings = await getTranslations("adminSettings");
  const base = `/admin/${props.merchant.slug}`;
  const links = [
    roleAllows(props.role, "viewProgram") ? { href: base, label: t("nav.overview"), icon: LayoutDashboard } : null,
    roleAllows(props.role, "manageProgram")
      ? { href: `${base}/programs`, label: tPrograms("nav.programs"), icon: Layers }
      : null,
    { href: `${base}/counter`, label: t("nav.counter"), icon: ScanLine },
    roleAllows(props.role, "manageProgram")
      ? { href: `${base}/settings`, label: tSettings("nav"), icon: Settings }
      : null,
  ].filter((link) => link !== null);
  return (
    <div className="min-h-dvh bg-muted/40">
      <header className="border-b border-border bg-card">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
          <Link href="/admin" className="flex min-w-0 items-center gap-2 rounded font-semibold focus-ring">
            <Sparkles aria-hidden className="size-5 shrink-0 text-primary" />
            <span className="truncate">{props.merchant.name}</span>
          </Link>
          <Badge variant="secondary" className="max-sm:hidden">
            {t(`roles.${props.role}`)}
          </Badge>
          <nav
            aria-label={t("title")}
            className="order-last flex w-full flex-wrap items-center gap-1 sm:order-none sm:w-auto"
          >
            {links.map(({ href, label, icon: Icon }) => (
              <Link
                key={href}
                href={href}
                className="flex h-9 items-center gap-2 rounded-md px-3 text-sm font-medium whitespace-nowrap focus-ring hover:bg-accent"
              >
                <Icon aria-hidden className="size-4" />
                <span>{label}</span>
              </Link>
            ))}
          </nav>
          <div className="ms-auto flex items-center gap-2">
            <LanguageSwitcher />
            <span className="hidden text-sm text-muted-foreground 2xl:inline">{props.email}</span>
            <form action={signOutAction}>
              <Button type="submit" variant="ghost" size="sm" title={props.email}>
                <LogOut aria-hidden />
                <span className="max-sm:sr-only">{tCommon("signOut")}</span>
              </Button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {props.children}
      </main>
    </div>
  );
}

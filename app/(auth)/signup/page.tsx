import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/app/(member)/p/[slug]/join/join-forms";
import { SiteHeader } from "@/components/member/site-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { safeReturnPath } from "@/lib/auth/landing-path";
import { getSessionUser } from "@/lib/dal/session";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signUpPlainTitle") };
}

/** An account without a program, for a page that asked for one (`/admin/new`), which it then opens. */
export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const [{ callbackUrl }, t, user] = await Promise.all([searchParams, getTranslations("auth"), getSessionUser()]);
  const returnTo = safeReturnPath(callbackUrl) ?? undefined;
  if (user) redirect(returnTo ?? "/");
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-md px-4 py-10">
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h1 className="text-2xl">{t("signUpPlainTitle")}</h1>
            </CardTitle>
            <CardDescription>{t("signUpPlainLead")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <SignUpForm callbackUrl={returnTo} />
            <p className="text-sm text-muted-foreground">
              {t("haveAccount")}{" "}
              <Link
                href={returnTo ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin"}
                className="font-medium text-primary underline-offset-4 hover:underline"
              >
                {t("signInTitle")}
              </Link>
            </p>
          </CardContent>
        </Card>
      </main>
    </>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CircleAlert, CircleCheck } from "lucide-react";
import { SiteHeader } from "@/components/member/site-header";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { verifyEmail } from "@/lib/auth/verify-email";

export async function generateMetadata() {
  // The address holds a token: no page this one links to should see it as the referrer.
  return { title: (await getTranslations("verifyEmail"))("title"), referrer: "no-referrer" as const };
}

type Props = { searchParams: Promise<{ token?: string | string[] }> };

/** Where the link in the verification mail leads: uses its token and says how it went. */
export default async function VerifyEmailPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const outcome = typeof token === "string" ? await verifyEmail(await getDb(), { token }) : "invalid";
  const [t, tCommon] = await Promise.all([getTranslations("verifyEmail"), getTranslations("common")]);
  const verified = outcome === "verified";
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-md px-4 py-10">
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h1 className="text-2xl">{t("title")}</h1>
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-6">
            <p role="status" className="flex items-start gap-2" data-testid="verify-email-outcome">
              {verified ? (
                <CircleCheck aria-hidden className="mt-1 size-4 shrink-0 text-success" />
              ) : (
                <CircleAlert aria-hidden className="mt-1 size-4 shrink-0 text-destructive" />
              )}
              <span>{t(outcome)}</span>
            </p>
            <Link href={verified ? "/" : "/signin"} className={buttonVariants({ className: "justify-self-start" })}>
              {verified ? t("continue") : tCommon("signIn")}
            </Link>
          </CardContent>
        </Card>
      </main>
    </>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/member/site-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const [{ callbackUrl }, t] = await Promise.all([searchParams, getTranslations("auth")]);
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-md px-4 py-10">
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h1 className="text-2xl">{t("signInTitle")}</h1>
            </CardTitle>
            <CardDescription>{t("signInLead")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <SignInForm callbackUrl={callbackUrl} />
            <p className="text-sm text-muted-foreground">
              {t("noAccount")}{" "}
              {callbackUrl ? (
                <Link
                  href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}
                  className="font-medium text-primary underline-offset-4 hover:underline"
                >
                  {t("createAccountLink")}
                </Link>
              ) : (
                <Link href="/" className="font-medium text-primary underline-offset-4 hover:underline">
                  {(await getTranslations("home"))("programs")}
                </Link>
              )}
            </p>
          </CardContent>
        </Card>
      </main>
    </>
  );
}

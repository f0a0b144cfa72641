import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/member/site-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RolloutNotice } from "@/components/member/rollout-notice";
import { loadMemberPage } from "@/lib/dal/pages";
import { programReachesVisitor } from "@/lib/rollout/rollout";
import { JoinAsUser, SignUpForm } from "./join-forms";

type Props = { params: Promise<{ slug: string }> };

export default async function JoinPage({ params }: Props) {
  const { slug } = await params;
  const { context, user, member } = await loadMemberPage(slug, { requireMembership: false });
  if (member) redirect(`/p/${slug}/dashboard`);
  const t = await getTranslations("auth");
  const { program } = context;
  return (
    <div style={{ "--brand": program.brandColor } as React.CSSProperties}>
      <SiteHeader program={program} />
      <main id="main" className="mx-auto max-w-md px-4 py-10">
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h1 className="text-2xl">{t("signUpTitle", { program: program.name })}</h1>
            </CardTitle>
            <CardDescription>{t("signUpLead")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            {!programReachesVisitor(program, user) ? (
              // Staged rollout: the program's pilot does not reach this visitor (joining is refused too).
              <div className="rounded-lg bg-muted p-1 text-foreground">
                <RolloutNotice storesOnly={program.rolloutStoreIds.length > 0} />
              </div>
            ) : user ? (
              <JoinAsUser programSlug={slug} email={user.email} />
            ) : (
              <>
                <SignUpForm programSlug={slug} />
                <p className="text-sm text-muted-foreground">
                  {t("haveAccount")}{" "}
                  <Link
                    href={`/signin?callbackUrl=${encodeURIComponent(`/p/${slug}/join`)}`}
                    className="font-medium text-primary underline-offset-4 hover:underline"
                  >
                    {t("signInTitle")}
                  </Link>
                </p>
              </>
            )}
          </CardContent>
        </Card>
      </main>
    </div>
  );
}

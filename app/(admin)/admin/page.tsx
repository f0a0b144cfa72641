import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Plus, Store } from "lucide-react";
import { resendVerificationAction } from "@/app/(auth)/actions";
import { SiteHeader } from "@/components/member/site-header";
import { VerifyEmailBanner } from "@/components/member/verify-email-banner";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db";
import { listStaffMerchants } from "@/lib/auth/staff-access";
import { requireUser } from "@/lib/dal/pages";

export default async function AdminHome() {
  const user = await requireUser("/admin");
  const merchants = await listStaffMerchants(await getDb(), user.id);
  if (merchants.length === 1) {
    const [only] = merchants;
    redirect(only!.role === "cashier" ? `/admin/${only!.slug}/counter` : `/admin/${only!.slug}`);
  }
  const t = await getTranslations("admin");
  const tOnboarding = await getTranslations("adminOnboarding");
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto grid max-w-3xl gap-4 px-4 py-10">
        <h1 className="text-2xl font-semibold">{t("chooseMerchant")}</h1>
        {user.emailVerified ? null : (
          <>
            <p>{t("unverifiedStaff")}</p>
            <VerifyEmailBanner email={user.email} resend={resendVerificationAction} />
          </>
        )}
        {merchants.length === 0 ? (
          <EmptyState
            icon={<Store />}
            title={t("noMerchants")}
            description={tOnboarding("startLead")}
            action={
              <Link href="/admin/new" className={buttonVariants()}>
                <Plus aria-hidden />
                {tOnboarding("startCta")}
              </Link>
            }
          />
        ) : (
          <ul className="grid gap-3">
            {merchants.map((merchant) => (
              <li key={merchant.slug}>
                <Card>
                  <CardHeader>
                    <CardTitle>
                      <Link href={`/admin/${merchant.slug}`} className="rounded focus-ring hover:underline">
                        {merchant.name}
                      </Link>
                    </CardTitle>
                    <CardDescription>{t(`roles.${merchant.role}`)}</CardDescription>
                  </CardHeader>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}

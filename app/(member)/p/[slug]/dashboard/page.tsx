import { getTranslations } from "next-intl/server";
import { resendVerificationAction } from "@/app/(auth)/actions";
import { SiteHeader } from "@/components/member/site-header";
import { VerifyEmailBanner } from "@/components/member/verify-email-banner";
import { loadMemberPage } from "@/lib/dal/pages";
import { getMemberDashboard } from "@/lib/members/member-dashboard";
import { DashboardView } from "./dashboard-view";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage({ params }: Props) {
  const { slug } = await params;
  const { db, context, user, member, locale } = await loadMemberPage(slug, { requireMembership: true });
  const dashboard = await getMemberDashboard(db, member!, { locale });
  return (
    <div style={{ "--brand": context.program.brandColor } as React.CSSProperties}>
      <SiteHeader program={context.program} />
      <DashboardView
        programSlug={slug}
        initialDashboard={dashboard}
        notice={
          user && !user.emailVerified ? (
            <VerifyEmailBanner email={user.email} resend={resendVerificationAction} />
          ) : null
        }
      />
    </div>
  );
}

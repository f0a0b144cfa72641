import { getTranslations } from "next-intl/server";
import { ExpiryForm } from "../_components/expiry-form";
import { MemberPreview } from "../_components/member-preview";
import { SectionWithPreview } from "../_components/section";
import { loadBuilder, type BuilderParams } from "../_data";

export async function generateMetadata() {
  return { title: (await getTranslations("adminPrograms.expiry"))("title") };
}

export default async function ExpiryPage({ params }: BuilderParams) {
  const { merchant, slug } = await params;
  const data = await loadBuilder(merchant, slug);
  const t = await getTranslations("adminPrograms.expiry");
  const { settings } = data.builder.editable.version;
  return (
    <SectionWithPreview preview={<MemberPreview data={data} />}>
      <div className="grid gap-1">
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <ExpiryForm
        merchantSlug={merchant}
        programSlug={slug}
        pointsLabel={data.builder.program.pointsLabel}
        values={{
          policy: settings.expiry.policy,
          months: settings.expiry.months,
          referrerPoints: settings.referral.referrerPoints,
          refereePoints: settings.referral.refereePoints,
          maxPerMember: settings.referral.maxPerMember,
        }}
      />
    </SectionWithPreview>
  );
}

import { getTranslations } from "next-intl/server";
import { IdentityForm } from "./_components/identity-form";
import { MemberPreview } from "./_components/member-preview";
import { PilotForm } from "./_components/pilot-form";
import { SectionWithPreview } from "./_components/section";
import { loadBuilder, type BuilderParams } from "./_data";

export async function generateMetadata() {
  return { title: (await getTranslations("adminPrograms.identity"))("title") };
}

export default async function ProgramOverviewPage({ params }: BuilderParams) {
  const { merchant, slug } = await params;
  const data = await loadBuilder(merchant, slug);
  const t = await getTranslations("adminPrograms.identity");
  const { program } = data.builder;
  return (
    <SectionWithPreview preview={<MemberPreview data={data} />}>
      <div className="grid gap-1">
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <IdentityForm
        merchantSlug={merchant}
        programSlug={slug}
        values={{
          name: program.name,
          description: program.description,
          pointsLabel: program.pointsLabel,
          brandColor: program.brandColor,
          goal: program.goal,
          defaultLocale: program.defaultLocale,
          translations: program.translations,
        }}
      />
      <PilotForm
        merchantSlug={merchant}
        programSlug={slug}
        stores={data.stores}
        values={{ rolloutPercent: program.rolloutPercent, rolloutStoreIds: program.rolloutStoreIds }}
      />
    </SectionWithPreview>
  );
}

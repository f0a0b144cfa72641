import { getFormatter, getTranslations } from "next-intl/server";
import { amountWriter } from "../_components/form-values";
import { MemberPreview } from "../_components/member-preview";
import { SectionWithPreview, SettingsGroup } from "../_components/section";
import { QualificationForm, TierList, type TierRow } from "../_components/tier-editor";
import { ruleDescriber } from "../_components/describe";
import { loadBuilder, type BuilderParams } from "../_data";

export async function generateMetadata() {
  return { title: (await getTranslations("adminPrograms.tiers"))("title") };
}

export default async function TiersPage({ params }: BuilderParams) {
  const { merchant, slug } = await params;
  const data = await loadBuilder(merchant, slug);
  const t = await getTranslations("adminPrograms.tiers");
  const format = await getFormatter();
  const { program } = data.builder;
  const { version, tiers } = data.builder.editable;
  const qualification = version.settings.tierQualification;
  const basis = qualification.basis;
  const amount = await amountWriter(program.currency);
  const describe = await ruleDescriber(program);
  const rows: TierRow[] = tiers.map((tier) => ({
    thresholdText: tier.priceMinor
      ? t("paidSummary", { price: describe.money(tier.priceMinor), months: tier.periodMonths ?? 12 })
      : t(`thresholdSummary.${basis}`, {
          value: basis === "spend" ? describe.money(tier.threshold) : format.number(tier.threshold),
          label: program.pointsLabel,
        }),
    benefits: [
      ...(tier.earnMultiplierPercent !== 100
        ? [t("benefitMultiplier", { multiplier: format.number(tier.earnMultiplierPercent / 100) })]
        : []),
      ...(tier.discountPercent > 0 ? [t("benefitDiscount", { percent: tier.discountPercent })] : []),
      ...tier.perks,
    ],
    values: {
      key: tier.key,
      name: tier.name,
      rank: String(tier.rank),
      threshold: basis === "spend" ? amount(tier.threshold) : String(tier.threshold),
      earnMultiplier: String(tier.earnMultiplierPercent / 100),
      discountPercent: String(tier.discountPercent),
      perks: tier.perks.join("\n"),
      color: tier.color,
      paid: tier.priceMinor !== null,
      price: amount(tier.priceMinor),
      periodMonths: tier.periodMonths === null ? "" : String(tier.periodMonths),
      translations: tier.translations,
    },
  }));
  const common = { merchantSlug: merchant, programSlug: slug, basis };
  return (
    <SectionWithPreview preview={<MemberPreview data={data} />}>
      <div className="grid gap-1">
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <SettingsGroup
        id="tier-qualification"
        title={t("qualificationTitle")}
        description={t("qualificationDescription")}
      >
        <QualificationForm {...common} window={qualification.window} months={qualification.months} />
      </SettingsGroup>
      <SettingsGroup id="tier-list" title={t("listTitle")} description={t("listDescription")}>
        <TierList
          {...common}
          currency={program.currency}
          defaultLocale={program.defaultLocale}
          tiers={rows}
          nextRank={Math.max(0, ...tiers.map((tier) => tier.rank + 1))}
        />
      </SettingsGroup>
    </SectionWithPreview>
  );
}

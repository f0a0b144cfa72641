import { getTranslations } from "next-intl/server";
import { saleTimeWindow } from "@/lib/limits";
import { birthdayModeOf, type EarningSettings } from "@/lib/rules/earning-settings";
import { EarningSettingsForm } from "../_components/earning-settings-form";
import { amountWriter, ruleRows, weekdayNames } from "../_components/form-values";
import { MemberPreview } from "../_components/member-preview";
import { RuleList } from "../_components/rule-editor";
import { SectionWithPreview, SettingsGroup } from "../_components/section";
import { loadBuilder, type BuilderParams } from "../_data";

export async function generateMetadata() {
  return { title: (await getTranslations("adminPrograms.earning"))("title") };
}

export default async function EarningPage({ params }: BuilderParams) {
  const { merchant, slug } = await params;
  const data = await loadBuilder(merchant, slug);
  const t = await getTranslations("adminPrograms.earning");
  const { program } = data.builder;
  const { version, rules } = data.builder.editable;
  const settings = version.settings as EarningSettings;
  const amount = await amountWriter(program.currency);
  const rows = await ruleRows(rules, program, data.stores);
  const common = {
    merchantSlug: merchant,
    programSlug: slug,
    currency: program.currency,
    stores: data.stores,
    weekdays: await weekdayNames(),
    nextPosition: Math.max(0, ...rules.map((rule) => rule.position + 1)),
  };
  return (
    <SectionWithPreview preview={<MemberPreview data={data} />}>
      <div className="grid gap-1">
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      <EarningSettingsForm
        merchantSlug={merchant}
        programSlug={slug}
        currency={program.currency}
        pointsLabel={program.pointsLabel}
        values={{
          points: settings.earnRate.points,
          perAmount: amount(settings.earnRate.perMinor),
          rounding: settings.rounding,
          minimumSpend: amount(settings.minimumSpendMinor),
          pointValue: amount(settings.pointValueMinor),
          birthdayMode: birthdayModeOf(settings),
          daysBack: settings.saleTimeWindow?.daysBack ?? saleTimeWindow.defaultDaysBack,
          minutesAhead: settings.saleTimeWindow?.minutesAhead ?? saleTimeWindow.defaultMinutesAhead,
        }}
      />
      <SettingsGroup id="earning-rules" title={t("rulesTitle")} description={t("rulesDescription")}>
        <RuleList
          {...common}
          rules={rows.filter((row) => row.values.kind !== "campaign")}
          newKind="multiplier"
          addLabel={t("addRule")}
          empty={t("noRules")}
        />
      </SettingsGroup>
      <SettingsGroup id="earning-campaigns" title={t("campaignsTitle")} description={t("campaignsDescription")}>
        <RuleList
          {...common}
          rules={rows.filter((row) => row.values.kind === "campaign")}
          newKind="campaign"
          addLabel={t("addCampaign")}
          empty={t("noCampaigns")}
        />
      </SettingsGroup>
    </SectionWithPreview>
  );
}

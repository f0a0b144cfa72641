"use client";

import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import { roundingModes } from "@/db/schema";
import { birthdayModes } from "@/lib/rules/earning-settings";
import { saveEarningSettingsAction } from "../actions";
import { HiddenRef, Select, useBuilderForm } from "./builder-form";
import { SettingsGroup } from "./section";

export type EarningSettingsValues = {
  points: number;
  perAmount: string;
  rounding: string;
  minimumSpend: string;
  pointValue: string;
  birthdayMode: string;
  daysBack: number | null;
  minutesAhead: number | null;
};

const fields = [
  "points",
  "perAmount",
  "rounding",
  "minimumSpend",
  "pointValue",
  "birthdayMode",
  "daysBack",
  "minutesAhead",
];

export function EarningSettingsForm(props: {
  merchantSlug: string;
  programSlug: string;
  currency: string;
  pointsLabel: string;
  values: EarningSettingsValues;
}) {
  const t = useTranslations("adminPrograms.earning");
  const locale = useLocale();
  const form = useBuilderForm(saveEarningSettingsAction, fields);
  const { values } = props;
  return (
    <form action={form.submit} noValidate>
      <HiddenRef merchantSlug={props.merchantSlug} programSlug={props.programSlug} />
      <input type="hidden" name="currency" value={props.currency} />
      <input type="hidden" name="locale" value={locale} />
      <SettingsGroup id="earning-settings" title={t("settingsTitle")} description={t("settingsDescription")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField
            label={t("points", { label: props.pointsLabel.charAt(0).toUpperCase() + props.pointsLabel.slice(1) })}
            name="points"
            inputMode="numeric"
            defaultValue={form.value("points", values.points)}
            error={form.fieldError("points")}
            required
          />
          <FormField
            label={t("perAmount", { currency: props.currency })}
            name="perAmount"
            inputMode="decimal"
            dir="ltr"
            hint={t("perAmountHint")}
            defaultValue={form.value("perAmount", values.perAmount)}
            error={form.fieldError("perAmount")}
            required
          />
          <FormField label={t("rounding")} name="rounding" hint={t("roundingHint")} error={form.fieldError("rounding")}>
            <Select defaultValue={form.value("rounding", values.rounding)}>
              {roundingModes.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`roundingModes.${mode}`)}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField
            label={t("minimumSpend", { currency: props.currency })}
            name="minimumSpend"
            inputMode="decimal"
            dir="ltr"
            hint={t("minimumSpendHint")}
            defaultValue={form.value("minimumSpend", values.minimumSpend)}
            error={form.fieldError("minimumSpend")}
          />
          <FormField
            label={t("pointValue", { currency: props.currency })}
            name="pointValue"
            inputMode="decimal"
            dir="ltr"
            hint={t("pointValueHint", { label: props.pointsLabel })}
            defaultValue={form.value("pointValue", values.pointValue)}
            error={form.fieldError("pointValue")}
          />
          <FormField
            label={t("birthdayMode")}
            name="birthdayMode"
            hint={t("birthdayModeHint")}
            error={form.fieldError("birthdayMode")}
          >
            <Select defaultValue={form.value("birthdayMode", values.birthdayMode)}>
              {birthdayModes.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`birthdayModes.${mode}`)}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField
            label={t("daysBack")}
            name="daysBack"
            inputMode="numeric"
            hint={t("daysBackHint")}
            defaultValue={form.value("daysBack", values.daysBack)}
            error={form.fieldError("daysBack")}
          />
          <FormField
            label={t("minutesAhead")}
            name="minutesAhead"
            inputMode="numeric"
            hint={t("minutesAheadHint")}
            defaultValue={form.value("minutesAhead", values.minutesAhead)}
            error={form.fieldError("minutesAhead")}
          />
        </div>
        <div className="flex items-center justify-end gap-3">
          <FormMessage result={form.formResult} success={form.savedMessage} className="flex-1" />
          <Button type="submit" pending={form.pending}>
            {t("saveSettings")}
          </Button>
        </div>
      </SettingsGroup>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import { programGoals } from "@/db/schema";
import { TranslationFields } from "@/components/admin/translation-fields";
import { locales } from "@/lib/i18n/locales";
import { saveIdentityAction } from "../actions";
import { HiddenRef, Textarea, useBuilderForm } from "./builder-form";
import { SettingsGroup } from "./section";

export type IdentityValues = {
  name: string;
  description: string;
  pointsLabel: string;
  brandColor: string;
  goal: string;
  defaultLocale: string;
  translations: Partial<Record<string, { name?: string; description?: string }>>;
};

const fields = [
  "name",
  "description",
  "pointsLabel",
  "brandColor",
  "goal",
  "translations",
  ...locales.flatMap((locale) => [`name_${locale}`, `description_${locale}`]),
];

export function IdentityForm(props: { merchantSlug: string; programSlug: string; values: IdentityValues }) {
  const t = useTranslations("adminPrograms.identity");
  const form = useBuilderForm(saveIdentityAction, fields);
  const { values } = props;
  return (
    <form action={form.submit} className="grid gap-6" noValidate>
      <HiddenRef merchantSlug={props.merchantSlug} programSlug={props.programSlug} />
      <SettingsGroup id="identity-basics" title={t("basicsTitle")} description={t("basicsDescription")}>
        <FormField
          label={t("name")}
          name="name"
          defaultValue={form.value("name", values.name)}
          error={form.fieldError("name")}
          required
        />
        <FormField
          label={t("description")}
          name="description"
          hint={t("descriptionHint")}
          error={form.fieldError("description")}
        >
          <Textarea defaultValue={form.value("description", values.description)} rows={3} />
        </FormField>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField
            label={t("pointsLabel")}
            name="pointsLabel"
            hint={t("pointsLabelHint")}
            defaultValue={form.value("pointsLabel", values.pointsLabel)}
            error={form.fieldError("pointsLabel")}
            required
          />
          <FormField
            label={t("brandColor")}
            name="brandColor"
            hint={t("brandColorHint")}
            defaultValue={form.value("brandColor", values.brandColor)}
            error={form.fieldError("brandColor")}
            dir="ltr"
            required
          />
        </div>
      </SettingsGroup>
      <SettingsGroup id="identity-goal" title={t("goalTitle")} description={t("goalDescription")}>
        <fieldset className="grid gap-2">
          <legend className="sr-only">{t("goalTitle")}</legend>
          {programGoals.map((goal) => (
            <label
              key={goal}
              className="flex cursor-pointer items-start gap-3 rounded-lg border border-border p-3 hover:bg-accent/50 has-checked:border-primary has-checked:bg-primary/5"
            >
              <input
                type="radio"
                name="goal"
                value={goal}
                defaultChecked={form.value("goal", values.goal) === goal}
                className="mt-0.5 size-4 accent-(--color-primary)"
              />
              <span className="grid gap-0.5">
                <span className="text-sm font-medium">{t(`goals.${goal}.name`)}</span>
                <span className="text-sm text-muted-foreground">{t(`goals.${goal}.description`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </SettingsGroup>
      <SettingsGroup id="identity-languages" title={t("languagesTitle")} description={t("languagesDescription")}>
        <TranslationFields
          defaultLocale={values.defaultLocale}
          translations={values.translations}
          submitted={form.submitted}
          fieldError={form.fieldError}
        />
      </SettingsGroup>
      <div className="flex items-center justify-end gap-3">
        <FormMessage result={form.formResult} success={form.savedMessage} className="flex-1" />
        <Button type="submit" pending={form.pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import { expiryPolicies } from "@/db/schema";
import { saveExpiryAction } from "../actions";
import { HiddenRef, Select, useBuilderForm } from "./builder-form";
import { SettingsGroup } from "./section";

export type ExpiryValues = {
  policy: string;
  months: number;
  referrerPoints: number;
  refereePoints: number;
  maxPerMember: number;
};

const fields = ["policy", "expiryMonths", "referrerPoints", "refereePoints", "maxPerMember"];

export function ExpiryForm(props: {
  merchantSlug: string;
  programSlug: string;
  pointsLabel: string;
  values: ExpiryValues;
}) {
  const t = useTranslations("adminPrograms.expiry");
  const form = useBuilderForm(saveExpiryAction, fields);
  const { values } = props;
  const label = props.pointsLabel.charAt(0).toUpperCase() + props.pointsLabel.slice(1);
  const [policy, setPolicy] = useState(form.value("policy", values.policy));
  return (
    <form action={form.submit} className="grid gap-6" noValidate>
      <HiddenRef merchantSlug={props.merchantSlug} programSlug={props.programSlug} />
      <SettingsGroup
        id="expiry-policy"
        title={t("policyTitle")}
        description={t("policyDescription", { label: props.pointsLabel })}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField
            label={t("policy")}
            name="policy"
            hint={t(`policyHints.${policy}`)}
            error={form.fieldError("policy")}
          >
            <Select
              defaultValue={form.value("policy", values.policy)}
              onChange={(event) => setPolicy(event.target.value)}
            >
              {expiryPolicies.map((option) => (
                <option key={option} value={option}>
                  {t(`policies.${option}`)}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField
            label={t("months")}
            name="expiryMonths"
            inputMode="numeric"
            hint={policy === "never" ? t("monthsUnused") : t("monthsHint")}
            defaultValue={form.value("expiryMonths", values.months)}
            error={form.fieldError("expiryMonths")}
            readOnly={policy === "never"}
          />
        </div>
      </SettingsGroup>
      <SettingsGroup id="expiry-referral" title={t("referralTitle")} description={t("referralDescription")}>
        <div className="grid gap-4 sm:grid-cols-3">
          <FormField
            label={t("referrerPoints", { label })}
            name="referrerPoints"
            inputMode="numeric"
            hint={t("referrerPointsHint")}
            defaultValue={form.value("referrerPoints", values.referrerPoints)}
            error={form.fieldError("referrerPoints")}
          />
          <FormField
            label={t("refereePoints", { label })}
            name="refereePoints"
            inputMode="numeric"
            hint={t("refereePointsHint")}
            defaultValue={form.value("refereePoints", values.refereePoints)}
            error={form.fieldError("refereePoints")}
          />
          <FormField
            label={t("maxPerMember")}
            name="maxPerMember"
            inputMode="numeric"
            hint={t("maxPerMemberHint")}
            defaultValue={form.value("maxPerMember", values.maxPerMember)}
            error={form.fieldError("maxPerMember")}
          />
        </div>
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

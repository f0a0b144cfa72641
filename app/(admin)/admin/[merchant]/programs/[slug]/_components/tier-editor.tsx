"use client";

import { Pencil, Plus, Trash2, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { useActionMessages } from "@/components/forms/use-action-messages";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import { localeNames, locales } from "@/lib/i18n/locales";
import { removeTierAction, saveTierAction, saveTierQualificationAction } from "../actions";
import { HiddenRef, Select, Textarea, useBuilderForm } from "./builder-form";

export type Basis = "points" | "spend" | "visits";

export type TierValues = {
  key: string;
  name: string;
  rank: string;
  threshold: string;
  earnMultiplier: string;
  discountPercent: string;
  perks: string;
  color: string;
  paid: boolean;
  price: string;
  periodMonths: string;
  translations: Partial<Record<string, { name?: string; perks?: string[] }>>;
};

export type TierRow = { values: TierValues; thresholdText: string; benefits: string[] };

type Common = { merchantSlug: string; programSlug: string; currency: string; basis: Basis; defaultLocale: string };

export function QualificationForm(
  props: Omit<Common, "defaultLocale" | "currency"> & { window: string; months: number },
) {
  const t = useTranslations("adminPrograms.tiers");
  const form = useBuilderForm(saveTierQualificationAction, ["basis", "window", "qualificationMonths"]);
  const [window, setWindow] = useState(form.value("window", props.window));
  return (
    <form action={form.submit} className="grid gap-4" noValidate>
      <HiddenRef merchantSlug={props.merchantSlug} programSlug={props.programSlug} />
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField label={t("basis")} name="basis" hint={t("basisHint")} error={form.fieldError("basis")}>
          <Select defaultValue={form.value("basis", props.basis)}>
            {(["points", "spend", "visits"] as const).map((basis) => (
              <option key={basis} value={basis}>
                {t(`bases.${basis}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField label={t("window")} name="window" error={form.fieldError("window")}>
          <Select defaultValue={form.value("window", props.window)} onChange={(event) => setWindow(event.target.value)}>
            {(["calendar_year", "rolling_months"] as const).map((option) => (
              <option key={option} value={option}>
                {t(`windows.${option}`)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField
          label={t("months")}
          name="qualificationMonths"
          inputMode="numeric"
          hint={window === "rolling_months" ? t("monthsHint") : t("monthsUnused")}
          defaultValue={form.value("qualificationMonths", props.months)}
          error={form.fieldError("qualificationMonths")}
          readOnly={window !== "rolling_months"}
        />
      </div>
      <div className="flex items-center justify-end gap-3">
        <FormMessage result={form.formResult} success={form.savedMessage} className="flex-1" />
        <Button type="submit" pending={form.pending}>
          {t("saveQualification")}
        </Button>
      </div>
    </form>
  );
}

export function TierList(props: Common & { tiers: TierRow[]; nextRank: number }) {
  const t = useTranslations("adminPrograms.tiers");
  const [editing, setEditing] = useState<string | null>(null);
  const empty: TierValues = {
    key: "",
    name: "",
    rank: String(props.nextRank),
    threshold: "",
    earnMultiplier: "1",
    discountPercent: "0",
    perks: "",
    color: "#64748b",
    paid: false,
    price: "",
    periodMonths: "",
    translations: {},
  };
  return (
    <div className="grid gap-3">
      {props.tiers.length > 0 ? (
        <ul className="divide-y divide-border overflow-hidden rounded-lg border border-border">
          {props.tiers.map((tier) =>
            editing === tier.values.key ? (
              <li key={tier.values.key} className="bg-muted/30 p-4">
                <TierForm {...props} values={tier.values} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <TierSummary key={tier.values.key} {...props} tier={tier} onEdit={() => setEditing(tier.values.key)} />
            ),
          )}
        </ul>
      ) : editing !== "new" ? (
        <p className="rounded-lg border border-dashed border-border p-4 text-center text-sm text-muted-foreground">
          {t("noTiers")}
        </p>
      ) : null}
      {editing === "new" ? (
        <div className="rounded-lg border border-border bg-muted/30 p-4">
          <TierForm {...props} values={empty} onDone={() => setEditing(null)} />
        </div>
      ) : (
        <div>
          <Button type="button" variant="outline" size="sm" onClick={() => setEditing("new")}>
            <Plus aria-hidden />
            {t("addTier")}
          </Button>
        </div>
      )}
    </div>
  );
}

function TierSummary(props: Common & { tier: TierRow; onEdit: () => void }) {
  const t = useTranslations("adminPrograms.tiers");
  const [state, remove, removing] = useActionState(async (_: unknown, form: FormData) => removeTierAction(form), null);
  const { formResult } = useActionMessages(state);
  const { values } = props.tier;
  return (
    <li className="flex items-start justify-between gap-4 p-4" data-testid={`tier-${values.key}`}>
      <div className="flex min-w-0 items-start gap-3">
        <span
          aria-hidden
          className="mt-1 size-3 shrink-0 rounded-full ring-1 ring-black/10"
          style={{ backgroundColor: values.color }}
        />
        <div className="grid min-w-0 gap-1">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{values.name}</span>
            <span className="text-sm text-muted-foreground">{props.tier.thresholdText}</span>
            {values.paid ? <Badge variant="secondary">{t("paidBadge")}</Badge> : null}
          </p>
          {props.tier.benefits.length > 0 ? (
            <p className="text-sm text-muted-foreground">{props.tier.benefits.join(" · ")}</p>
          ) : null}
          <FormMessage result={formResult} />
        </div>
      </div>
      <div className="flex shrink-0 items-center gap-1">
        <Button
          type="button"
          variant="ghost"
          size="sm"
          onClick={props.onEdit}
          aria-label={t("editNamed", { name: values.name })}
        >
          <Pencil aria-hidden />
          {t("edit")}
        </Button>
        <form action={remove}>
          <HiddenRef merchantSlug={props.merchantSlug} programSlug={props.programSlug} />
          <input type="hidden" name="key" value={values.key} />
          <Button
            type="submit"
            variant="ghost"
            size="icon-sm"
            pending={removing}
            aria-label={t("removeNamed", { name: values.name })}
            title={t("remove")}
          >
            {removing ? null : <Trash2 aria-hidden className="text-destructive" />}
          </Button>
        </form>
      </div>
    </li>
  );
}

const tierFields = [
  "name",
  "rank",
  "threshold",
  "earnMultiplier",
  "discountPercent",
  "perks",
  "color",
  "price",
  "periodMonths",
  "translations",
  ...locales.flatMap((locale) => [`name_${locale}`, `perks_${locale}`]),
];

function TierForm(props: Common & { values: TierValues; onDone: () => void }) {
  const t = useTranslations("adminPrograms.tiers");
  const locale = useLocale();
  const form = useBuilderForm(async (data: FormData) => {
    const result = await saveTierAction(data);
    if (result.ok) props.onDone();
    return result;
  }, tierFields);
  const { values } = props;
  const [paid, setPaid] = useState(form.failed ? form.value("paid", "") === "on" : values.paid);
  const title = values.key ? t("editNamed", { name: values.name }) : t("new");
  return (
    <form action={form.submit} className="grid gap-5" noValidate aria-label={title}>
      <HiddenRef merchantSlug={props.merchantSlug} programSlug={props.programSlug} />
      <input type="hidden" name="currency" value={props.currency} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="basis" value={props.basis} />
      <input type="hidden" name="key" value={values.key} />
      <div className="flex items-center justify-between">
        <h3 className="font-semibold">{title}</h3>
        <Button type="button" variant="ghost" size="icon-sm" onClick={props.onDone} aria-label={t("cancel")}>
          <X aria-hidden />
        </Button>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label={t("name")}
          name="name"
          defaultValue={form.value("name", values.name)}
          error={form.fieldError("name")}
          required
        />
        <FormField
          label={t("rank")}
          name="rank"
          inputMode="numeric"
          hint={t("rankHint")}
          defaultValue={form.value("rank", values.rank)}
          error={form.fieldError("rank")}
          required
        />
        <FormField
          label={t(`threshold.${props.basis}`, { currency: props.currency })}
          name="threshold"
          inputMode={props.basis === "spend" ? "decimal" : "numeric"}
          dir="ltr"
          hint={t("thresholdHint")}
          defaultValue={form.value("threshold", values.threshold)}
          error={form.fieldError("threshold")}
        />
        <FormField
          label={t("earnMultiplier")}
          name="earnMultiplier"
          inputMode="decimal"
          dir="ltr"
          hint={t("earnMultiplierHint")}
          defaultValue={form.value("earnMultiplier", values.earnMultiplier)}
          error={form.fieldError("earnMultiplier")}
        />
        <FormField
          label={t("discountPercent")}
          name="discountPercent"
          inputMode="numeric"
          hint={t("discountPercentHint")}
          defaultValue={form.value("discountPercent", values.discountPercent)}
          error={form.fieldError("discountPercent")}
        />
        <FormField
          label={t("color")}
          name="color"
          dir="ltr"
          hint={t("colorHint")}
          defaultValue={form.value("color", values.color)}
          error={form.fieldError("color")}
        />
        <FormField
          label={t("perks")}
          name="perks"
          hint={t("perksHint")}
          error={form.fieldError("perks")}
          className="sm:col-span-2"
        >
          <Textarea rows={3} defaultValue={form.value("perks", values.perks)} />
        </FormField>
      </div>
      <fieldset className="grid gap-4 rounded-lg border border-border bg-card p-4">
        <legend className="px-1 text-sm font-semibold">{t("paidTitle")}</legend>
        <label className="flex items-start gap-3 text-sm">
          <input
            type="checkbox"
            name="paid"
            defaultChecked={paid}
            onChange={(event) => setPaid(event.target.checked)}
            className="mt-0.5 size-4"
          />
          <span className="grid gap-0.5">
            <span className="font-medium">{t("paidLabel")}</span>
            <span className="text-muted-foreground">{t("paidHint")}</span>
          </span>
        </label>
        {paid ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              label={t("price", { currency: props.currency })}
              name="price"
              inputMode="decimal"
              dir="ltr"
              defaultValue={form.value("price", values.price)}
              error={form.fieldError("price")}
              required
            />
            <FormField
              label={t("periodMonths")}
              name="periodMonths"
              inputMode="numeric"
              defaultValue={form.value("periodMonths", values.periodMonths)}
              error={form.fieldError("periodMonths")}
              required
            />
          </div>
        ) : null}
      </fieldset>
      <details className="rounded-lg border border-border bg-card" open={form.failed || undefined}>
        <summary className="cursor-pointer px-4 py-3 text-sm font-semibold">{t("languagesTitle")}</summary>
        <div className="grid gap-4 border-t border-border p-4">
          <p className="text-sm text-muted-foreground">{t("languagesHint")}</p>
          {locales
            .filter((code) => code !== props.defaultLocale)
            .map((code) => (
              <div key={code} className="grid gap-3 sm:grid-cols-2" lang={code} dir={code === "fa" ? "rtl" : "ltr"}>
                <FormField
                  label={t("nameIn", { language: localeNames[code] })}
                  name={`name_${code}`}
                  defaultValue={form.value(`name_${code}`, values.translations[code]?.name)}
                  error={form.fieldError(`name_${code}`)}
                />
                <FormField
                  label={t("perksIn", { language: localeNames[code] })}
                  name={`perks_${code}`}
                  error={form.fieldError(`perks_${code}`)}
                >
                  <Textarea
                    rows={2}
                    defaultValue={form.value(`perks_${code}`, values.translations[code]?.perks?.join("\n"))}
                  />
                </FormField>
              </div>
            ))}
        </div>
      </details>
      <div className="flex items-center justify-end gap-3">
        <FormMessage result={form.state?.ok ? null : form.formResult} className="flex-1" />
        <Button type="button" variant="ghost" onClick={props.onDone}>
          {t("cancel")}
        </Button>
        <Button type="submit" pending={form.pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

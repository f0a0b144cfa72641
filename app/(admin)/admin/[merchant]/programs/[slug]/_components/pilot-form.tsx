"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import { saveProgramRolloutAction } from "../actions";
import { HiddenRef, useBuilderForm } from "./builder-form";
import { SettingsGroup } from "./section";

const fields = ["rolloutPercent", "rolloutStoreIds"];

/**
 * The program's pilot: the stores it runs at (members whose home store is one of them) and a
 * stable share of members. Program-level, so it applies at once, not on publish.
 */
export function PilotForm(props: {
  merchantSlug: string;
  programSlug: string;
  stores: { id: string; name: string }[];
  values: { rolloutPercent: number; rolloutStoreIds: string[] };
}) {
  const t = useTranslations("adminPrograms.pilot");
  const form = useBuilderForm(saveProgramRolloutAction, fields, ["rolloutStoreIds"]);
  const sentStores = form.value("rolloutStoreIds", props.values.rolloutStoreIds.join(","));
  const checked = new Set(sentStores.split(",").filter(Boolean));
  return (
    <form action={form.submit} className="grid gap-6" noValidate aria-label={t("title")}>
      <HiddenRef merchantSlug={props.merchantSlug} programSlug={props.programSlug} />
      <SettingsGroup id="program-pilot" title={t("title")} description={t("description")}>
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">{t("stores")}</legend>
          {props.stores.map((store) => (
            <label key={store.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="rolloutStoreIds"
                value={store.id}
                defaultChecked={checked.has(store.id)}
                className="size-4 accent-primary"
              />
              {store.name}
            </label>
          ))}
          <p className="text-sm text-muted-foreground">{t("storesHint")}</p>
          {form.fieldError("rolloutStoreIds") ? (
            <p className="text-sm font-medium text-destructive">{form.fieldError("rolloutStoreIds")}</p>
          ) : null}
        </fieldset>
        <FormField
          className="max-w-48"
          label={t("percent")}
          name="rolloutPercent"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          hint={t("percentHint")}
          defaultValue={form.value("rolloutPercent", props.values.rolloutPercent)}
          error={form.fieldError("rolloutPercent")}
        />
      </SettingsGroup>
      <div className="flex items-center justify-end gap-3">
        <FormMessage result={form.formResult} success={form.savedMessage} />
        <Button type="submit" pending={form.pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

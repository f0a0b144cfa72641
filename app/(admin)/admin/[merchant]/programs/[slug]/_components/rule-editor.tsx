"use client";

import { Pencil, Plus, Trash2, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { useActionMessages } from "@/components/forms/use-action-messages";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import { memberActions } from "@/db/schema";
import { removeRuleAction, saveRuleAction } from "../actions";
import { GroupError, HiddenRef, Select, useBuilderForm } from "./builder-form";

/** A rule as its form shows it: amounts already written in the currency, dates as local days. */
export type RuleValues = {
  key: string;
  name: string;
  kind: "spend" | "multiplier" | "campaign" | "action";
  action: string;
  points: string;
  multiplier: string;
  storeIds: string[];
  categories: string;
  excludedCategories: string;
  minimumSpend: string;
  days: number[];
  segmentId: string;
  startsOn: string;
  endsOn: string;
  rolloutPercent: string;
  position: string;
};

export type RuleRow = { values: RuleValues; gives: string; where: string[] };

type Common = {
  merchantSlug: string;
  programSlug: string;
  currency: string;
  stores: { id: string; name: string }[];
  weekdays: string[];
};

const fields = [
  "name",
  "kind",
  "action",
  "points",
  "multiplier",
  "storeIds",
  "categories",
  "excludedCategories",
  "minimumSpend",
  "days",
  "startsOn",
  "endsOn",
  "rolloutPercent",
];

/** A list of rules, each one editable in place, with a button to add one of `newKind`. */
export function RuleList(
  props: Common & {
    rules: RuleRow[];
    newKind: RuleValues["kind"];
    addLabel: string;
    empty: string;
    nextPosition: number;
  },
) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="grid gap-3">
      {props.rules.length === 0 && editing !== "new" ? (
        <p className="rounded-lg border border-dashed border-border p-4 text-center text-sm text-muted-foreground">
          {props.empty}
        </p>
      ) : null}
      {props.rules.length > 0 ? (
        <ul className="divide-y divide-border overflow-hidden rounded-lg border border-border">
          {props.rules.map((rule) =>
            editing === rule.values.key ? (
              <li key={rule.values.key} className="bg-muted/30 p-4">
                <RuleForm {...props} values={rule.values} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <RuleSummary key={rule.values.key} {...props} rule={rule} onEdit={() => setEditing(rule.values.key)} />
            ),
          )}
        </ul>
      ) : null}
      {editing === "new" ? (
        <div className="rounded-lg border border-border bg-muted/30 p-4">
          <RuleForm
            {...props}
            values={{ ...emptyRule, kind: props.newKind, position: String(props.nextPosition) }}
            onDone={() => setEditing(null)}
          />
        </div>
      ) : (
        <div>
          <Button type="button" variant="outline" size="sm" onClick={() => setEditing("new")}>
            <Plus aria-hidden />
            {props.addLabel}
          </Button>
        </div>
      )}
    </div>
  );
}

const emptyRule: RuleValues = {
  key: "",
  name: "",
  kind: "campaign",
  action: "",
  points: "",
  multiplier: "",
  storeIds: [],
  categories: "",
  excludedCategories: "",
  minimumSpend: "",
  days: [],
  segmentId: "",
  startsOn: "",
  endsOn: "",
  rolloutPercent: "100",
  position: "0",
};

function RuleSummary(props: Common & { rule: RuleRow; onEdit: () => void }) {
  const t = useTranslations("adminPrograms.rules");
  const [state, remove, removing] = useActionState(async (_: unknown, form: FormData) => removeRuleAction(form), null);
  const { formResult } = useActionMessages(state);
  const { values } = props.rule;
  return (
    <li className="flex items-start justify-between gap-4 p-4" data-testid={`rule-${values.key}`}>
      <div className="grid min-w-0 gap-1">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{values.name}</span>
          <Badge variant="secondary">{t(`kinds.${values.kind}`)}</Badge>
        </p>
        <p className="text-sm text-primary">{props.rule.gives}</p>
        {props.rule.where.length > 0 ? (
          <p className="text-sm text-muted-foreground">{props.rule.where.join(" · ")}</p>
        ) : (
          <p className="text-sm text-muted-foreground">{t("everywhere")}</p>
        )}
        <FormMessage result={formResult} />
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

function RuleForm(props: Common & { values: RuleValues; onDone: () => void }) {
  const t = useTranslations("adminPrograms.rules");
  const locale = useLocale();
  const form = useBuilderForm(
    async (data: FormData) => {
      const result = await saveRuleAction(data);
      if (result.ok) props.onDone();
      return result;
    },
    fields,
    ["days", "storeIds"],
  );
  const { values } = props;
  const [kind, setKind] = useState(form.value("kind", values.kind));
  const sentDays = form.value("days", values.days.join(","));
  const days = sentDays ? sentDays.split(",").map(Number) : [];
  const sentStores = form.value("storeIds", values.storeIds.join(","));
  const storeIds = sentStores ? sentStores.split(",") : [];
  return (
    <form
      action={form.submit}
      className="grid gap-5"
      noValidate
      aria-label={values.key ? t("editNamed", { name: values.name }) : t("new")}
    >
      <HiddenRef merchantSlug={props.merchantSlug} programSlug={props.programSlug} />
      <input type="hidden" name="currency" value={props.currency} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="key" value={values.key} />
      <input type="hidden" name="segmentId" value={values.segmentId} />
      <input type="hidden" name="position" value={values.position} />
      <div className="flex items-center justify-between">
        <h3 className="font-semibold">{values.key ? t("editNamed", { name: values.name }) : t("new")}</h3>
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
        <FormField label={t("kind")} name="kind" error={form.fieldError("kind")} hint={t(`kindHints.${kind}`)}>
          <Select defaultValue={form.value("kind", values.kind)} onChange={(event) => setKind(event.target.value)}>
            {(["spend", "multiplier", "campaign", "action"] as const).map((option) => (
              <option key={option} value={option}>
                {t(`kinds.${option}`)}
              </option>
            ))}
          </Select>
        </FormField>
        {kind === "action" ? (
          <FormField label={t("action")} name="action" error={form.fieldError("action")}>
            <Select defaultValue={form.value("action", values.action)}>
              <option value="">{t("chooseAction")}</option>
              {memberActions
                .filter((action) => action !== "referral")
                .map((action) => (
                  <option key={action} value={action}>
                    {t(`actions.${action}`)}
                  </option>
                ))}
            </Select>
          </FormField>
        ) : null}
        {kind === "multiplier" || kind === "campaign" ? (
          <FormField
            label={t("multiplier")}
            name="multiplier"
            inputMode="decimal"
            dir="ltr"
            hint={t("multiplierHint")}
            defaultValue={form.value("multiplier", values.multiplier)}
            error={form.fieldError("multiplier")}
            required={kind === "multiplier"}
          />
        ) : null}
        {kind === "action" || kind === "campaign" ? (
          <FormField
            label={t("points")}
            name="points"
            inputMode="numeric"
            hint={kind === "campaign" ? t("campaignPointsHint") : undefined}
            defaultValue={form.value("points", values.points)}
            error={form.fieldError("points")}
            required={kind === "action"}
          />
        ) : null}
      </div>
      {kind !== "action" ? (
        <fieldset className="grid gap-4 rounded-lg border border-border bg-card p-4">
          <legend className="px-1 text-sm font-semibold">{t("conditions")}</legend>
          <p className="-mt-2 text-sm text-muted-foreground">{t("conditionsHint")}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              label={t("categories")}
              name="categories"
              hint={t("categoriesHint")}
              defaultValue={form.value("categories", values.categories)}
              error={form.fieldError("categories")}
            />
            <FormField
              label={t("excludedCategories")}
              name="excludedCategories"
              hint={t("categoriesHint")}
              defaultValue={form.value("excludedCategories", values.excludedCategories)}
              error={form.fieldError("excludedCategories")}
            />
            <FormField
              label={t("minimumSpend", { currency: props.currency })}
              name="minimumSpend"
              inputMode="decimal"
              dir="ltr"
              defaultValue={form.value("minimumSpend", values.minimumSpend)}
              error={form.fieldError("minimumSpend")}
            />
            <FormField
              label={t("rolloutPercent")}
              name="rolloutPercent"
              inputMode="numeric"
              hint={t("rolloutPercentHint")}
              defaultValue={form.value("rolloutPercent", values.rolloutPercent)}
              error={form.fieldError("rolloutPercent")}
            />
            <FormField
              label={t("startsOn")}
              name="startsOn"
              type="date"
              defaultValue={form.value("startsOn", values.startsOn)}
              error={form.fieldError("startsOn")}
            />
            <FormField
              label={t("endsOn")}
              name="endsOn"
              type="date"
              hint={t("endsOnHint")}
              defaultValue={form.value("endsOn", values.endsOn)}
              error={form.fieldError("endsOn")}
            />
          </div>
          <fieldset className="grid gap-2" aria-describedby="rule-days-error">
            <legend className="text-sm font-medium">{t("days")}</legend>
            <div className="flex flex-wrap gap-2">
              {props.weekdays.map((name, day) => (
                <label
                  key={name}
                  className="flex cursor-pointer items-center gap-2 rounded-md border border-border px-3 py-1.5 text-sm has-checked:border-primary has-checked:bg-primary/5"
                >
                  <input
                    type="checkbox"
                    name="days"
                    value={day}
                    defaultChecked={days.includes(day)}
                    className="size-4"
                  />
                  {name}
                </label>
              ))}
            </div>
            <p className="text-sm text-muted-foreground">{t("daysHint")}</p>
            <GroupError id="rule-days-error" messages={form.fieldError("days")} />
          </fieldset>
          {props.stores.length > 0 ? (
            <fieldset className="grid gap-2" aria-describedby="rule-stores-error">
              <legend className="text-sm font-medium">{t("stores")}</legend>
              <div className="flex flex-wrap gap-2">
                {props.stores.map((store) => (
                  <label
                    key={store.id}
                    className="flex cursor-pointer items-center gap-2 rounded-md border border-border px-3 py-1.5 text-sm has-checked:border-primary has-checked:bg-primary/5"
                  >
                    <input
                      type="checkbox"
                      name="storeIds"
                      value={store.id}
                      defaultChecked={storeIds.includes(store.id)}
                      className="size-4"
                    />
                    {store.name}
                  </label>
                ))}
              </div>
              <p className="text-sm text-muted-foreground">{t("storesHint")}</p>
              <GroupError id="rule-stores-error" messages={form.fieldError("storeIds")} />
            </fieldset>
          ) : null}
        </fieldset>
      ) : null}
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

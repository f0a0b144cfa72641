"use client";

import { ArrowLeft, ImageUp } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useEffect, useState, type ReactNode } from "react";
import { TranslationFields } from "@/components/admin/translation-fields";
import { useActionMessages } from "@/components/forms/use-action-messages";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import type { RewardKind } from "@/db/schema";
import type { Translations } from "@/db/schema/columns";
import type { ActionState } from "@/lib/actions/action-client";
import { minorUnitDigits } from "@/lib/money";
import { translationFieldNames } from "@/lib/validation/catalog-form-fields";
import { saveRewardAction } from "../actions";

export type RewardFormValues = {
  id: string;
  name: string;
  description: string;
  kind: RewardKind;
  status: "draft" | "active" | "archived";
  costPoints: number;
  value: number | null;
  imageUrl: string | null;
  stock: number | null;
  minTierKey: string | null;
  perMemberLimit: number | null;
  /** Wall-clock times in the program's time zone, "" when open. */
  availableFrom: string;
  availableUntil: string;
  voucherValidDays: number;
  rolloutPercent: number;
  rolloutStoreIds: string[];
  translations: Translations;
};

const fields = [
  "name",
  "description",
  "kind",
  "costPoints",
  "value",
  "image",
  "imageUrl",
  "stock",
  "minTierKey",
  "perMemberLimit",
  "availableFrom",
  "availableUntil",
  "voucherValidDays",
  "rolloutStoreIds",
  "rolloutPercent",
  ...translationFieldNames,
];

/** A reward's page, in the manner of a product editor: what it is on the left, who gets it on the right. */
export function RewardEditor(props: {
  merchantSlug: string;
  program: { slug: string; name: string; currency: string; timeZone: string; defaultLocale: string };
  reward: RewardFormValues | null;
  options: { tiers: { key: string; name: string }[]; stores: { id: string; name: string }[] };
  listHref: string;
  kinds: readonly RewardKind[];
}) {
  const t = useTranslations("adminPrograms.catalog");
  const locale = useLocale();
  const router = useRouter();
  const { reward, program } = props;
  const [preview, setPreview] = useState<string | null>(null);
  const [state, save, pending] = useActionState<ActionState<{ id: string }> | null, FormData>(async (_, form) => {
    const result = await saveRewardAction(form);
    // A refused submit empties the file field (browsers never refill one): drop its preview too.
    if (!result.ok) setPreview(null);
    return result;
  }, null);
  useEffect(() => {
    if (state?.ok) {
      router.push(props.listHref);
      router.refresh();
    }
  }, [state, router, props.listHref]);
  const { formResult, fieldError, submitted } = useActionMessages(state, fields);
  const initial = (name: string, saved: string | number | null | undefined) =>
    submitted(name) ?? (saved === null || saved === undefined ? "" : String(saved));

  const [kind, setKind] = useState<RewardKind>((submitted("kind") as RewardKind) ?? reward?.kind ?? "free_product");
  const [stores, setStores] = useState<string[]>(reward?.rolloutStoreIds ?? []);
  const [removeImage, setRemoveImage] = useState(false);
  const imageShown = preview ?? (removeImage ? null : (reward?.imageUrl ?? null));

  const savedValue =
    reward?.value == null
      ? null
      : reward.kind === "fixed_discount"
        ? new Intl.NumberFormat(locale, {
            minimumFractionDigits: minorUnitDigits(program.currency),
            maximumFractionDigits: minorUnitDigits(program.currency),
            useGrouping: false,
          }).format(reward.value / 10 ** minorUnitDigits(program.currency))
        : String(reward.value / 100);
  const timeHint = t("common.timeZoneHint", { timeZone: program.timeZone });
  const title = reward ? reward.name : t("rewards.newTitle");

  return (
    <form action={save} id="reward-form" className="grid grid-cols-1 gap-6" noValidate>
      <input type="hidden" name="merchantSlug" value={props.merchantSlug} />
      <input type="hidden" name="programSlug" value={program.slug} />
      <input type="hidden" name="rewardId" value={reward?.id ?? ""} />
      <input type="hidden" name="currency" value={program.currency} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="imageUrl" value={reward?.imageUrl ?? ""} />
      <input type="hidden" name="stockSeen" value={reward?.stock ?? ""} />
      <input type="hidden" name="rolloutStoreIds" value={stores.join(",")} />

      <div className="flex flex-wrap items-center justify-between gap-4">
        <div className="flex min-w-0 items-center gap-3">
          <Link
            href={props.listHref}
            className={buttonVariants({ variant: "outline", size: "icon-sm" })}
            aria-label={t("rewards.title")}
          >
            <ArrowLeft aria-hidden className="rtl:rotate-180" />
          </Link>
          <div className="min-w-0">
            <p className="text-sm font-medium text-muted-foreground">{program.name}</p>
            <h2 className="truncate text-xl font-semibold tracking-tight">{title}</h2>
          </div>
          {reward ? (
            <Badge variant={reward.status === "active" ? "success" : "secondary"}>
              {t(`rewards.status.${reward.status}`)}
            </Badge>
          ) : null}
        </div>
        <div className="flex items-center gap-2">
          <Link href={props.listHref} className={buttonVariants({ variant: "outline" })}>
            {t("common.cancel")}
          </Link>
          <Button type="submit" pending={pending}>
            {t("common.save")}
          </Button>
        </div>
      </div>

      <FormMessage result={formResult} />

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="grid gap-6">
          <Section title={t("rewards.sections.details")}>
            <FormField
              label={t("rewards.fields.name")}
              name="name"
              defaultValue={initial("name", reward?.name)}
              required
              maxLength={100}
              error={fieldError("name")}
            />
            <FormField
              label={t("rewards.fields.description")}
              name="description"
              defaultValue={initial("description", reward?.description)}
              error={fieldError("description")}
            >
              <Textarea rows={4} />
            </FormField>
          </Section>

          <Section title={t("rewards.sections.media")}>
            <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
              <div className="flex size-32 shrink-0 items-center justify-center overflow-hidden rounded-lg border border-dashed border-border bg-muted text-muted-foreground">
                {imageShown ? (
                  // eslint-disable-next-line @next/next/no-img-element -- a local preview (blob:) or an upload the app serves
                  <img src={imageShown} alt="" className="size-full object-cover" data-testid="reward-image-preview" />
                ) : (
                  <span className="grid justify-items-center gap-1 text-xs">
                    <ImageUp aria-hidden className="size-6" />
                    {t("rewards.fields.noImage")}
                  </span>
                )}
              </div>
              <div className="grid flex-1 gap-3">
                <FormField
                  label={t("rewards.fields.image")}
                  name="image"
                  type="file"
                  accept="image/png,image/jpeg,image/webp,image/gif"
                  hint={reward?.imageUrl ? t("rewards.fields.imageKeepHint") : t("rewards.fields.imageHint")}
                  error={fieldError("image") ?? fieldError("imageUrl")}
                  className="[&_input]:h-auto [&_input]:py-2"
                  onChange={(event) => {
                    const file = event.currentTarget.files?.[0];
                    setPreview(file ? URL.createObjectURL(file) : null);
                  }}
                />
                {reward?.imageUrl ? (
                  <label className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      name="removeImage"
                      className="size-4 accent-primary"
                      defaultChecked={removeImage}
                      onChange={(event) => setRemoveImage(event.target.checked)}
                    />
                    {t("rewards.fields.removeImage")}
                  </label>
                ) : null}
              </div>
            </div>
          </Section>

          <Section title={t("rewards.sections.pricing")}>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField
                key={`kind:${submitted("kind") ?? ""}`}
                label={t("rewards.fields.kind")}
                name="kind"
                defaultValue={kind}
                onChange={(event) => setKind((event.target as unknown as HTMLSelectElement).value as RewardKind)}
                error={fieldError("kind")}
              >
                <NativeSelect>
                  {props.kinds.map((option) => (
                    <option key={option} value={option}>
                      {t(`rewards.kinds.${option}`)}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              {kind === "fixed_discount" || kind === "percent_discount" ? (
                <FormField
                  key={kind}
                  label={
                    kind === "fixed_discount"
                      ? t("rewards.fields.valueMoney", { currency: program.currency })
                      : t("rewards.fields.valuePercent")
                  }
                  name="value"
                  inputMode="decimal"
                  dir="ltr"
                  defaultValue={initial("value", reward?.kind === kind ? savedValue : null)}
                  required
                  error={fieldError("value")}
                />
              ) : (
                <p className="self-end pb-3 text-sm text-muted-foreground">{t("rewards.fields.valueNone")}</p>
              )}
              <FormField
                label={t("rewards.fields.costPoints")}
                name="costPoints"
                type="number"
                inputMode="numeric"
                min={1}
                defaultValue={initial("costPoints", reward?.costPoints)}
                required
                error={fieldError("costPoints")}
              />
              <FormField
                label={t("rewards.fields.voucherValidDays")}
                name="voucherValidDays"
                type="number"
                inputMode="numeric"
                min={1}
                defaultValue={initial("voucherValidDays", reward?.voucherValidDays ?? 30)}
                error={fieldError("voucherValidDays")}
              />
            </div>
          </Section>

          <Section title={t("rewards.sections.availability")} description={timeHint}>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField
                label={t("rewards.fields.availableFrom")}
                name="availableFrom"
                type="datetime-local"
                defaultValue={initial("availableFrom", reward?.availableFrom)}
                error={fieldError("availableFrom")}
              />
              <FormField
                label={t("rewards.fields.availableUntil")}
                name="availableUntil"
                type="datetime-local"
                defaultValue={initial("availableUntil", reward?.availableUntil)}
                error={fieldError("availableUntil")}
              />
            </div>
          </Section>

          <TranslationFields
            defaultLocale={program.defaultLocale}
            translations={reward?.translations ?? {}}
            submitted={submitted}
            fieldError={fieldError}
          />
        </div>

        <div className="grid gap-6">
          <Section title={t("rewards.sections.inventory")}>
            <FormField
              label={t("rewards.fields.stock")}
              name="stock"
              type="number"
              inputMode="numeric"
              min={0}
              placeholder={t("rewards.unlimited")}
              defaultValue={initial("stock", reward?.stock)}
              hint={t("rewards.fields.stockHint")}
              error={fieldError("stock")}
            />
            <FormField
              label={t("rewards.fields.perMemberLimit")}
              name="perMemberLimit"
              type="number"
              inputMode="numeric"
              min={1}
              defaultValue={initial("perMemberLimit", reward?.perMemberLimit)}
              hint={t("rewards.fields.perMemberLimitHint")}
              error={fieldError("perMemberLimit")}
            />
          </Section>

          <Section title={t("rewards.sections.eligibility")}>
            <FormField
              key={`minTierKey:${submitted("minTierKey") ?? ""}`}
              label={t("rewards.fields.minTierKey")}
              name="minTierKey"
              defaultValue={initial("minTierKey", reward?.minTierKey)}
              error={fieldError("minTierKey")}
            >
              <NativeSelect>
                <option value="">{t("common.noTier")}</option>
                {props.options.tiers.map((tier) => (
                  <option key={tier.key} value={tier.key}>
                    {tier.name}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
          </Section>

          <Section title={t("rewards.sections.rollout")}>
            <fieldset className="grid gap-2" aria-describedby="reward-stores-hint">
              <legend className="mb-2 text-sm font-medium">{t("rewards.fields.rolloutStores")}</legend>
              {props.options.stores.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("rewards.fields.noStores")}</p>
              ) : (
                props.options.stores.map((store) => (
                  <label key={store.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="size-4 accent-primary"
                      checked={stores.includes(store.id)}
                      onChange={(event) =>
                        setStores((current) =>
                          event.target.checked ? [...current, store.id] : current.filter((id) => id !== store.id),
                        )
                      }
                    />
                    {store.name}
                  </label>
                ))
              )}
              <p id="reward-stores-hint" className="text-sm text-muted-foreground">
                {t("rewards.fields.rolloutStoresHint")}
              </p>
              {fieldError("rolloutStoreIds") ? (
                <p className="text-sm font-medium text-destructive" aria-live="polite">
                  {fieldError("rolloutStoreIds")!.join(" ")}
                </p>
              ) : null}
            </fieldset>
            <FormField
              label={t("rewards.fields.rolloutPercent")}
              name="rolloutPercent"
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              defaultValue={initial("rolloutPercent", reward?.rolloutPercent ?? 100)}
              hint={t("rewards.fields.rolloutPercentHint")}
              error={fieldError("rolloutPercent")}
            />
          </Section>
        </div>
      </div>

      <div className="flex justify-end gap-2 border-t border-border pt-6">
        <Link href={props.listHref} className={buttonVariants({ variant: "outline" })}>
          {t("common.cancel")}
        </Link>
        <Button type="submit" pending={pending}>
          {t("common.save")}
        </Button>
      </div>
    </form>
  );
}

function Section(props: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{props.title}</CardTitle>
        {props.description ? <CardDescription>{props.description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="grid gap-4">{props.children}</CardContent>
    </Card>
  );
}

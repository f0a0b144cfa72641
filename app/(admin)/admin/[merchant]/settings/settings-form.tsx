"use client";

import { ImageUp, Info } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useMemo, useState, type ReactNode } from "react";
import { useActionMessages } from "@/components/forms/use-action-messages";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import { textControlClasses } from "@/components/ui/input";
import type { MerchantSettings } from "@/lib/merchants/update-merchant";
import { updateMerchantAction } from "./actions";

type Props = {
  settings: MerchantSettings;
  currencies: string[];
  timeZones: string[];
  languages: { code: string; name: string }[];
};

const fields = ["name", "currency", "timeZone", "defaultLocale", "brandColor", "logo"];

export function SettingsForm({ settings, currencies, timeZones, languages }: Props) {
  const t = useTranslations("adminSettings");
  const locale = useLocale();
  const [saved, setSaved] = useState(settings);
  const [logo, setLogo] = useState<File | null>(null);
  const [removeLogo, setRemoveLogo] = useState(false);
  const [brandColor, setBrandColor] = useState(settings.brandColor);
  const [state, submit, pending] = useActionState(async (_: unknown, form: FormData) => {
    if (logo) form.set("logo", logo);
    else form.delete("logo");
    const result = await updateMerchantAction(form);
    if (result.ok) {
      setSaved(result.data);
      setLogo(null);
      setRemoveLogo(false);
    }
    return result;
  }, null);
  const { formResult, fieldError, submitted } = useActionMessages(state, fields);
  const value = (name: keyof MerchantSettings) => submitted(name) ?? String(saved[name] ?? "");
  const currencyNames = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: "currency" });
    return new Map(currencies.map((code) => [code, names.of(code) ?? code]));
  }, [currencies, locale]);
  const preview = useMemo(() => (logo ? URL.createObjectURL(logo) : null), [logo]);
  const shownLogo = preview ?? (removeLogo ? null : saved.logoUrl);
  // A new key after each save, so every field shows what was saved (React resets a form after its action).
  const formKey = JSON.stringify(saved);

  return (
    <form key={formKey} action={submit} noValidate className="grid gap-6">
      <input type="hidden" name="merchantSlug" value={saved.slug} />
      <Section title={t("business.title")}>
        <FormField
          label={t("business.name")}
          name="name"
          required
          defaultValue={value("name")}
          error={fieldError("name")}
        />
        <FormField
          label={t("business.slug")}
          name="slugShown"
          readOnly
          disabled
          dir="ltr"
          value={saved.slug}
          hint={t("business.slugFixed")}
        />
      </Section>

      <Section title={t("defaults.title")}>
        <p className="flex items-start gap-2 rounded-md border border-primary/30 bg-primary/5 p-3 text-sm">
          <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
          <span>{t("defaults.note")}</span>
        </p>
        <div className="grid gap-5 sm:grid-cols-2">
          <FormField label={t("defaults.currency")} name="currency" required error={fieldError("currency")}>
            <select defaultValue={value("currency")} className={cn(textControlClasses, "h-11")}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code} · {currencyNames.get(code)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label={t("defaults.language")} name="defaultLocale" required error={fieldError("defaultLocale")}>
            <select defaultValue={value("defaultLocale")} className={cn(textControlClasses, "h-11")}>
              {languages.map((option) => (
                <option key={option.code} value={option.code}>
                  {option.name}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        <FormField label={t("defaults.timeZone")} name="timeZone" required error={fieldError("timeZone")}>
          <select defaultValue={value("timeZone")} className={cn(textControlClasses, "h-11")}>
            {(timeZones.includes(saved.timeZone) ? timeZones : [saved.timeZone, ...timeZones]).map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        </FormField>
      </Section>

      <Section title={t("brand.title")}>
        <div className="grid gap-5 sm:grid-cols-2">
          <div className="flex items-start gap-3">
            <span className="mt-6 grid size-11 shrink-0 place-items-center overflow-hidden rounded-lg border bg-muted">
              {shownLogo ? (
                // eslint-disable-next-line @next/next/no-img-element -- an uploaded file or a local object URL
                <img src={shownLogo} alt="" className="size-full object-cover" />
              ) : (
                <ImageUp aria-hidden className="size-5 text-muted-foreground" />
              )}
            </span>
            <div className="grid min-w-0 flex-1 gap-2">
              <FormField label={t("brand.logo")} name="logo" hint={t("brand.logoHint")} error={fieldError("logo")}>
                <input
                  type="file"
                  accept="image/png,image/jpeg,image/webp,image/gif"
                  className="h-11 w-full min-w-0 py-1 text-sm focus-ring file:me-3 file:h-9 file:cursor-pointer file:rounded-md file:border file:border-input file:bg-background file:px-3 file:text-sm file:font-medium"
                  onChange={(event) => setLogo(event.target.files?.[0] ?? null)}
                />
              </FormField>
              {saved.logoUrl ? (
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="removeLogo"
                    value="true"
                    checked={removeLogo}
                    onChange={(event) => setRemoveLogo(event.target.checked)}
                    className="size-4 focus-ring"
                  />
                  {t("brand.removeLogo")}
                </label>
              ) : null}
            </div>
          </div>
          <FormField label={t("brand.brandColor")} name="brandColor" required error={fieldError("brandColor")}>
            <input
              type="color"
              value={brandColor}
              onChange={(event) => setBrandColor(event.target.value)}
              className="h-11 w-full cursor-pointer rounded-md border border-input bg-background p-1 focus-ring"
            />
          </FormField>
        </div>
      </Section>

      <div className="flex flex-wrap items-center justify-end gap-3">
        <FormMessage result={state?.ok ? { ok: true } : formResult} success={t("saved")} className="me-auto" />
        <Button type="submit" pending={pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="grid gap-5 rounded-xl border bg-card p-5 shadow-xs sm:p-6" aria-label={title}>
      <h2 className="text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

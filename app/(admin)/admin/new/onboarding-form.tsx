"use client";

import {
  Check,
  Gift,
  HeartHandshake,
  KeyRound,
  Ticket,
  TrendingUp,
  Crown,
  Gem,
  ImageUp,
  Layers,
  Megaphone,
  Mountain,
  Percent,
  Sparkles,
  Stamp,
  Star,
  type LucideIcon,
} from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { useActionMessages } from "@/components/forms/use-action-messages";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import { textControlClasses } from "@/components/ui/input";
import { checkSlugAction, createMerchantAction } from "./actions";

export type TemplateCard = {
  key: string;
  goal: string;
  icon: string;
  name: string;
  suits: string;
  gets: string;
  counts: { tiers: number; rewards: number; rules: number };
};

type Props = {
  currencies: string[];
  timeZones: string[];
  languages: { code: string; name: string }[];
  goals: { key: string; name: string; line: string }[];
  templates: TemplateCard[];
};

const icons: Record<string, LucideIcon> = {
  star: Star,
  gem: Gem,
  megaphone: Megaphone,
  crown: Crown,
  mountain: Mountain,
  stamp: Stamp,
  percent: Percent,
  layers: Layers,
  "trending-up": TrendingUp,
  ticket: Ticket,
  gift: Gift,
  "heart-handshake": HeartHandshake,
  "key-round": KeyRound,
};

const noSubscription = () => () => {};

const steps = ["business", "region", "goal", "template"] as const;
/** Which step shows each field, to open the step a server-side error belongs to. */
const stepOfField: Record<string, number> = {
  name: 0,
  slug: 0,
  logo: 0,
  brandColor: 0,
  currency: 1,
  timeZone: 1,
  defaultLocale: 1,
  goal: 2,
  template: 3,
};

/** A web address from a business name: "Café Olé & Co" becomes "cafe-ole-co". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
}

export function OnboardingForm({ currencies, timeZones, languages, goals, templates }: Props) {
  const t = useTranslations("adminOnboarding");
  const tValidation = useTranslations("validation");
  const locale = useLocale();
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [slugCheck, setSlugCheck] = useState<{ slug: string; free: boolean } | null>(null);
  const [brandColor, setBrandColor] = useState("#4f46e5");
  const [logo, setLogo] = useState<File | null>(null);
  const [currency, setCurrency] = useState("EUR");
  const [chosenZone, setTimeZone] = useState<string | null>(null);
  const [language, setLanguage] = useState(languages.some((l) => l.code === locale) ? locale : "en");
  const [goal, setGoal] = useState("");
  const [template, setTemplate] = useState("");
  const [localError, setLocalError] = useState<Record<string, string>>({});

  // The browser's own time zone, once it is known (the server cannot know it).
  const browserZone = useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => "UTC",
  );
  const timeZone = chosenZone ?? (timeZones.includes(browserZone) ? browserZone : "UTC");

  const slugFree = slugCheck?.slug === slug ? slugCheck.free : null;
  useEffect(() => {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length < 2) return;
    const timer = setTimeout(async () => {
      const result = await checkSlugAction({ slug });
      if (result.ok) setSlugCheck({ slug, free: result.data.free });
    }, 350);
    return () => clearTimeout(timer);
  }, [slug]);

  const logoPreview = useMemo(() => (logo ? URL.createObjectURL(logo) : null), [logo]);
  useEffect(() => () => (logoPreview ? URL.revokeObjectURL(logoPreview) : undefined), [logoPreview]);

  const [state, submit, pending] = useActionState(async (_: unknown, form: FormData) => {
    if (logo) form.set("logo", logo);
    else form.delete("logo");
    const result = await createMerchantAction(form);
    if (result.ok) {
      router.push(`/admin/${result.data.merchantSlug}?welcome=1`);
    } else if (result.fieldErrors) {
      const first = Object.keys(result.fieldErrors).find((field) => field in stepOfField);
      if (first) setStep(stepOfField[first]!);
    }
    return result;
  }, null);
  const { formResult, fieldError } = useActionMessages(state, Object.keys(stepOfField));
  const errorOf = (field: string) => (localError[field] ? [localError[field]] : fieldError(field));

  const currencyNames = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: "currency" });
    return new Map(currencies.map((code) => [code, names.of(code) ?? code]));
  }, [currencies, locale]);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const publicUrl = `${origin}/p/${slug || "…"}`;

  function next() {
    const problems: Record<string, string> = {};
    const required = tValidation("required");
    if (step === 0) {
      if (!name.trim()) problems.name = required;
      if (!slug) problems.slug = required;
    }
    if (step === 2 && !goal) problems.goal = required;
    setLocalError(problems);
    if (Object.keys(problems).length === 0) setStep((current) => Math.min(current + 1, steps.length - 1));
  }

  const chosenTemplate = templates.find((candidate) => candidate.key === template);
  const chosenGoal = goals.find((candidate) => candidate.key === goal);

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <form action={submit} noValidate className="grid min-w-0 gap-6 rounded-xl border bg-card p-5 shadow-xs sm:p-8">
        <Stepper step={step} onStep={setStep} labels={steps.map((key) => t(`steps.${key}`))} />

        <Step active={step === 0} title={t("business.title")} lead={t("business.lead")}>
          <FormField
            label={t("business.name")}
            name="name"
            required
            autoComplete="organization"
            placeholder={t("business.namePlaceholder")}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              if (!slugEdited) setSlug(slugify(event.target.value));
            }}
            error={errorOf("name")}
          />
          <FormField
            label={t("business.slug")}
            name="slug"
            required
            dir="ltr"
            spellCheck={false}
            autoCapitalize="none"
            value={slug}
            onChange={(event) => {
              setSlugEdited(true);
              setSlug(event.target.value.toLowerCase().replace(/[^a-z0-9-]/g, ""));
            }}
            hint={
              <>
                {t("business.slugHint", { url: publicUrl })}
                {slugFree === true ? (
                  <span className="mt-1 flex items-center gap-1 font-medium text-success">
                    <Check aria-hidden className="size-4" /> {t("business.slugFree")}
                  </span>
                ) : null}
              </>
            }
            error={slugFree === false && !fieldError("slug") ? [t("business.slugTaken")] : errorOf("slug")}
          />
          <div className="grid gap-5 sm:grid-cols-2">
            <div className="flex items-start gap-3">
              <span
                className="mt-6 grid size-11 shrink-0 place-items-center overflow-hidden rounded-lg border bg-muted"
                aria-hidden
              >
                {logoPreview ? (
                  // eslint-disable-next-line @next/next/no-img-element -- a local object URL, not an optimisable image
                  <img src={logoPreview} alt="" className="size-full object-cover" />
                ) : (
                  <ImageUp className="size-5 text-muted-foreground" />
                )}
              </span>
              <FormField
                label={t("business.logo")}
                name="logo"
                hint={t("business.logoHint")}
                error={errorOf("logo")}
                className="min-w-0 flex-1"
              >
                <input
                  type="file"
                  accept="image/png,image/jpeg,image/webp,image/gif"
                  className="h-11 w-full min-w-0 py-1 text-sm focus-ring file:me-3 file:h-9 file:cursor-pointer file:rounded-md file:border file:border-input file:bg-background file:px-3 file:text-sm file:font-medium"
                  onChange={(event) => setLogo(event.target.files?.[0] ?? null)}
                />
              </FormField>
            </div>
            <div className="flex items-start gap-3">
              <FormField
                label={t("business.brandColor")}
                name="brandColor"
                hint={t("business.brandColorHint")}
                error={errorOf("brandColor")}
                className="min-w-0 flex-1"
              >
                <input
                  type="color"
                  value={brandColor}
                  onChange={(event) => setBrandColor(event.target.value)}
                  className="h-11 w-full cursor-pointer rounded-md border border-input bg-background p-1 focus-ring"
                />
              </FormField>
            </div>
          </div>
        </Step>

        <Step active={step === 1} title={t("region.title")} lead={t("region.lead")}>
          <FormField label={t("region.currency")} name="currency" required error={errorOf("currency")}>
            <select
              value={currency}
              onChange={(event) => setCurrency(event.target.value)}
              className={cn(textControlClasses, "h-11")}
            >
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code} · {currencyNames.get(code)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            label={t("region.timeZone")}
            name="timeZone"
            required
            hint={t("region.timeZoneHint")}
            error={errorOf("timeZone")}
          >
            <select
              value={timeZone}
              onChange={(event) => setTimeZone(event.target.value)}
              className={cn(textControlClasses, "h-11")}
            >
              {["UTC", ...timeZones.filter((zone) => zone !== "UTC")].map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            label={t("region.language")}
            name="defaultLocale"
            required
            hint={t("region.languageHint")}
            error={errorOf("defaultLocale")}
          >
            <select
              value={language}
              onChange={(event) => setLanguage(event.target.value)}
              className={cn(textControlClasses, "h-11")}
            >
              {languages.map((option) => (
                <option key={option.code} value={option.code}>
                  {option.name}
                </option>
              ))}
            </select>
          </FormField>
        </Step>

        <Step active={step === 2} title={t("goal.title")} lead={t("goal.lead")}>
          <ChoiceGroup legend={t("goal.title")} error={errorOf("goal")}>
            {goals.map((option) => (
              <Choice
                key={option.key}
                name="goal"
                value={option.key}
                checked={goal === option.key}
                onChange={() => setGoal(option.key)}
                title={option.name}
                body={option.line}
              />
            ))}
          </ChoiceGroup>
        </Step>

        <Step active={step === 3} title={t("template.title")} lead={t("template.lead")}>
          <ChoiceGroup legend={t("template.title")} error={errorOf("template")} columns>
            {templates.map((option) => {
              const Icon = icons[option.icon] ?? Sparkles;
              return (
                <Choice
                  key={option.key}
                  name="template"
                  value={option.key}
                  checked={template === option.key}
                  onChange={() => setTemplate(option.key)}
                  icon={<Icon aria-hidden className="size-5" />}
                  title={option.name}
                  badge={option.goal === goal ? t("template.recommended") : undefined}
                  body={
                    <span className="grid gap-2">
                      <span className="grid gap-0.5">
                        <span className="text-xs font-medium tracking-wide text-foreground/70 uppercase">
                          {t("template.suits")}
                        </span>
                        <span>{option.suits}</span>
                      </span>
                      <span className="grid gap-0.5">
                        <span className="text-xs font-medium tracking-wide text-foreground/70 uppercase">
                          {t("template.gets")}
                        </span>
                        <span>{option.gets}</span>
                      </span>
                    </span>
                  }
                />
              );
            })}
          </ChoiceGroup>
        </Step>

        <FormMessage result={formResult} />
        <div className="flex flex-wrap items-center justify-between gap-3 border-t pt-5">
          <Button
            type="button"
            variant="ghost"
            onClick={() => setStep((current) => Math.max(0, current - 1))}
            className={cn(step === 0 && "invisible")}
          >
            {t("back")}
          </Button>
          <span className="text-sm text-muted-foreground max-sm:hidden">
            {t("stepOf", { step: step + 1, total: steps.length })}
          </span>
          {step < steps.length - 1 ? (
            <Button type="button" onClick={next}>
              {t("next")}
            </Button>
          ) : (
            <Button type="submit" pending={pending} disabled={!template}>
              {pending ? t("creating") : t("create")}
            </Button>
          )}
        </div>
      </form>

      <aside className="grid gap-4 rounded-xl border bg-card p-5 shadow-xs lg:sticky lg:top-6">
        <h2 className="text-sm font-semibold">{t("summary.title")}</h2>
        <div className="flex items-center gap-3">
          <span
            className="grid size-12 shrink-0 place-items-center overflow-hidden rounded-lg text-lg font-semibold text-white"
            style={{ backgroundColor: brandColor }}
            aria-hidden
          >
            {logoPreview ? (
              // eslint-disable-next-line @next/next/no-img-element -- a local object URL
              <img src={logoPreview} alt="" className="size-full bg-white object-cover" />
            ) : (
              (name.trim()[0]?.toUpperCase() ?? "?")
            )}
          </span>
          <div className="min-w-0">
            <p className="truncate font-medium">{name || t("summary.notChosen")}</p>
            <p className="truncate text-sm text-muted-foreground" dir="ltr">
              /p/{slug || "…"}
            </p>
          </div>
        </div>
        <dl className="grid gap-2 text-sm">
          <SummaryRow label={t("summary.currency")} value={currency} />
          <SummaryRow label={t("summary.timeZone")} value={timeZone.replaceAll("_", " ")} />
          <SummaryRow
            label={t("summary.language")}
            value={languages.find((option) => option.code === language)?.name ?? language}
          />
          <SummaryRow label={t("summary.goal")} value={chosenGoal?.name ?? t("summary.notChosen")} />
          <SummaryRow label={t("summary.template")} value={chosenTemplate?.name ?? t("summary.notChosen")} />
        </dl>
      </aside>
    </div>
  );
}

function SummaryRow({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex justify-between gap-3">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 truncate text-end font-medium">{value}</dd>
    </div>
  );
}

function Stepper({ step, onStep, labels }: { step: number; onStep: (step: number) => void; labels: string[] }) {
  return (
    <ol className="grid grid-cols-4 gap-2">
      {labels.map((label, index) => {
        const done = index < step;
        const current = index === step;
        return (
          <li key={label} className="grid gap-2">
            <span className={cn("h-1 rounded-full", done || current ? "bg-primary" : "bg-muted")} aria-hidden />
            <button
              type="button"
              disabled={index > step}
              onClick={() => onStep(index)}
              aria-current={current ? "step" : undefined}
              className={cn(
                "flex items-center gap-2 rounded text-start text-xs font-medium focus-ring sm:text-sm",
                current ? "text-foreground" : done ? "text-primary hover:underline" : "text-muted-foreground",
              )}
            >
              <span
                className={cn(
                  "grid size-5 shrink-0 place-items-center rounded-full text-[0.7rem] max-sm:hidden",
                  done ? "bg-primary text-primary-foreground" : current ? "border-2 border-primary" : "border",
                )}
                aria-hidden
              >
                {done ? <Check className="size-3" /> : index + 1}
              </span>
              <span className="truncate">{label}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

function Step({
  active,
  title,
  lead,
  children,
}: {
  active: boolean;
  title: string;
  lead: string;
  children: ReactNode;
}) {
  // Every step stays in the form while hidden, so one submit sends all of them.
  return (
    <section hidden={!active} className="grid gap-5" aria-label={title}>
      <div className="grid gap-1">
        <h2 className="text-xl font-semibold tracking-tight">{title}</h2>
        <p className="text-sm text-muted-foreground">{lead}</p>
      </div>
      {children}
    </section>
  );
}

function ChoiceGroup({
  legend,
  error,
  columns,
  children,
}: {
  legend: string;
  error?: string[];
  columns?: boolean;
  children: ReactNode;
}) {
  return (
    <fieldset className="grid gap-2" aria-invalid={error ? true : undefined}>
      <legend className="sr-only">{legend}</legend>
      <div className={cn("grid gap-3", columns && "sm:grid-cols-2")}>{children}</div>
      <div aria-live="polite" className="text-sm font-medium text-destructive">
        {error?.[0] ? <p>{error[0]}</p> : null}
      </div>
    </fieldset>
  );
}

function Choice(props: {
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  title: string;
  body: ReactNode;
  icon?: ReactNode;
  badge?: string;
}) {
  return (
    <label
      className={cn(
        "relative flex cursor-pointer gap-3 rounded-lg border bg-background p-4 text-sm transition-colors hover:border-primary/60",
        "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
        props.checked && "border-primary bg-primary/5 ring-1 ring-primary",
      )}
    >
      <input
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.checked}
        onChange={props.onChange}
        className="sr-only"
      />
      {props.icon ? (
        <span
          className={cn(
            "grid size-9 shrink-0 place-items-center rounded-md",
            props.checked ? "bg-primary text-primary-foreground" : "bg-muted text-foreground",
          )}
        >
          {props.icon}
        </span>
      ) : (
        <span
          aria-hidden
          className={cn(
            "mt-0.5 grid size-4 shrink-0 place-items-center rounded-full border",
            props.checked && "border-primary bg-primary",
          )}
        >
          {props.checked ? <span className="size-1.5 rounded-full bg-primary-foreground" /> : null}
        </span>
      )}
      <span className="grid min-w-0 gap-1.5">
        <span className="flex flex-wrap items-center gap-2 font-semibold">
          {props.title}
          {props.badge ? (
            <span className="rounded-full bg-success/15 px-2 py-0.5 text-xs font-medium text-success">
              {props.badge}
            </span>
          ) : null}
        </span>
        <span className="text-muted-foreground">{props.body}</span>
      </span>
    </label>
  );
}

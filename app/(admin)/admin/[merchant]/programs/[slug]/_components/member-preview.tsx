import { Eye } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";
import type { BuilderData } from "../_data";
import { ruleDescriber } from "./describe";

/**
 * The member's view of what the builder shows (the draft when one is open): how to earn and
 * the tiers with their benefits. Server-rendered, so it is fresh after every save.
 */
export async function MemberPreview({ data }: { data: BuilderData }) {
  const t = await getTranslations("adminPrograms.preview");
  const format = await getFormatter();
  const { program, draft } = data.builder;
  const { settings } = data.builder.editable.version;
  const { rules, tiers } = data.builder.editable;
  const describe = await ruleDescriber(program);
  const storeNames = new Map(data.stores.map((store) => [store.id, store.name]));
  const label = program.pointsLabel;
  const threshold = (value: number) =>
    settings.tierQualification.basis === "spend"
      ? describe.money(value)
      : settings.tierQualification.basis === "visits"
        ? t("visits", { count: value })
        : describe.points(value);
  const earning = rules.filter((rule) => rule.kind !== "spend");
  return (
    <aside aria-labelledby="member-preview-title" className="lg:sticky lg:top-4" data-testid="member-preview">
      <div className="overflow-hidden rounded-xl border border-border bg-card shadow-xs">
        <div className="flex items-center justify-between gap-2 border-b border-border bg-muted/50 px-4 py-2">
          <h2 id="member-preview-title" className="flex items-center gap-2 text-xs font-medium text-muted-foreground">
            <Eye aria-hidden className="size-3.5" />
            {t("title")}
          </h2>
          <span className="text-xs text-muted-foreground">
            {draft ? t("ofDraft", { number: draft.number }) : t("ofPublished")}
          </span>
        </div>
        {/* The member pages' brand tokens: the text is black or white, whichever the colour needs. */}
        <div
          className="bg-brand px-4 py-4 text-brand-foreground"
          style={{ "--brand": program.brandColor } as React.CSSProperties}
        >
          <p className="text-lg font-semibold">{program.name}</p>
          {program.description ? <p className="mt-1 line-clamp-3 text-sm">{program.description}</p> : null}
        </div>
        <div className="grid gap-5 p-4 text-sm">
          <section className="grid gap-2">
            <h3 className="font-semibold">{t("howToEarn")}</h3>
            <p className="rounded-md bg-muted/60 px-3 py-2" data-testid="preview-base-rate">
              {t("baseRate", {
                points: describe.points(settings.earnRate.points),
                amount: describe.money(settings.earnRate.perMinor),
              })}
              {settings.minimumSpendMinor > 0 ? (
                <span className="block text-xs text-muted-foreground">
                  {t("minimumSpend", { amount: describe.money(settings.minimumSpendMinor) })}
                </span>
              ) : null}
            </p>
            {earning.length > 0 ? (
              <ul className="grid gap-2">
                {earning.map((rule) => {
                  const where = describe.where(rule, storeNames);
                  return (
                    <li key={rule.key} className="rounded-md border border-border px-3 py-2">
                      <p className="font-medium">{rule.name}</p>
                      <p className="text-primary">{describe.gives(rule)}</p>
                      {where.length > 0 ? <p className="text-xs text-muted-foreground">{where.join(" · ")}</p> : null}
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </section>
          {tiers.length > 0 ? (
            <section className="grid gap-2">
              <h3 className="font-semibold">{t("tiers")}</h3>
              <ol className="grid gap-2">
                {tiers.map((tier) => (
                  <li key={tier.key} className="rounded-md border border-border px-3 py-2">
                    <p className="flex items-center justify-between gap-2">
                      <span className="flex items-center gap-2 font-medium">
                        <span aria-hidden className="size-2.5 rounded-full" style={{ backgroundColor: tier.color }} />
                        {tier.name}
                      </span>
                      <span className="text-xs text-muted-foreground">
                        {tier.priceMinor
                          ? t("paid", { price: describe.money(tier.priceMinor), months: tier.periodMonths ?? 12 })
                          : t("from", { threshold: threshold(tier.threshold) })}
                      </span>
                    </p>
                    <ul className="mt-1 grid gap-0.5 text-xs text-muted-foreground">
                      {tier.earnMultiplierPercent !== 100 ? (
                        <li>{t("tierMultiplier", { multiplier: format.number(tier.earnMultiplierPercent / 100) })}</li>
                      ) : null}
                      {tier.discountPercent > 0 ? (
                        <li>{t("tierDiscount", { percent: tier.discountPercent })}</li>
                      ) : null}
                      {tier.perks.map((perk) => (
                        <li key={perk}>{perk}</li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          <section className="grid gap-1 text-xs text-muted-foreground">
            <p>
              {settings.expiry.policy === "never"
                ? t("expiryNever", { label })
                : t(settings.expiry.policy === "after_earning" ? "expiryAfterEarning" : "expiryAfterInactivity", {
                    label,
                    months: settings.expiry.months,
                  })}
            </p>
            {settings.referral.referrerPoints > 0 || settings.referral.refereePoints > 0 ? (
              <p>
                {t("referral", {
                  referrer: describe.points(settings.referral.referrerPoints),
                  referee: describe.points(settings.referral.refereePoints),
                })}
              </p>
            ) : null}
          </section>
        </div>
      </div>
    </aside>
  );
}

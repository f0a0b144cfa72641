"use client";

import { Archive, ArchiveRestore, Gift, Pencil } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { RewardKind } from "@/db/schema";
import { formatMoney } from "@/lib/money";
import { archiveRewardAction } from "../actions";

export type RewardRow = {
  id: string;
  name: string;
  kind: RewardKind;
  status: "draft" | "active" | "archived";
  costPoints: number;
  value: number | null;
  imageUrl: string | null;
  stock: number | null;
  minTierKey: string | null;
};

const statusVariant = { active: "success", archived: "secondary", draft: "warning" } as const;

/** The catalog as a dense table: picture, name and kind, cost, stock left, status and actions. */
export function RewardList(props: {
  merchantSlug: string;
  currency: string;
  listHref: string;
  tiers: { key: string; name: string }[];
  rewards: RewardRow[];
}) {
  const t = useTranslations("adminPrograms.catalog.rewards");
  const tCommon = useTranslations("adminPrograms.catalog.common");
  const format = useFormatter();
  const locale = useLocale();
  const valueText = (reward: RewardRow) =>
    reward.value === null
      ? null
      : reward.kind === "fixed_discount"
        ? formatMoney(reward.value, props.currency, locale)
        : reward.kind === "percent_discount"
          ? format.number(reward.value / 10_000, { style: "percent", maximumFractionDigits: 2 })
          : null;
  return (
    <div className="overflow-x-auto rounded-xl border border-border bg-card shadow-xs">
      <table className="w-full text-sm" aria-label={t("listLabel")}>
        <thead className="border-b border-border bg-muted/50 text-start text-xs font-medium text-muted-foreground">
          <tr>
            <th scope="col" className="px-4 py-3 text-start font-medium">
              {t("columns.reward")}
            </th>
            <th scope="col" className="px-4 py-3 text-end font-medium">
              {t("columns.cost")}
            </th>
            <th scope="col" className="px-4 py-3 text-end font-medium">
              {t("columns.stock")}
            </th>
            <th scope="col" className="px-4 py-3 text-start font-medium">
              {t("columns.status")}
            </th>
            <th scope="col" className="px-4 py-3">
              <span className="sr-only">{t("columns.status")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {props.rewards.map((reward) => {
            const value = valueText(reward);
            const tier = props.tiers.find((candidate) => candidate.key === reward.minTierKey);
            return (
              <tr key={reward.id} className={cn(reward.status === "archived" && "text-muted-foreground")}>
                <td className="px-4 py-3">
                  <div className="flex items-center gap-3">
                    {reward.imageUrl ? (
                      // eslint-disable-next-line @next/next/no-img-element -- uploads are served by the app with their own cache headers
                      <img
                        src={reward.imageUrl}
                        alt=""
                        className="size-12 shrink-0 rounded-lg border border-border object-cover"
                      />
                    ) : (
                      <span className="flex size-12 shrink-0 items-center justify-center rounded-lg border border-dashed border-border bg-muted text-muted-foreground">
                        <Gift aria-hidden className="size-5" />
                      </span>
                    )}
                    <div className="min-w-0">
                      <Link
                        href={`${props.listHref}?edit=${reward.id}`}
                        className="block truncate rounded font-medium text-foreground focus-ring hover:underline"
                      >
                        {reward.name}
                      </Link>
                      <p className="truncate text-xs text-muted-foreground">
                        {[t(`kinds.${reward.kind}`), value, tier?.name].filter(Boolean).join(" · ")}
                      </p>
                    </div>
                  </div>
                </td>
                <td className="px-4 py-3 text-end font-medium whitespace-nowrap tabular-nums">
                  {t("points", { count: reward.costPoints })}
                </td>
                <td className="px-4 py-3 text-end whitespace-nowrap tabular-nums">
                  {reward.stock === null ? (
                    <span className="text-muted-foreground">{t("unlimited")}</span>
                  ) : reward.stock === 0 ? (
                    <Badge variant="destructive">{t("outOfStock")}</Badge>
                  ) : (
                    format.number(reward.stock)
                  )}
                </td>
                <td className="px-4 py-3">
                  <Badge variant={statusVariant[reward.status]}>{t(`status.${reward.status}`)}</Badge>
                </td>
                <td className="px-4 py-3">
                  <div className="flex justify-end gap-1">
                    <Link
                      href={`${props.listHref}?edit=${reward.id}`}
                      className={buttonVariants({ variant: "ghost", size: "sm" })}
                      aria-label={`${tCommon("edit")}: ${reward.name}`}
                    >
                      <Pencil aria-hidden />
                      <span className="max-md:sr-only">{tCommon("edit")}</span>
                    </Link>
                    <ArchiveButton merchantSlug={props.merchantSlug} reward={reward} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ArchiveButton(props: { merchantSlug: string; reward: RewardRow }) {
  const t = useTranslations("adminPrograms.catalog.rewards");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const archived = props.reward.status === "archived";
  return (
    <Button
      variant="ghost"
      size="sm"
      pending={pending}
      title={archived ? undefined : t("archiveHint")}
      aria-label={`${archived ? t("unarchive") : t("archive")}: ${props.reward.name}`}
      onClick={() =>
        startTransition(async () => {
          await archiveRewardAction({
            merchantSlug: props.merchantSlug,
            rewardId: props.reward.id,
            archived: !archived,
          });
          router.refresh();
        })
      }
    >
      {pending ? null : archived ? <ArchiveRestore aria-hidden /> : <Archive aria-hidden />}
      <span className="max-md:sr-only">{archived ? t("unarchive") : t("archive")}</span>
    </Button>
  );
}

import { Clock } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";

/** Shown instead of "join" to a visitor a program's pilot (staged rollout) does not reach yet. */
export async function RolloutNotice({
  storesOnly,
  tone = "onBrand",
}: {
  storesOnly: boolean;
  /** `onBrand` on the program's coloured banner, `plain` on a card. */
  tone?: "onBrand" | "plain";
}) {
  const t = await getTranslations("program.rollout");
  return (
    <div
      role="status"
      data-testid="rollout-notice"
      className={cn(
        "flex max-w-2xl items-start gap-3 rounded-lg p-4 text-sm",
        tone === "onBrand" ? "bg-background/15 ring-1 ring-current/20" : "bg-muted text-foreground",
      )}
    >
      <Clock aria-hidden className="mt-0.5 size-5 shrink-0" />
      <div className="grid gap-1">
        <p className="font-semibold">{t("title")}</p>
        <p className="opacity-90">
          {t("lead")}
          {storesOnly ? ` ${t("stores")}` : null}
        </p>
      </div>
    </div>
  );
}

import { Clock } from "lucide-react";
import { getTranslations } from "next-intl/server";

/** Shown instead of "join" to a visitor a program's pilot (staged rollout) does not reach yet. */
export async function RolloutNotice({ storesOnly }: { storesOnly: boolean }) {
  const t = await getTranslations("program.rollout");
  return (
    <div
      role="status"
      data-testid="rollout-notice"
      className="flex max-w-2xl items-start gap-3 rounded-lg bg-background/15 p-4 text-sm ring-1 ring-current/20"
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

import { GitBranch } from "lucide-react";
import { getTranslations } from "next-intl/server";

/** Says where a versioned section's edits go: the open draft, or a draft the first edit opens. */
export async function DraftNotice(props: { version: { number: number; isDraft: boolean } | null }) {
  if (!props.version) return null;
  const t = await getTranslations("adminPrograms.catalog.common");
  return (
    <p
      className="flex items-start gap-2 rounded-lg border border-warning/30 bg-warning/10 px-4 py-3 text-sm text-foreground"
      data-testid="draft-notice"
    >
      <GitBranch aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
      {props.version.isDraft
        ? t("draftNotice", { number: props.version.number })
        : t("publishedNotice", { number: props.version.number })}
    </p>
  );
}

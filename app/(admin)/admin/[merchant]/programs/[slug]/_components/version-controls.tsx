"use client";

import { Pencil, Rocket, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { useActionMessages } from "@/components/forms/use-action-messages";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { discardDraftAction, publishDraftAction, startDraftAction } from "../actions";

type Ref = { merchantSlug: string; programSlug: string };

/** Start editing, publish or discard the draft; a refused publish says why, with what it names. */
export function VersionControls(props: Ref & { hasDraft: boolean }) {
  const t = useTranslations("adminPrograms.builder");
  const tErrors = useTranslations("errors");
  const [confirming, setConfirming] = useState(false);
  const [publishState, publish, publishing] = useActionState(
    async (_: unknown, form: FormData) => publishDraftAction(form),
    null,
  );
  const [startState, start, starting] = useActionState(
    async (_: unknown, form: FormData) => startDraftAction(form),
    null,
  );
  const [discardState, discard, discarding] = useActionState(async (_: unknown, form: FormData) => {
    setConfirming(false);
    return discardDraftAction(form);
  }, null);
  const publishMessages = useActionMessages(publishState);
  const startMessages = useActionMessages(startState);
  const discardMessages = useActionMessages(discardState);
  const outcome = publishState?.ok ? publishState.data : null;
  const hidden = (
    <>
      <input type="hidden" name="merchantSlug" value={props.merchantSlug} />
      <input type="hidden" name="programSlug" value={props.programSlug} />
    </>
  );
  return (
    <div className="grid justify-items-end gap-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {props.hasDraft ? (
          <>
            {confirming ? (
              <form action={discard} className="flex items-center gap-2">
                {hidden}
                <span className="text-sm text-muted-foreground">{t("discardConfirm")}</span>
                <Button type="button" variant="ghost" size="sm" onClick={() => setConfirming(false)}>
                  {t("keepDraft")}
                </Button>
                <Button type="submit" variant="destructive" size="sm" pending={discarding}>
                  {t("discardNow")}
                </Button>
              </form>
            ) : (
              <Button type="button" variant="outline" size="sm" onClick={() => setConfirming(true)}>
                <Trash2 aria-hidden />
                {t("discard")}
              </Button>
            )}
            <form action={publish}>
              {hidden}
              <Button type="submit" size="sm" pending={publishing}>
                <Rocket aria-hidden />
                {t("publish")}
              </Button>
            </form>
          </>
        ) : (
          <form action={start}>
            {hidden}
            <Button type="submit" size="sm" pending={starting}>
              <Pencil aria-hidden />
              {t("startEditing")}
            </Button>
          </form>
        )}
      </div>
      <div className="max-w-md text-end">
        <FormMessage result={publishMessages.formResult ?? startMessages.formResult ?? discardMessages.formResult} />
        {outcome && !outcome.published ? (
          <div
            role="alert"
            className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2.5 text-start text-sm text-destructive"
            data-testid="publish-refusal"
          >
            <p className="font-medium">
              {t("publishRefused")}{" "}
              {tErrors.has(outcome.refusal) ? tErrors(outcome.refusal as "internal") : outcome.refusal}
            </p>
            {outcome.rewards && outcome.rewards.length > 0 ? (
              <ul className="mt-1 list-disc ps-5">
                {outcome.rewards.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            ) : null}
            {outcome.field ? (
              <p className="mt-1">{t(`publishField.${outcome.field === "rules" ? "rules" : "settings"}`)}</p>
            ) : null}
          </div>
        ) : null}
        {outcome?.published ? (
          <p role="status" className="text-sm font-medium text-success" data-testid="publish-success">
            {t("published", { number: outcome.number })}
          </p>
        ) : null}
      </div>
    </div>
  );
}

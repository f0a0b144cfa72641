"use client";

import { Flag, Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useEffect, useState, type ReactNode } from "react";
import { BuilderSectionHeader } from "@/components/admin/builder-section-header";
import { RemoveButton } from "@/components/admin/remove-button";
import { TranslationFields } from "@/components/admin/translation-fields";
import { useActionMessages } from "@/components/forms/use-action-messages";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import type { BadgeCriterion } from "@/db/schema";
import type { Translations } from "@/db/schema/columns";
import type { ActionState } from "@/lib/actions/action-client";
import { translationFieldNames } from "@/lib/validation/catalog-form-fields";
import { removeChallengeAction, saveChallengeAction } from "../actions";

export type ChallengeRow = {
  key: string;
  name: string;
  description: string;
  criterion: BadgeCriterion;
  target: number;
  /** Wall-clock times in the program's time zone. */
  startsAt: string;
  endsAt: string;
  windowText: string;
  prizePoints: number;
  prizeBadgeKey: string | null;
  requiresOptIn: boolean;
  translations: Translations;
};

type Program = { slug: string; name: string; defaultLocale: string; timeZone: string };
type BadgeOption = { key: string; name: string };

export function ChallengesSection(props: {
  merchantSlug: string;
  program: Program;
  badges: BadgeOption[];
  challenges: ChallengeRow[];
  notice: ReactNode;
  criteria: readonly BadgeCriterion[];
}) {
  const t = useTranslations("adminPrograms.catalog");
  const format = useFormatter();
  const [editing, setEditing] = useState<ChallengeRow | null | undefined>(undefined);
  const [opened, setOpened] = useState(0);
  const open = (challenge: ChallengeRow | null) => {
    setEditing(challenge);
    setOpened((n) => n + 1);
  };
  const addButton = (
    <Button onClick={() => open(null)}>
      <Plus aria-hidden />
      {t("challenges.add")}
    </Button>
  );
  const badgeName = (key: string | null) => props.badges.find((badge) => badge.key === key)?.name ?? key;
  return (
    <div className="grid grid-cols-1 gap-6">
      <BuilderSectionHeader
        title={t("challenges.title")}
        description={t("challenges.description")}
        action={props.challenges.length > 0 ? addButton : null}
      />
      {props.notice}
      {props.challenges.length === 0 ? (
        <EmptyState
          icon={<Flag />}
          title={t("challenges.empty")}
          description={t("challenges.emptyBody")}
          titleAs="h3"
          className="bg-card"
          action={addButton}
        />
      ) : (
        <div className="overflow-x-auto rounded-xl border border-border bg-card shadow-xs">
          <table className="w-full text-sm" aria-label={t("challenges.listLabel")}>
            <thead className="border-b border-border bg-muted/50 text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="px-4 py-3 text-start font-medium">
                  {t("challenges.columns.challenge")}
                </th>
                <th scope="col" className="px-4 py-3 text-start font-medium">
                  {t("challenges.columns.goal")}
                </th>
                <th scope="col" className="px-4 py-3 text-start font-medium">
                  {t("challenges.columns.window")}
                </th>
                <th scope="col" className="px-4 py-3 text-start font-medium">
                  {t("challenges.columns.prize")}
                </th>
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {props.challenges.map((challenge) => (
                <tr key={challenge.key}>
                  <td className="px-4 py-3">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{challenge.name}</span>
                      {challenge.requiresOptIn ? <Badge variant="secondary">{t("challenges.optIn")}</Badge> : null}
                    </div>
                    {challenge.description ? (
                      <p className="line-clamp-1 text-xs text-muted-foreground">{challenge.description}</p>
                    ) : null}
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap">
                    {t("challenges.goal", {
                      criterion: t(`common.criteria.${challenge.criterion}`),
                      target: format.number(challenge.target),
                    })}
                  </td>
                  <td className="px-4 py-3 text-muted-foreground">{challenge.windowText}</td>
                  <td className="px-4 py-3">
                    {challenge.prizePoints === 0 && !challenge.prizeBadgeKey ? (
                      <span className="text-muted-foreground">{t("challenges.noPrize")}</span>
                    ) : (
                      <span className="flex flex-wrap gap-1">
                        {challenge.prizePoints > 0 ? (
                          <Badge variant="outline" className="tabular-nums">
                            {t("challenges.prizePoints", { count: challenge.prizePoints })}
                          </Badge>
                        ) : null}
                        {challenge.prizeBadgeKey ? (
                          <Badge variant="outline">{badgeName(challenge.prizeBadgeKey)}</Badge>
                        ) : null}
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    <div className="flex justify-end gap-1">
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => open(challenge)}
                        aria-label={`${t("common.edit")}: ${challenge.name}`}
                      >
                        <Pencil aria-hidden />
                        <span className="max-md:sr-only">{t("common.edit")}</span>
                      </Button>
                      <RemoveButton
                        itemName={challenge.name}
                        question={t("challenges.removeConfirm", { name: challenge.name })}
                        remove={() =>
                          removeChallengeAction({
                            merchantSlug: props.merchantSlug,
                            programSlug: props.program.slug,
                            key: challenge.key,
                          })
                        }
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Dialog open={editing !== undefined} onOpenChange={(isOpen) => (isOpen ? null : setEditing(undefined))}>
        <DialogContent className="max-w-2xl" closeLabel={t("common.cancel")}>
          {editing !== undefined ? (
            <ChallengeForm
              key={opened}
              merchantSlug={props.merchantSlug}
              program={props.program}
              badges={props.badges}
              challenge={editing}
              onDone={() => setEditing(undefined)}
              criteria={props.criteria}
            />
          ) : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}

const fields = [
  "name",
  "description",
  "criterion",
  "target",
  "startsAt",
  "endsAt",
  "prizePoints",
  "prizeBadgeKey",
  "requiresOptIn",
  ...translationFieldNames,
];

function ChallengeForm(props: {
  merchantSlug: string;
  program: Program;
  badges: BadgeOption[];
  challenge: ChallengeRow | null;
  onDone: () => void;
  criteria: readonly BadgeCriterion[];
}) {
  const t = useTranslations("adminPrograms.catalog");
  const router = useRouter();
  const { challenge, onDone } = props;
  const [state, save, pending] = useActionState<ActionState<{ key: string }> | null, FormData>(
    (_, form) => saveChallengeAction(form),
    null,
  );
  const { formResult, fieldError, submitted } = useActionMessages(state, fields);
  useEffect(() => {
    if (state?.ok) {
      onDone();
      router.refresh();
    }
  }, [state, onDone, router]);
  const initial = (name: string, saved: string | number | null | undefined) =>
    submitted(name) ?? (saved === undefined || saved === null ? "" : String(saved));
  const [criterion, setCriterion] = useState<BadgeCriterion>(
    (submitted("criterion") as BadgeCriterion) ?? challenge?.criterion ?? "visits",
  );
  const failed = state && !state.ok;
  const optIn = failed ? submitted("requiresOptIn") === "on" : (challenge?.requiresOptIn ?? false);
  return (
    <form action={save} className="grid gap-5" noValidate>
      <DialogHeader>
        <DialogTitle>{challenge ? t("challenges.editTitle") : t("challenges.newTitle")}</DialogTitle>
        <DialogDescription>{t("challenges.description")}</DialogDescription>
      </DialogHeader>
      <input type="hidden" name="merchantSlug" value={props.merchantSlug} />
      <input type="hidden" name="programSlug" value={props.program.slug} />
      <input type="hidden" name="key" value={challenge?.key ?? ""} />
      <FormField
        label={t("challenges.fields.name")}
        name="name"
        defaultValue={initial("name", challenge?.name)}
        required
        maxLength={100}
        error={fieldError("name")}
      />
      <FormField
        label={t("challenges.fields.description")}
        name="description"
        defaultValue={initial("description", challenge?.description)}
        error={fieldError("description")}
      >
        <Textarea rows={2} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          key={`criterion:${submitted("criterion") ?? ""}`}
          label={t("challenges.fields.criterion")}
          name="criterion"
          defaultValue={criterion}
          onChange={(event) => setCriterion((event.target as unknown as HTMLSelectElement).value as BadgeCriterion)}
          error={fieldError("criterion")}
        >
          <NativeSelect>
            {props.criteria.map((option) => (
              <option key={option} value={option}>
                {t(`common.criteria.${option}`)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField
          label={t("challenges.fields.target")}
          name="target"
          type="number"
          inputMode="numeric"
          min={1}
          required
          defaultValue={initial("target", challenge?.target)}
          hint={t(`common.targetHint.${criterion}`)}
          error={fieldError("target")}
        />
        <FormField
          label={t("challenges.fields.startsAt")}
          name="startsAt"
          type="datetime-local"
          required
          defaultValue={initial("startsAt", challenge?.startsAt)}
          hint={t("common.timeZoneHint", { timeZone: props.program.timeZone })}
          error={fieldError("startsAt")}
        />
        <FormField
          label={t("challenges.fields.endsAt")}
          name="endsAt"
          type="datetime-local"
          required
          defaultValue={initial("endsAt", challenge?.endsAt)}
          error={fieldError("endsAt")}
        />
        <FormField
          label={t("challenges.fields.prizePoints")}
          name="prizePoints"
          type="number"
          inputMode="numeric"
          min={0}
          defaultValue={initial("prizePoints", challenge?.prizePoints ?? 0)}
          error={fieldError("prizePoints")}
        />
        <FormField
          key={`prizeBadgeKey:${submitted("prizeBadgeKey") ?? ""}`}
          label={t("challenges.fields.prizeBadgeKey")}
          name="prizeBadgeKey"
          defaultValue={initial("prizeBadgeKey", challenge?.prizeBadgeKey)}
          error={fieldError("prizeBadgeKey")}
        >
          <NativeSelect>
            <option value="">{t("challenges.fields.noBadge")}</option>
            {props.badges.map((badge) => (
              <option key={badge.key} value={badge.key}>
                {badge.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <label className="flex items-start gap-3 rounded-lg border border-border p-3 text-sm">
        <input
          type="checkbox"
          name="requiresOptIn"
          defaultChecked={optIn}
          className="mt-0.5 size-4 accent-primary"
          aria-describedby="challenge-opt-in-hint"
        />
        <span className="grid gap-0.5">
          <span className="font-medium">{t("challenges.fields.requiresOptIn")}</span>
          <span id="challenge-opt-in-hint" className="text-muted-foreground">
            {t("challenges.fields.requiresOptInHint")}
          </span>
        </span>
      </label>
      <TranslationFields
        defaultLocale={props.program.defaultLocale}
        translations={challenge?.translations ?? {}}
        submitted={submitted}
        fieldError={fieldError}
      />
      <FormMessage result={formResult} />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" pending={pending}>
          {t("common.save")}
        </Button>
      </DialogFooter>
    </form>
  );
}

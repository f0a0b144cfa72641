"use client";

import { Medal, Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useEffect, useState, type ReactNode } from "react";
import { BadgeIcon } from "@/components/admin/badge-icon";
import { BuilderSectionHeader } from "@/components/admin/builder-section-header";
import { RemoveButton } from "@/components/admin/remove-button";
import { TranslationFields } from "@/components/admin/translation-fields";
import { useActionMessages } from "@/components/forms/use-action-messages";
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
import { badgeIcons, translationFieldNames } from "@/lib/validation/catalog-form-fields";
import { removeBadgeAction, saveBadgeAction } from "../actions";

export type BadgeRow = {
  key: string;
  name: string;
  description: string;
  icon: string;
  criterion: BadgeCriterion;
  target: number;
  translations: Translations;
};

type Program = { slug: string; name: string; defaultLocale: string };

export function BadgesSection(props: {
  merchantSlug: string;
  program: Program;
  badges: BadgeRow[];
  notice: ReactNode;
  criteria: readonly BadgeCriterion[];
}) {
  const t = useTranslations("adminPrograms.catalog");
  const format = useFormatter();
  // undefined: closed; null: a new badge; a row: that badge. `opened` gives each opening a fresh form.
  const [editing, setEditing] = useState<BadgeRow | null | undefined>(undefined);
  const [opened, setOpened] = useState(0);
  const open = (badge: BadgeRow | null) => {
    setEditing(badge);
    setOpened((n) => n + 1);
  };
  const addButton = (
    <Button onClick={() => open(null)}>
      <Plus aria-hidden />
      {t("badges.add")}
    </Button>
  );
  return (
    <div className="grid grid-cols-1 gap-6">
      <BuilderSectionHeader
        title={t("badges.title")}
        description={t("badges.description")}
        action={props.badges.length > 0 ? addButton : null}
      />
      {props.notice}
      {props.badges.length === 0 ? (
        <EmptyState
          icon={<Medal />}
          title={t("badges.empty")}
          description={t("badges.emptyBody")}
          titleAs="h3"
          className="bg-card"
          action={addButton}
        />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("badges.listLabel")}>
          {props.badges.map((badge) => (
            <li
              key={badge.key}
              className="flex flex-col rounded-xl border border-border bg-card p-5 shadow-xs"
              data-testid="badge-card"
            >
              <div className="flex items-start gap-4">
                <span className="flex size-12 shrink-0 items-center justify-center rounded-full bg-primary/10 text-primary">
                  <BadgeIcon name={badge.icon} className="size-6" />
                </span>
                <div className="min-w-0 flex-1">
                  <h3 className="truncate font-semibold">{badge.name}</h3>
                  <p className="text-sm text-muted-foreground">
                    {t(`common.criteria.${badge.criterion}`)} · {format.number(badge.target)}
                  </p>
                </div>
              </div>
              {badge.description ? (
                <p className="mt-3 line-clamp-2 text-sm text-muted-foreground">{badge.description}</p>
              ) : null}
              <div className="mt-auto flex justify-end gap-1 pt-4">
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => open(badge)}
                  aria-label={`${t("common.edit")}: ${badge.name}`}
                >
                  <Pencil aria-hidden />
                  {t("common.edit")}
                </Button>
                <RemoveButton
                  itemName={badge.name}
                  question={t("badges.removeConfirm", { name: badge.name })}
                  remove={() =>
                    removeBadgeAction({
                      merchantSlug: props.merchantSlug,
                      programSlug: props.program.slug,
                      key: badge.key,
                    })
                  }
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <Dialog open={editing !== undefined} onOpenChange={(isOpen) => (isOpen ? null : setEditing(undefined))}>
        <DialogContent className="max-w-2xl" closeLabel={t("common.cancel")}>
          {editing !== undefined ? (
            <BadgeForm
              key={opened}
              merchantSlug={props.merchantSlug}
              program={props.program}
              badge={editing}
              onDone={() => setEditing(undefined)}
              criteria={props.criteria}
            />
          ) : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}

const fields = ["name", "description", "icon", "criterion", "target", ...translationFieldNames];

function BadgeForm(props: {
  merchantSlug: string;
  program: Program;
  badge: BadgeRow | null;
  onDone: () => void;
  criteria: readonly BadgeCriterion[];
}) {
  const t = useTranslations("adminPrograms.catalog");
  const router = useRouter();
  const { badge } = props;
  const [state, save, pending] = useActionState<ActionState<{ key: string }> | null, FormData>(
    (_, form) => saveBadgeAction(form),
    null,
  );
  const { formResult, fieldError, submitted } = useActionMessages(state, fields);
  const { onDone } = props;
  useEffect(() => {
    if (state?.ok) {
      onDone();
      router.refresh();
    }
  }, [state, onDone, router]);
  const initial = (name: string, saved: string | number | undefined) =>
    submitted(name) ?? (saved === undefined ? "" : String(saved));
  const [criterion, setCriterion] = useState<BadgeCriterion>(
    (submitted("criterion") as BadgeCriterion) ?? badge?.criterion ?? "visits",
  );
  return (
    <form action={save} className="grid gap-5" noValidate>
      <DialogHeader>
        <DialogTitle>{badge ? t("badges.editTitle") : t("badges.newTitle")}</DialogTitle>
        <DialogDescription>{t("badges.description")}</DialogDescription>
      </DialogHeader>
      <input type="hidden" name="merchantSlug" value={props.merchantSlug} />
      <input type="hidden" name="programSlug" value={props.program.slug} />
      <input type="hidden" name="key" value={badge?.key ?? ""} />
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
        <FormField
          label={t("badges.fields.name")}
          name="name"
          defaultValue={initial("name", badge?.name)}
          required
          maxLength={100}
          error={fieldError("name")}
        />
        <FormField
          key={`icon:${submitted("icon") ?? ""}`}
          label={t("badges.fields.icon")}
          name="icon"
          defaultValue={initial("icon", badge?.icon ?? "award")}
          error={fieldError("icon")}
        >
          <NativeSelect>
            {badgeIcons.map((icon) => (
              <option key={icon} value={icon}>
                {t(`badges.icons.${icon}`)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <FormField
        label={t("badges.fields.description")}
        name="description"
        defaultValue={initial("description", badge?.description)}
        error={fieldError("description")}
      >
        <Textarea rows={2} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          key={`criterion:${submitted("criterion") ?? ""}`}
          label={t("badges.fields.criterion")}
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
          label={t("badges.fields.target")}
          name="target"
          type="number"
          inputMode="numeric"
          min={1}
          defaultValue={initial("target", badge?.target ?? 1)}
          hint={t(`common.targetHint.${criterion}`)}
          error={fieldError("target")}
        />
      </div>
      <TranslationFields
        defaultLocale={props.program.defaultLocale}
        translations={badge?.translations ?? {}}
        submitted={submitted}
        fieldError={fieldError}
      />
      <FormMessage result={formResult} />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={props.onDone}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" pending={pending}>
          {t("common.save")}
        </Button>
      </DialogFooter>
    </form>
  );
}

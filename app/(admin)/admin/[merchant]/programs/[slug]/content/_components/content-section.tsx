"use client";

import { ExternalLink, Newspaper, Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
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
import type { Translations } from "@/db/schema/columns";
import type { ActionState } from "@/lib/actions/action-client";
import { translationFieldNames } from "@/lib/validation/catalog-form-fields";
import { removeContentAction, saveContentAction } from "../actions";

export type ContentRow = {
  id: string;
  title: string;
  body: string;
  url: string | null;
  minTierKey: string | null;
  /** Wall-clock times in the program's time zone, "" when open. */
  availableFrom: string;
  availableUntil: string;
  windowText: string;
  position: number;
  translations: Translations;
};

type Program = { slug: string; name: string; defaultLocale: string; timeZone: string };
type TierOption = { key: string; name: string };

export function ContentSection(props: {
  merchantSlug: string;
  program: Program;
  tiers: TierOption[];
  items: ContentRow[];
}) {
  const t = useTranslations("adminPrograms.catalog");
  const [editing, setEditing] = useState<ContentRow | null | undefined>(undefined);
  const [opened, setOpened] = useState(0);
  const open = (item: ContentRow | null) => {
    setEditing(item);
    setOpened((n) => n + 1);
  };
  const addButton = (
    <Button onClick={() => open(null)}>
      <Plus aria-hidden />
      {t("content.add")}
    </Button>
  );
  const tierName = (key: string | null) =>
    key === null ? t("common.noTier") : (props.tiers.find((tier) => tier.key === key)?.name ?? key);
  const nextPosition = props.items.reduce((next, item) => Math.max(next, item.position + 1), 0);
  return (
    <div className="grid grid-cols-1 gap-6">
      <BuilderSectionHeader
        title={t("content.title")}
        description={t("content.description")}
        action={props.items.length > 0 ? addButton : null}
      />
      {props.items.length === 0 ? (
        <EmptyState
          icon={<Newspaper />}
          title={t("content.empty")}
          description={t("content.emptyBody")}
          titleAs="h3"
          className="bg-card"
          action={addButton}
        />
      ) : (
        <div className="overflow-x-auto rounded-xl border border-border bg-card shadow-xs">
          <table className="w-full text-sm" aria-label={t("content.listLabel")}>
            <thead className="border-b border-border bg-muted/50 text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="w-16 px-4 py-3 text-start font-medium">
                  {t("content.columns.position")}
                </th>
                <th scope="col" className="px-4 py-3 text-start font-medium">
                  {t("content.columns.title")}
                </th>
                <th scope="col" className="px-4 py-3 text-start font-medium">
                  {t("content.columns.audience")}
                </th>
                <th scope="col" className="px-4 py-3 text-start font-medium">
                  {t("content.columns.window")}
                </th>
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {props.items.map((item) => (
                <tr key={item.id}>
                  <td className="px-4 py-3 text-muted-foreground tabular-nums">{item.position}</td>
                  <td className="max-w-md px-4 py-3">
                    <p className="font-medium">{item.title}</p>
                    {item.url ? (
                      <a
                        href={item.url}
                        target="_blank"
                        rel="noreferrer"
                        className="inline-flex max-w-full items-center gap-1 truncate rounded text-xs text-primary focus-ring hover:underline"
                        dir="ltr"
                      >
                        <ExternalLink aria-hidden className="size-3 shrink-0" />
                        <span className="truncate">{item.url}</span>
                      </a>
                    ) : item.body ? (
                      <p className="line-clamp-1 text-xs text-muted-foreground">{item.body}</p>
                    ) : null}
                  </td>
                  <td className="px-4 py-3">
                    <Badge variant={item.minTierKey ? "outline" : "secondary"}>{tierName(item.minTierKey)}</Badge>
                  </td>
                  <td className="px-4 py-3 text-muted-foreground">{item.windowText}</td>
                  <td className="px-4 py-3">
                    <div className="flex justify-end gap-1">
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => open(item)}
                        aria-label={`${t("common.edit")}: ${item.title}`}
                      >
                        <Pencil aria-hidden />
                        <span className="max-md:sr-only">{t("common.edit")}</span>
                      </Button>
                      <RemoveButton
                        itemName={item.title}
                        question={t("content.removeConfirm", { title: item.title })}
                        remove={() => removeContentAction({ merchantSlug: props.merchantSlug, contentId: item.id })}
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
            <ContentForm
              key={opened}
              merchantSlug={props.merchantSlug}
              program={props.program}
              tiers={props.tiers}
              item={editing}
              nextPosition={nextPosition}
              onDone={() => setEditing(undefined)}
            />
          ) : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}

const fields = [
  "title",
  "body",
  "url",
  "minTierKey",
  "availableFrom",
  "availableUntil",
  "position",
  ...translationFieldNames,
];

function ContentForm(props: {
  merchantSlug: string;
  program: Program;
  tiers: TierOption[];
  item: ContentRow | null;
  nextPosition: number;
  onDone: () => void;
}) {
  const t = useTranslations("adminPrograms.catalog");
  const router = useRouter();
  const { item, onDone } = props;
  const [state, save, pending] = useActionState<ActionState<{ id: string }> | null, FormData>(
    (_, form) => saveContentAction(form),
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
  return (
    <form action={save} className="grid gap-5" noValidate>
      <DialogHeader>
        <DialogTitle>{item ? t("content.editTitle") : t("content.newTitle")}</DialogTitle>
        <DialogDescription>{t("content.description")}</DialogDescription>
      </DialogHeader>
      <input type="hidden" name="merchantSlug" value={props.merchantSlug} />
      <input type="hidden" name="programSlug" value={props.program.slug} />
      <input type="hidden" name="contentId" value={item?.id ?? ""} />
      <FormField
        label={t("content.fields.title")}
        name="title"
        defaultValue={initial("title", item?.title)}
        required
        maxLength={200}
        error={fieldError("title")}
      />
      <FormField
        label={t("content.fields.body")}
        name="body"
        defaultValue={initial("body", item?.body)}
        error={fieldError("body")}
      >
        <Textarea rows={4} />
      </FormField>
      <FormField
        label={t("content.fields.url")}
        name="url"
        type="url"
        dir="ltr"
        placeholder="https://"
        defaultValue={initial("url", item?.url)}
        hint={t("content.fields.urlHint")}
        error={fieldError("url")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          key={`minTierKey:${submitted("minTierKey") ?? ""}`}
          label={t("content.fields.minTierKey")}
          name="minTierKey"
          defaultValue={initial("minTierKey", item?.minTierKey)}
          error={fieldError("minTierKey")}
        >
          <NativeSelect>
            <option value="">{t("common.noTier")}</option>
            {props.tiers.map((tier) => (
              <option key={tier.key} value={tier.key}>
                {tier.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField
          label={t("content.fields.position")}
          name="position"
          type="number"
          inputMode="numeric"
          min={0}
          defaultValue={initial("position", item?.position ?? props.nextPosition)}
          hint={t("content.fields.positionHint")}
          error={fieldError("position")}
        />
        <FormField
          label={t("content.fields.availableFrom")}
          name="availableFrom"
          type="datetime-local"
          defaultValue={initial("availableFrom", item?.availableFrom)}
          hint={t("common.timeZoneHint", { timeZone: props.program.timeZone })}
          error={fieldError("availableFrom")}
        />
        <FormField
          label={t("content.fields.availableUntil")}
          name="availableUntil"
          type="datetime-local"
          defaultValue={initial("availableUntil", item?.availableUntil)}
          error={fieldError("availableUntil")}
        />
      </div>
      <TranslationFields
        variant="content"
        defaultLocale={props.program.defaultLocale}
        translations={item?.translations ?? {}}
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

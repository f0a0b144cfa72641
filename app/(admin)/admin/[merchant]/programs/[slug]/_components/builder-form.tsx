"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ComponentProps } from "react";
import { useActionMessages } from "@/components/forms/use-action-messages";
import { cn } from "@/components/ui/cn";
import { textControlClasses } from "@/components/ui/input";
import type { ActionState } from "@/lib/actions/action-client";

type Action<R> = (form: FormData) => Promise<ActionState<R>>;

/**
 * A builder form's plumbing: the action's result, each field's errors, what was typed before a
 * refusal (`value(name, saved)` gives it back, else the saved value), and a "Saved" message.
 * `multi` names fields sent several times (checkboxes), joined with commas for the action.
 */
export function useBuilderForm<R>(action: Action<R>, fields: readonly string[], multi: readonly string[] = []) {
  const t = useTranslations("adminPrograms.form");
  const [state, submit, pending] = useActionState<ActionState<R> | null, FormData>(async (_, form) => {
    for (const name of multi) form.set(name, form.getAll(name).join(","));
    return action(form);
  }, null);
  const messages = useActionMessages(state, fields);
  return {
    state,
    submit,
    pending,
    fieldError: messages.fieldError,
    /** What was sent for a field before a refusal, if anything. */
    submitted: messages.submitted,
    /** The value to show: what was sent before a refusal, else what is saved. */
    value: (name: string, saved: string | number | null | undefined) => messages.submitted(name) ?? String(saved ?? ""),
    formResult: state?.ok ? { ok: true } : messages.formResult,
    savedMessage: t("saved"),
    failed: state !== null && !state.ok,
  };
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(textControlClasses, "h-11 py-2", className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(textControlClasses, "min-h-20 py-2", className)} {...props} />;
}

export function HiddenRef(props: { merchantSlug: string; programSlug: string }) {
  return (
    <>
      <input type="hidden" name="merchantSlug" value={props.merchantSlug} />
      <input type="hidden" name="programSlug" value={props.programSlug} />
    </>
  );
}

/** Errors of a field that is not a single control (a group of checkboxes). */
export function GroupError({ id, messages }: { id: string; messages?: string[] }) {
  return (
    <div id={id} aria-live="polite" className="text-sm font-medium text-destructive">
      {messages?.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

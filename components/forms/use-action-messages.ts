"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/action-client";

/**
 * Turns an action's result into words: the form-level error and each field's errors, from the
 * "errors" and "validation" catalogs. Field errors replace the generic "check the fields".
 * `fields` names the fields the form shows: an error about any other field (a domain check on
 * a value the form sent hidden) is shown as the form's message rather than lost. An unexpected
 * failure shows its request id, which finds the server's log line. After a failure, `submitted`
 * gives back what each field held (never a password), the one way every form keeps its input.
 */
export function useActionMessages(state: ActionState<unknown> | null | undefined, fields?: readonly string[]) {
  const tErrors = useTranslations("errors");
  const tValidation = useTranslations("validation");
  const failed = state && !state.ok ? state : null;
  const fieldErrors = failed?.fieldErrors ?? {};
  const translate = (keys: string[]) =>
    keys.map((key) => (tValidation.has(key) ? tValidation(key) : tValidation("invalid")));
  const shown = (name: string) => !fields || fields.includes(name);
  const elsewhere = Object.entries(fieldErrors)
    .filter(([name]) => !shown(name))
    .flatMap(([, keys]) => translate(keys));
  const onShownFields = Object.keys(fieldErrors).some(shown);
  return {
    formResult: !failed
      ? null
      : elsewhere.length > 0
        ? { ok: false, error: elsewhere.join(" ") }
        : onShownFields
          ? null
          : {
              ok: false,
              error: failed.requestId
                ? tErrors("internalWithReference", { requestId: failed.requestId })
                : tErrors(failed.error),
            },
    fieldError: (name: string) => (fieldErrors[name] ? translate(fieldErrors[name]) : undefined),
    /** What the form sent in `name` before a failed submit: its fields' `defaultValue`, so nothing typed is lost. */
    submitted: (name: string) => failed?.values?.[name],
  };
}

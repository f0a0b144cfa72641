"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/action-client";

/**
 * Turns an action's result into words: the form-level error and each field's errors, from the
 * "errors" and "validation" catalogs. Field errors replace the generic "check the fields". An
 * unexpected failure shows its request id, which finds the server's log line.
 */
export function useActionMessages(state: ActionState<unknown> | null | undefined) {
  const tErrors = useTranslations("errors");
  const tValidation = useTranslations("validation");
  const failed = state && !state.ok ? state : null;
  const fieldErrors = failed?.fieldErrors ?? {};
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  return {
    formResult:
      failed && !hasFieldErrors
        ? {
            ok: false,
            error: failed.requestId
              ? tErrors("internalWithReference", { requestId: failed.requestId })
              : tErrors(failed.error),
          }
        : null,
    fieldError: (name: string) =>
      fieldErrors[name]?.map((key) => (tValidation.has(key) ? tValidation(key) : tValidation("invalid"))),
  };
}

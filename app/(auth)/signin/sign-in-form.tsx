"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { useActionMessages } from "@/components/forms/use-action-messages";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import { signInAction } from "../actions";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const [state, submit, pending] = useActionState((_: unknown, form: FormData) => signInAction(form), null);
  const { formResult, fieldError, submitted } = useActionMessages(state);
  return (
    <form action={submit} className="grid gap-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <FormField
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={submitted("email")}
        error={fieldError("email")}
        dir="ltr"
      />
      <FormField
        label={t("password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        maxLength={64}
        error={fieldError("password")}
      />
      <FormMessage result={formResult} />
      <Button type="submit" size="lg" pending={pending}>
        {t("signInTitle")}
      </Button>
    </form>
  );
}

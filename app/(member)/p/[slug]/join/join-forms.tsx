"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { useActionMessages } from "@/components/forms/use-action-messages";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import { signUpAction } from "@/app/(auth)/actions";
import { joinProgramAction } from "../actions";

/** Sign-up, from a program's join page (`programSlug`) or from a page that asked for an account (`callbackUrl`). */
export function SignUpForm({ programSlug, callbackUrl }: { programSlug?: string; callbackUrl?: string }) {
  const t = useTranslations("auth");
  const [state, submit, pending] = useActionState((_: unknown, form: FormData) => signUpAction(form), null);
  const { formResult, fieldError, submitted } = useActionMessages(state);
  return (
    <form action={submit} className="grid gap-4" noValidate>
      {programSlug ? <input type="hidden" name="programSlug" value={programSlug} /> : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <FormField
        label={t("name")}
        name="name"
        autoComplete="name"
        required
        defaultValue={submitted("name")}
        error={fieldError("name")}
      />
      <FormField
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        dir="ltr"
        defaultValue={submitted("email")}
        error={fieldError("email")}
      />
      <FormField
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        maxLength={64}
        hint={t("passwordHint")}
        error={fieldError("password")}
      />
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          name="marketingConsent"
          value="true"
          defaultChecked={submitted("marketingConsent") === "true"}
          className="mt-0.5 size-5 shrink-0 accent-[var(--brand)] focus-ring"
        />
        <span>{t("marketingConsent")}</span>
      </label>
      <FormMessage result={formResult} />
      <Button type="submit" size="lg" variant={programSlug ? "brand" : "default"} pending={pending}>
        {t("createAccount")}
      </Button>
    </form>
  );
}

export function JoinAsUser({ programSlug, email }: { programSlug: string; email: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [state, join, pending] = useActionState(async () => {
    const result = await joinProgramAction({ programSlug });
    if (result.ok) router.push(`/p/${programSlug}/dashboard`);
    return result;
  }, null);
  const { formResult } = useActionMessages(state, []);
  return (
    <form action={join} className="grid gap-4">
      <p>{t("joinAs", { email })}</p>
      <FormMessage result={formResult} />
      <Button type="submit" size="lg" variant="brand" pending={pending}>
        {t("joinNow")}
      </Button>
    </form>
  );
}

"use client";

import { MailWarning } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { useActionMessages } from "@/components/forms/use-action-messages";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState } from "@/lib/actions/action-client";

type Props = {
  email: string;
  /** The action that mails a new link; passed in because components never import routes. */
  resend: (input: FormData) => Promise<ActionState<unknown>>;
};

/** Shown while the signed-in person's address is unverified, with a way to get a new link. */
export function VerifyEmailBanner({ email, resend }: Props) {
  const t = useTranslations("verifyEmail");
  const [state, submit, pending] = useActionState((_: unknown, form: FormData) => resend(form), null);
  const { formResult } = useActionMessages(state);
  return (
    <section
      aria-label={t("title")}
      data-testid="verify-email-banner"
      className="grid gap-3 rounded-lg border border-warning/50 bg-warning/10 p-4 text-sm"
    >
      <p className="flex items-start gap-2">
        <MailWarning aria-hidden className="mt-px size-4 shrink-0" />
        <span>{t("banner", { email })}</span>
      </p>
      <form action={submit}>
        <Button type="submit" variant="outline" size="sm" pending={pending}>
          {t("resend")}
        </Button>
      </form>
      <FormMessage result={state?.ok ? state : formResult} success={t("sent", { email })} />
    </section>
  );
}

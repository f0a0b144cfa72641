import type { Db } from "@/db";
import { appOrigin } from "@/lib/app-origin";
import { translatorFor } from "@/lib/i18n/translator";
import { sendMail, type SentMail } from "@/lib/mail/send-mail";
import { issueEmailVerification } from "./issue-email-verification";

/** Sends the person a link that verifies their address, in their language. */
export async function sendVerificationMail(
  db: Db,
  input: { user: { email: string; name: string | null; locale: string }; now?: Date },
): Promise<SentMail> {
  const token = await issueEmailVerification(db, { email: input.user.email, now: input.now });
  const link = new URL("/verify-email", appOrigin());
  link.searchParams.set("token", token);
  const t = await translatorFor(input.user.locale);
  return sendMail({
    to: input.user.email,
    subject: t("mail.verifyEmail.subject"),
    text: t("mail.verifyEmail.body", { name: input.user.name ?? input.user.email, link: link.toString() }),
  });
}

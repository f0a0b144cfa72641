import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export type Mail = { to: string; subject: string; text: string };

export type SentMail = { messageId: string; outboxFile?: string };

export const defaultOutboxDir = ".data/outbox";
const defaultSender = "Loyalty <no-reply@localhost>";

/**
 * Sends through SMTP when SMTP_URL is set (e.g. smtp://user:password@mail.example:587);
 * otherwise writes the message as an .eml file to OUTBOX_DIR (default .data/outbox), where
 * a developer opens it with any mail client.
 */
export async function sendMail(mail: Mail): Promise<SentMail> {
  const message = { from: process.env.MAIL_FROM || defaultSender, ...mail };
  const smtpUrl = process.env.SMTP_URL;
  if (smtpUrl) {
    const info = await nodemailer.createTransport(smtpUrl).sendMail(message);
    return { messageId: info.messageId };
  }
  const info = await nodemailer
    .createTransport({ streamTransport: true, buffer: true, newline: "unix" })
    .sendMail(message);
  const directory = process.env.OUTBOX_DIR
    ? path.resolve(process.env.OUTBOX_DIR)
    : path.join(process.cwd(), defaultOutboxDir);
  await mkdir(directory, { recursive: true });
  // Named so that listing the directory shows the messages in the order they were sent.
  // turbopackIgnore: a configured directory, not project files the server build must trace.
  const outboxFile = path.join(
    /* turbopackIgnore: true */ directory,
    `${new Date().toISOString().replaceAll(":", "-")}-${randomUUID().slice(0, 8)}.eml`,
  );
  await writeFile(outboxFile, info.message);
  return { messageId: info.messageId, outboxFile };
}

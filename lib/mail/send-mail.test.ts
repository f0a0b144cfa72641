import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sendMail } from "./send-mail";

type Received = { from: string; to: string[]; raw: string };

const received: Received[] = [];
// A real SMTP server on a free port of the loopback interface; plain text, no login, as a
// relay inside the deployment would be.
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        raw: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});

let outbox: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  outbox = await mkdtemp(path.join(tmpdir(), "loyalty-outbox-"));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(outbox, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env.SMTP_URL;
  delete process.env.OUTBOX_DIR;
  delete process.env.MAIL_FROM;
});

const mail = {
  to: "sam@example.test",
  subject: "Bestätigen Sie Ihre Adresse",
  text: "Open https://loyalty.example/verify-email?token=abc",
};

describe("sendMail", () => {
  it("sends through the SMTP server SMTP_URL names", async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    process.env.MAIL_FROM = "Northwind Rewards <rewards@northwind.example>";
    process.env.OUTBOX_DIR = outbox;
    const sent = await sendMail(mail);
    expect(sent.outboxFile).toBeUndefined();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: "rewards@northwind.example", to: ["sam@example.test"] });
    expect(received[0]!.raw).toContain(sent.messageId);
    expect(received[0]!.raw).toContain("verify-email?token=abc");
    expect(await readdir(outbox)).toEqual([]);
  });

  it("writes an .eml file to OUTBOX_DIR when no SMTP server is configured", async () => {
    process.env.OUTBOX_DIR = path.join(outbox, "nested");
    const sent = await sendMail(mail);
    expect(path.dirname(sent.outboxFile!)).toBe(path.join(outbox, "nested"));
    expect(sent.outboxFile).toMatch(/\.eml$/);
    const eml = await readFile(sent.outboxFile!, "utf8");
    expect(eml).toContain("To: sam@example.test");
    expect(eml).toContain("From: Loyalty <no-reply@localhost>");
    expect(eml).toContain(sent.messageId);
    expect(eml).toContain("verify-email?token=abc");
  });
});

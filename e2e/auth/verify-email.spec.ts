import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { demo } from "../support/pages";
import { expect, test } from "../support/fixtures";

// Without SMTP_URL the server writes its mail to the outbox directory; the spec reads the
// link from there as the new member would from their inbox.
const outbox = path.resolve(process.env.OUTBOX_DIR || ".data/outbox");

async function verificationLinkFor(email: string): Promise<URL> {
  const files = (await readdir(outbox))
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .reverse();
  for (const name of files) {
    // Quoted-printable may wrap long lines ("=" at the end) and escape "=" as "=3D".
    const eml = (await readFile(path.join(outbox, name), "utf8")).replace(/=\r?\n/g, "").replaceAll("=3D", "=");
    if (!eml.includes(`To: ${email}`)) continue;
    const link = /https?:\/\/\S+\/verify-email\?token=[\w-]+/.exec(eml);
    if (link) return new URL(link[0]);
  }
  throw new Error(`No verification mail to ${email} in ${outbox}`);
}

test("a new member confirms their address with the link from the mail", async ({ page, joinPage }) => {
  const email = `verify-${Date.now()}@example.test`;
  await page.goto(`/p/${demo.programSlug}/join`);
  await joinPage.signUp({ name: "Vera Verifier", email, password: "a good long password" });
  await expect(page).toHaveURL(`/p/${demo.programSlug}/dashboard`);
  await expect(page.getByTestId("verify-email-banner")).toContainText(email);

  let link: URL | undefined;
  await expect(async () => {
    link = await verificationLinkFor(email);
  }).toPass();
  await page.goto(`${link!.pathname}${link!.search}`);
  await expect(page.getByTestId("verify-email-outcome")).toHaveText("Thank you: your e-mail address is confirmed.");

  await page.goto(`${link!.pathname}${link!.search}`);
  await expect(page.getByTestId("verify-email-outcome")).toContainText("already used");

  await page.goto(`/p/${demo.programSlug}/dashboard`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);
});

import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { CounterPage, DashboardPage, demo } from "../support/pages";
import { expect, test } from "../support/fixtures";

// One new owner signs up from /admin/new, confirms their address, and creates a merchant from
// every template; one new member joins each program. Two sign-ups in all, well inside the
// sign-up rate limit every other spec shares.
test.describe.configure({ mode: "serial", timeout: 150_000 });

const outbox = path.resolve(process.env.OUTBOX_DIR || ".data/outbox");
const shots = path.join("test-results", "onboarding");
const password = "a good long password";
const run = Date.now().toString(36);
const ownerEmail = `owner-${run}@example.test`;
const memberEmail = `member-${run}@example.test`;
// 1×1 PNG.
const logoPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** Template names as the cards show them, and the goal each test picks. */
const templates = [
  { key: "stars", name: "Stars and reward levels", goal: "Bring customers in more often" },
  { key: "spend_tiers", name: "Spend tiers", goal: "Grow what each customer spends" },
  { key: "actions", name: "Points for actions", goal: "Get to know your customers" },
  { key: "paid_membership", name: "Paid membership", goal: "Run it as a profit centre" },
  { key: "experiences", name: "Experiences", goal: "Keep customers coming back" },
  { key: "stamp_card", name: "Stamp card", goal: "Bring customers in more often" },
  { key: "discount_fixed", name: "Discount card", goal: "Keep customers coming back" },
  { key: "discount_tiered", name: "Tiered discount card", goal: "Grow what each customer spends" },
  { key: "discount_progressive", name: "Progressive discount card", goal: "Keep customers coming back" },
  { key: "certificates", name: "Certificates", goal: "Keep customers coming back" },
  { key: "gift_on_conditions", name: "Gift on conditions", goal: "Grow what each customer spends" },
  { key: "club", name: "Club", goal: "Get to know your customers" },
  { key: "cause", name: "Cause", goal: "Keep customers coming back" },
] as const;

let ownerState: Awaited<ReturnType<BrowserContext["storageState"]>>;
let memberState: Awaited<ReturnType<BrowserContext["storageState"]>>;

async function verificationLinkFor(email: string): Promise<URL> {
  const files = (await readdir(outbox))
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .reverse();
  for (const name of files) {
    const eml = (await readFile(path.join(outbox, name), "utf8")).replace(/=\r?\n/g, "").replaceAll("=3D", "=");
    if (!eml.includes(`To: ${email}`)) continue;
    const link = /https?:\/\/\S+\/verify-email\?token=[\w-]+/.exec(eml);
    if (link) return new URL(link[0]);
  }
  throw new Error(`No verification mail to ${email} in ${outbox}`);
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** Fills the four steps; screenshots of each when `shotPrefix` is given. */
async function createMerchant(
  page: Page,
  input: { name: string; slug: string; template: string; goal: string; logo?: boolean; shotPrefix?: string },
) {
  await page.goto("/admin/new");
  // Typed again if the form had not hydrated yet (the address is suggested as the name is typed).
  await expect(async () => {
    await page.getByLabel(/^Business name/).fill(input.name);
    await expect(page.getByLabel(/^Web address/)).toHaveValue(input.slug, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  if (input.logo) {
    await page.getByLabel(/^Logo/).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: logoPng });
  }
  await expect(page.getByText("This address is available.")).toBeVisible();
  if (input.shotPrefix) await shoot(page, `${input.shotPrefix}-1-business`);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Where and how you sell" })).toBeVisible();
  await page.getByLabel(/^Currency/).selectOption("EUR");
  await page.getByLabel(/^Time zone/).selectOption("Europe/Riga");
  if (input.shotPrefix) await shoot(page, `${input.shotPrefix}-2-region`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("radio", { name: new RegExp(`^${input.goal}`) }).check({ force: true });
  if (input.shotPrefix) await shoot(page, `${input.shotPrefix}-3-goal`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("radio", { name: new RegExp(`^${input.template}`) }).check({ force: true });
  if (input.shotPrefix) await shoot(page, `${input.shotPrefix}-4-template`);
  await page.getByRole("button", { name: "Create and publish" }).click();
  await expect(page).toHaveURL(`/admin/${input.slug}?welcome=1`);
  await expect(page.getByRole("heading", { name: "Your program is live" })).toBeVisible();
}

async function contextWith(browser: Browser, state: typeof ownerState) {
  return browser.newContext({ storageState: state });
}

test("a new person signs up from /admin/new, confirms their address, creates a merchant and a member joins it", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const first = templates[0];
  await page.goto("/admin/new");
  await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent("/admin/new")}`);
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/signup\?callbackUrl=%2Fadmin%2Fnew$/);
  await page.getByLabel(/^Your name/).fill("Nora New");
  await page.getByLabel(/^E-mail/).fill(ownerEmail);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Create my account" }).click();

  // Back at onboarding, but a staff role needs a confirmed address first.
  await expect(page).toHaveURL("/admin/new");
  await expect(page.getByTestId("verify-email-banner")).toContainText(ownerEmail);
  await expect(page.getByLabel(/^Business name/)).toHaveCount(0);
  await shoot(page, "0-verify-first");

  let link: URL | undefined;
  await expect(async () => {
    link = await verificationLinkFor(ownerEmail);
  }).toPass();
  await page.goto(`${link!.pathname}${link!.search}`);
  await expect(page.getByTestId("verify-email-outcome")).toContainText("confirmed");

  const slug = `nora-${first.key.replaceAll("_", "-")}-${run}`;
  await page.setViewportSize({ width: 1280, height: 900 });
  await createMerchant(page, {
    name: `Nora ${first.key.replaceAll("_", "-")} ${run}`,
    slug,
    template: first.name,
    goal: first.goal,
    logo: true,
    shotPrefix: "1280",
  });
  await expect(page.getByTestId("goal-figure")).toContainText("Bring customers in more often");
  await shoot(page, "1280-5-overview");

  // A taken slug is said on its field, before and after sending.
  await page.goto("/admin/new");
  await page.getByLabel(/^Business name/).fill(`Nora ${first.key.replaceAll("_", "-")} ${run}`);
  await expect(page.getByText("This address is taken.")).toBeVisible();

  await page.goto(`/admin/${slug}`);
  await page.getByRole("link", { name: /Public page/ }).click();
  await expect(page).toHaveURL(`/p/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Nora ${first.key.replaceAll("_", "-")} ${run} Rewards`,
  );
  ownerState = await page.context().storageState();

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await member.goto(`/p/${slug}/join`);
  await member.getByLabel(/^Your name/).fill("Milo Member");
  await member.getByLabel(/^E-mail/).fill(memberEmail);
  await member.getByLabel(/^Password/).fill(password);
  await member.getByRole("button", { name: "Create my account" }).click();
  await expect(member).toHaveURL(`/p/${slug}/dashboard`);
  await expect(member.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(member.getByText("Coffee or pastry")).toBeVisible();
  memberState = await memberContext.storageState();

  // The new owner records the member's first sale at the counter; the member earns and redeems.
  await page.goto(`/admin/${slug}/counter`);
  const counter = new CounterPage(page);
  await counter.findMember(memberEmail);
  await counter.recordPurchase("12.50");
  await expect(page.getByTestId("points-earned")).toContainText("25");
  await member.reload();
  await expect(new DashboardPage(member).balance()).toContainText("35");
  expect(await new DashboardPage(member).redeem("Extra shot or syrup")).toBeTruthy();
  await memberContext.close();

  await page.goto(`/admin/${slug}`);
  await expect(page.getByTestId("goal-figure")).toContainText("1");
  await shoot(page, "1280-5-overview-with-figure");
});

for (const template of templates.slice(1)) {
  test(`a merchant from the ${template.name} template is live at once for a member`, async ({ browser }) => {
    const owner = await contextWith(browser, ownerState);
    const page = await owner.newPage();
    const slug = `nora-${template.key.replaceAll("_", "-")}-${run}`;
    await createMerchant(page, {
      name: `Nora ${template.key.replaceAll("_", "-")} ${run}`,
      slug,
      template: template.name,
      goal: template.goal,
    });
    await page.getByRole("link", { name: "Open the public page" }).click();
    await expect(page).toHaveURL(`/p/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Rewards");
    await owner.close();

    const memberContext = await contextWith(browser, memberState);
    const member = await memberContext.newPage();
    await member.goto(`/p/${slug}/join`);
    await member.getByRole("button", { name: "Join now" }).click();
    await expect(member).toHaveURL(`/p/${slug}/dashboard`);
    await expect(member.getByRole("heading", { level: 1 })).toBeVisible();
    await memberContext.close();
  });
}

test("the new owner edits the merchant's settings; programs keep their own defaults", async ({ browser }) => {
  const owner = await contextWith(browser, ownerState);
  const page = await owner.newPage();
  const slug = `nora-stars-${run}`;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/admin/${slug}/settings`);
  await expect(page.getByText("does not change your existing programs")).toBeVisible();
  await shoot(page, "1280-6-settings");
  await page.getByLabel(/^Business name/).fill("Nora Renamed");
  await page.getByLabel(/^Currency/).selectOption("USD");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/^Business name/)).toHaveValue("Nora Renamed");
  await expect(page.getByLabel(/^Web address/)).toHaveValue(slug);

  // 360 px: every step, the overview and settings.
  await page.setViewportSize({ width: 360, height: 780 });
  await shoot(page, "360-6-settings");
  await page.goto(`/admin/${slug}`);
  await shoot(page, "360-5-overview");
  await page.goto("/admin/new");
  await page.getByLabel(/^Business name/).fill("Small Screen Shop");
  await shoot(page, "360-1-business");
  await page.getByRole("button", { name: "Continue" }).click();
  await shoot(page, "360-2-region");
  await page.getByRole("button", { name: "Continue" }).click();
  await shoot(page, "360-3-goal");
  await page.getByRole("radio", { name: /^Keep customers coming back/ }).check({ force: true });
  await page.getByRole("button", { name: "Continue" }).click();
  await shoot(page, "360-4-template");
  await owner.close();
});

test("a signed-out visit to /admin/new goes to sign in and comes back", async ({ page }) => {
  await page.goto("/admin/new");
  await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent("/admin/new")}`);
  await page.getByLabel(/^E-mail/).fill(demo.owner);
  await page.getByLabel(/^Password/).fill(demo.password);
  await page.getByRole("button", { name: "Sign in" }).last().click();
  await expect(page).toHaveURL("/admin/new");
  await expect(page.getByLabel(/^Business name/)).toBeVisible();
});

test("settings: a manager may open them, a cashier is refused and a member finds nothing", async ({ signInAs }) => {
  const manager = await signInAs("manager");
  await manager.goto(`/admin/${demo.merchantSlug}/settings`);
  await expect(manager.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  const cashier = await signInAs("cashier");
  expect((await cashier.goto(`/admin/${demo.merchantSlug}/settings`))?.status()).toBe(403);
  const shopper = await signInAs("shopper");
  expect((await shopper.goto(`/admin/${demo.merchantSlug}/settings`))?.status()).toBe(404);
});

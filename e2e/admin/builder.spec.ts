import type { Page, Request } from "@playwright/test";
import { CounterPage, demo } from "../support/pages";
import { expect, test } from "../support/fixtures";

// The builder end to end: a manager edits the draft, publishes it, and a purchase at the
// counter then earns by the new rule under the new version. Refused input changes nothing; a
// cashier and a member are refused by the pages and by the action itself.
const builder = `/admin/${demo.merchantSlug}/programs/${demo.programSlug}`;
const campaign = "Builder bonus";

async function shot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/builder/${name}.png`, fullPage: true });
}

test.describe.configure({ mode: "serial" });

test("a refused edit shows its error on the field, keeps the input and changes nothing", async ({ signInAs }) => {
  const page = await signInAs("manager");
  await page.goto(`${builder}/earning`);
  const status = (await page.getByTestId("version-status").textContent()) ?? "";
  const campaigns = page.getByRole("region", { name: "Bonus campaigns" });
  const before = await campaigns.getByRole("listitem").count();
  await campaigns.getByRole("button", { name: "Add campaign" }).click();
  const form = page.getByRole("form", { name: "New rule" });
  await form.getByLabel("Name").fill("Broken campaign");
  await form.getByLabel("Multiplier (×)").fill("-2");
  await form.getByRole("button", { name: "Save rule" }).click();
  await expect(form.getByText("The multiplier must be at least 1.")).toBeVisible();
  await expect(form.getByLabel("Multiplier (×)")).toHaveValue("-2");
  await expect(form.getByLabel("Multiplier (×)")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Name")).toHaveValue("Broken campaign");
  await shot(page, "earning-field-error");
  await page.reload();
  await expect(page.getByTestId("version-status")).toHaveText(status);
  await expect(page.getByRole("region", { name: "Bonus campaigns" }).getByRole("listitem")).toHaveCount(before);
});

test("a cashier and a member cannot open the programs or the builder", async ({ signInAs }) => {
  const cashier = await signInAs("cashier");
  expect((await cashier.goto(`/admin/${demo.merchantSlug}/programs`))?.status()).toBe(403);
  expect((await cashier.goto(`${builder}/earning`))?.status()).toBe(403);
  await cashier.goto(`/admin/${demo.merchantSlug}/counter`);
  await expect(cashier.getByRole("link", { name: "Programs" })).toHaveCount(0);
  const shopper = await signInAs("shopper");
  expect((await shopper.goto(`/admin/${demo.merchantSlug}/programs`))?.status()).toBe(404);
  expect((await shopper.goto(builder))?.status()).toBe(404);
});

test("a publish that would strand a reward is refused, naming the reward; the draft can be discarded", async ({
  signInAs,
}) => {
  const page = await signInAs("manager");
  await page.goto(`${builder}/tiers`);
  // The seeded "Barista masterclass" requires Silver.
  await page.getByRole("button", { name: "Remove Silver" }).click();
  await expect(page.getByTestId("tier-silver")).toHaveCount(0);
  await expect(page.getByTestId("version-status")).toContainText("Draft open");
  await page.getByRole("button", { name: "Publish draft" }).click();
  const refusal = page.getByTestId("publish-refusal");
  await expect(refusal).toContainText("Not published:");
  await expect(refusal.getByRole("listitem")).toContainText(["Barista masterclass"]);
  await shot(page, "publish-refused");
  await page.getByRole("button", { name: "Discard draft" }).click();
  await page.getByRole("button", { name: "Discard", exact: true }).click();
  await expect(page.getByTestId("version-status")).toContainText("No draft open");
  await expect(page.getByTestId("tier-silver")).toBeVisible();
});

test("a manager adds a campaign, publishes, and the counter earns by it under the new version", async ({
  signInAs,
}) => {
  const manager = await signInAs("manager");
  const till = await signInAs("cashier");
  const counter = new CounterPage(till);

  let baseline = 0;
  let inForce = 0;
  await test.step("before: what 2.00 earns the member under the version in force", async () => {
    await till.goto(`/admin/${demo.merchantSlug}/counter`);
    await counter.findMember("shopper@demo.test");
    await counter.recordPurchase("2.00");
    const version = await till.getByTestId("points-version").innerText();
    inForce = Number(version.match(/version (\d+)/)?.[1]);
    expect(inForce).toBeGreaterThanOrEqual(1);
    baseline = Number((await till.getByTestId("points-earned").innerText()).match(/\d+/)?.[0] ?? 0);
  });

  await test.step("the manager finds the program and opens its builder", async () => {
    await manager.goto(`/admin/${demo.merchantSlug}`);
    await manager.getByRole("link", { name: "Programs" }).click();
    const row = manager.getByTestId(`program-${demo.programSlug}`);
    await expect(row).toContainText(`Published v${inForce}`);
    await shot(manager, "programs-list");
    await row.getByRole("link", { name: "Open the builder for Northwind Rewards" }).click();
    await expect(manager.getByRole("heading", { level: 1, name: "Northwind Rewards" })).toBeVisible();
    await shot(manager, "overview");
    await manager.getByRole("link", { name: "Tiers" }).click();
    await expect(manager.getByTestId("tier-gold")).toBeVisible();
    await shot(manager, "tiers");
    await manager.getByRole("button", { name: "Edit Gold" }).click();
    await expect(manager.getByRole("form", { name: "Edit Gold" }).getByLabel("Earn multiplier (×)")).toHaveValue("1.5");
    await shot(manager, "tier-editor");
    await manager.getByRole("form", { name: "Edit Gold" }).getByRole("button", { name: "Cancel" }).last().click();
    await manager.getByRole("link", { name: "Expiry & referrals" }).click();
    await expect(manager.getByLabel("Policy")).toBeVisible();
    await shot(manager, "expiry");
    await manager.getByRole("link", { name: "Earning" }).click();
    await expect(manager.getByRole("region", { name: "Bonus campaigns" })).toBeVisible();
  });

  let saveRequest: Request | undefined;
  await test.step("adds a campaign of 40 points on every purchase: the draft opens", async () => {
    const campaigns = manager.getByRole("region", { name: "Bonus campaigns" });
    await campaigns.getByRole("button", { name: "Add campaign" }).click();
    const form = manager.getByRole("form", { name: "New rule" });
    await form.getByLabel("Name").fill(campaign);
    await form.getByLabel("Points").fill("40");
    const sent = manager.waitForRequest((request) => request.method() === "POST" && !!request.headers()["next-action"]);
    await form.getByRole("button", { name: "Save rule" }).click();
    saveRequest = await sent;
    await expect(campaigns.getByText(campaign)).toBeVisible();
    await expect(manager.getByTestId("version-status")).toContainText(`Draft open · v${inForce + 1}`);
    await expect(manager.getByTestId("member-preview")).toContainText(campaign);
    await expect(manager.getByTestId("member-preview")).toContainText("+40 points per purchase");
    await shot(manager, "earning");
  });

  await test.step("the same action posted by a cashier or a member is refused and adds nothing", async () => {
    const request = saveRequest!;
    const headers = Object.fromEntries(
      Object.entries(request.headers()).filter(([name]) => !["cookie", "content-length"].includes(name)),
    );
    for (const role of ["cashier", "shopper"] as const) {
      const intruder = await signInAs(role);
      const response = await intruder.request.post(request.url(), { headers, data: request.postDataBuffer()! });
      expect(await response.text()).toContain('"error":"forbidden"');
    }
    await manager.reload();
    await expect(manager.getByRole("region", { name: "Bonus campaigns" }).getByText(campaign)).toHaveCount(1);
  });

  await test.step("publishes: the draft is the version in force", async () => {
    await manager.getByRole("button", { name: "Publish draft" }).click();
    await expect(manager.getByTestId("publish-success")).toHaveText(`Version ${inForce + 1} is now in force.`);
    await expect(manager.getByTestId("version-status")).toContainText(`Published v${inForce + 1}`);
    await expect(manager.getByTestId("version-status")).toContainText("No draft open");
  });

  await test.step("the counter earns the campaign's 40 points more, under the new version", async () => {
    await till.getByRole("button", { name: "Next purchase" }).click();
    await counter.recordPurchase("2.00");
    await expect(till.getByTestId("points-earned")).toHaveText(`+${baseline + 40} points earned`);
    await expect(till.getByTestId("points-version")).toHaveText(`Earned under version ${inForce + 1} of the program`);
  });

  await test.step("the campaign is removed and published again, so later specs earn as seeded", async () => {
    await manager.goto(`${builder}/earning`);
    await manager.getByRole("button", { name: `Remove ${campaign}` }).click();
    await expect(manager.getByRole("region", { name: "Bonus campaigns" }).getByText(campaign)).toHaveCount(0);
    await manager.getByRole("button", { name: "Publish draft" }).click();
    await expect(manager.getByTestId("version-status")).toContainText(`Published v${inForce + 2}`);
  });
});

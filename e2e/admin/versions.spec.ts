import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { demo } from "../support/pages";
import { expect, test } from "../support/fixtures";

/** No sideways overflow and no serious accessibility violation, then a screenshot to look at. */
async function capture(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect(serious, `${name} has accessibility violations`).toEqual([]);
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

const versionsPath = `/admin/${demo.merchantSlug}/programs/${demo.programSlug}/versions`;

test("a manager sees the program's versions and what changed between two of them", async ({ signInAs }) => {
  // Two accessibility scans on a shared, slow machine.
  test.setTimeout(180_000);
  const page = await signInAs("manager");
  await page.setViewportSize({ width: 1280, height: 900 });
  const response = await page.goto(versionsPath);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Version history" })).toBeVisible();
  const list = page.getByTestId("version-list");
  await expect(list.getByText("Version 1", { exact: true })).toBeVisible();
  const versions = await list.getByRole("listitem").count();
  if (versions > 1) {
    // A draft (or a second published version) exists: the default pair is compared.
    await expect(page.getByTestId("version-diff")).toBeVisible();
    await expect(page.getByRole("combobox", { name: "From" })).toBeVisible();
  } else {
    await expect(page.getByText("This program has a single version.")).toBeVisible();
  }
  await capture(page, "versions-1280");
  await page.setViewportSize({ width: 360, height: 800 });
  await capture(page, "versions-360");
  // The same version on both sides says so rather than listing nothing.
  await page.goto(`${versionsPath}?from=1&to=1`);
  if (versions > 1) await expect(page.getByText("Choose two different versions to see what changed.")).toBeVisible();
});

test("a cashier and a member cannot open the version history", async ({ signInAs }) => {
  // requireStaff refuses a role without manageProgram (forbidden) and anyone not staff (not found).
  const cashier = await signInAs("cashier");
  expect((await cashier.goto(versionsPath))?.status()).toBeGreaterThanOrEqual(400);
  await expect(cashier.getByRole("heading", { name: "Version history" })).toHaveCount(0);
  const shopper = await signInAs("shopper");
  expect((await shopper.goto(versionsPath))?.status()).toBe(404);
  await expect(shopper.getByRole("heading", { name: "Version history" })).toHaveCount(0);
});

test("another merchant's program, or none, is not found", async ({ signInAs }) => {
  const page = await signInAs("manager");
  expect((await page.goto(`/admin/${demo.merchantSlug}/programs/no-such-program/versions`))?.status()).toBe(404);
});

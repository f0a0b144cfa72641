import { demo } from "../support/pages";
import { expect, test } from "../support/fixtures";

// The back-test over the demo's real purchases: a draft with a 25-point campaign on every
// purchase issues 25 points more per earning purchase than the version in force, and nothing
// is written. The draft is discarded at the end, so other specs see the program as seeded.
const builder = `/admin/${demo.merchantSlug}/programs/${demo.programSlug}`;

test("a manager back-tests a draft over the last 90 days beside the published version", async ({ signInAs }) => {
  const manager = await signInAs("manager");
  await manager.setViewportSize({ width: 1280, height: 900 });

  await manager.goto(`${builder}/backtest?days=90`);
  await expect(manager.getByText("No draft to test")).toBeVisible();

  await manager.goto(`${builder}/earning`);
  const campaigns = manager.getByRole("region", { name: "Bonus campaigns" });
  await campaigns.getByRole("button", { name: "Add campaign" }).click();
  const form = manager.getByRole("form", { name: "New rule" });
  await form.getByLabel("Name").fill("Back-test bonus");
  await form.getByLabel("Points").fill("25");
  await form.getByRole("button", { name: "Save rule" }).click();
  await expect(campaigns.getByText("Back-test bonus")).toBeVisible();

  await manager.getByRole("link", { name: "Back-test" }).click();
  await manager.getByLabel("Period in days").fill("400");
  await manager.getByRole("button", { name: "Run back-test" }).click();
  await expect(manager.getByText("Choose a whole number of days from 7 to 365.")).toBeVisible();

  await manager.getByLabel("Period in days").fill("90");
  await manager.getByRole("button", { name: "Run back-test" }).click();
  const result = manager.getByRole("region", { name: /Draft v\d+ against published v\d+/ });
  await expect(result).toBeVisible();
  const scope = await result.getByText(/\d+ purchases? by \d+ members?/).innerText();
  const purchases = Number(scope.match(/(\d+) purchase/)![1]);
  expect(purchases).toBeGreaterThan(0);
  const issued = result.getByRole("definition").first();
  const hint = await result.getByText(/^Published: [\d,]+ \(\+?[\d,]+\)$/).innerText();
  const change = Number(hint.match(/\(\+?([\d,]+)\)/)![1]!.replaceAll(",", ""));
  // 25 more on every purchase that earns at all (one below the minimum spend earns nothing).
  expect(change % 25).toBe(0);
  expect(change).toBeGreaterThan(0);
  expect(change).toBeLessThanOrEqual(25 * purchases);
  await expect(issued).toBeVisible();
  await expect(result.getByRole("heading", { name: "Biggest changes" })).toBeVisible();
  await manager.screenshot({ path: "test-results/screenshots/backtest-en-1280.png", fullPage: true });

  await manager.getByRole("button", { name: "Discard draft" }).click();
  await manager.getByRole("button", { name: "Discard", exact: true }).click();
  await expect(manager.getByTestId("version-status")).toContainText("No draft open");
});

test("a cashier cannot open the back-test", async ({ signInAs }) => {
  const cashier = await signInAs("cashier");
  expect((await cashier.goto(`${builder}/backtest?days=90`))?.status()).toBe(403);
});

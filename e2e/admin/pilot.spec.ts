import { demo } from "../support/pages";
import { expect, test } from "../support/fixtures";

// A staged rollout seen from both sides: a reward piloted at one store exists only for members
// whose home store it is. The demo shopper joined online (no home store), so the Harbour pilot
// is invisible on their dashboard, while a reward for everyone shows. (Redeeming it by id is
// refused as not found: lib/rollout/rollout-enforcement.test.ts, through the same redeemReward
// the member's action calls.)
const builder = `/admin/${demo.merchantSlug}/programs/${demo.programSlug}`;

test("a reward piloted at one store is invisible to a member outside it", async ({ signInAs }) => {
  const manager = await signInAs("manager");
  const create = async (name: string, harbourOnly: boolean) => {
    await manager.goto(`${builder}/rewards`);
    await manager.getByRole("link", { name: "Add reward" }).first().click();
    await manager.getByRole("textbox", { name: "Name", exact: true }).fill(name);
    await manager.getByLabel("Description", { exact: true }).fill("A pilot of the rollout spec.");
    await manager.getByLabel("Kind").selectOption("gift");
    await manager.getByLabel("Cost in points").fill("5");
    if (harbourOnly) await manager.getByRole("checkbox", { name: "Harbour" }).check();
    await manager.getByRole("button", { name: "Save" }).first().click();
    await expect(manager.getByRole("row").filter({ hasText: name })).toBeVisible();
  };
  await create("Harbour pilot gift", true);
  await create("Gift for everyone", false);

  const shopper = await signInAs("shopper");
  await shopper.goto(`/p/${demo.programSlug}/dashboard`);
  await expect(shopper.getByTestId("reward-card").filter({ hasText: "Gift for everyone" })).toBeVisible();
  await expect(shopper.getByTestId("reward-card").filter({ hasText: "Harbour pilot gift" })).toHaveCount(0);
  await shopper.goto(`/p/${demo.programSlug}`);
  await expect(shopper.getByText("Gift for everyone").first()).toBeVisible();
  await expect(shopper.getByText("Harbour pilot gift")).toHaveCount(0);
});

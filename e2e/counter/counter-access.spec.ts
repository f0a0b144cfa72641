import { demo } from "../support/pages";
import { expect, test } from "../support/fixtures";

test("a member cannot open the counter screen", async ({ signInAs }) => {
  const page = await signInAs("shopper");
  const response = await page.goto(`/admin/${demo.merchantSlug}/counter`);
  expect(response?.status()).toBe(404);
});

test("a cashier can, and sees the member search first", async ({ signInAs }) => {
  const page = await signInAs("cashier");
  await page.goto(`/admin/${demo.merchantSlug}/counter`);
  await expect(page.getByLabel("Member number, e-mail or name")).toBeFocused();
});

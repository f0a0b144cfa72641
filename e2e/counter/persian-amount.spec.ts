import { readFileSync } from "node:fs";
import path from "node:path";
import { DashboardPage, JoinPage, demo } from "../support/pages";
import { expect, test } from "../support/fixtures";

const fa = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../lib/i18n/messages/fa.json"), "utf8")) as {
  counter: { recordPurchase: string };
  validation: { amount: string };
};

// A cashier working in Persian types an amount as Persian writes it: Persian digits and the
// momayyez (U+066B) for the decimal point, and is shown the example the same way.
test("the counter takes ۱۲٫۵۰ from a cashier working in Persian", async ({ browser, baseURL, signInAs }) => {
  // A shopper of their own, so no other spec's balances move.
  const shopperContext = await browser.newContext();
  const shopper = await shopperContext.newPage();
  await shopper.goto(`/p/${demo.programSlug}/join`);
  await new JoinPage(shopper).signUp({
    name: "Parisa Persian",
    email: `parisa-${Date.now()}@example.test`,
    password: "a long persian password",
  });
  await expect(shopper).toHaveURL(`/p/${demo.programSlug}/dashboard`);
  const memberNumber = await new DashboardPage(shopper).memberNumber();
  await shopperContext.close();

  const page = await signInAs("cashier");
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "fa", url: baseURL! }]);
  await page.goto(`/admin/${demo.merchantSlug}/counter`);
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");

  const search = page.getByRole("search");
  await search.getByRole("textbox").fill(memberNumber);
  await search.getByRole("button").click();
  await expect(page.getByTestId("counter-member-name")).toBeVisible();

  const amount = page.locator('input[name="amount"]');
  const submit = page.getByRole("button", { name: fa.counter.recordPurchase });
  await expect(amount).toHaveAttribute("placeholder", "۰٫۰۰");
  await expect(amount).toHaveAccessibleDescription(/۱۲٫۵۰/);

  // A Latin comma is no Persian separator: refused on the field, and what was typed is kept.
  await amount.fill("۱۲,۵۰");
  await submit.click();
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toHaveAccessibleDescription(new RegExp(fa.validation.amount));
  await expect(amount).toHaveValue("۱۲,۵۰");

  await amount.fill("۱۲٫۵۰");
  await submit.click();
  await expect(page.getByTestId("points-earned")).toHaveText(/\+[۰-۹]+/);
});

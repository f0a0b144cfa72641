import { CounterPage, demo } from "../support/pages";
import { expect, test } from "../support/fixtures";

// The first slice, end to end: a shopper joins, a cashier records a purchase at the counter,
// the shopper sees the points and the tier bar move, and redeems a reward in place.
test("a shopper joins, earns at the counter and redeems a reward", async ({ page, joinPage, dashboard, signInAs }) => {
  const email = `shopper-${Date.now()}@example.test`;

  await test.step("the shopper joins from the program page and sees an empty dashboard", async () => {
    await page.goto(`/p/${demo.programSlug}`);
    await expect(page.getByRole("heading", { level: 1, name: "Northwind Rewards" })).toBeVisible();
    await page.getByRole("link", { name: "Join Northwind Rewards" }).click();
    await joinPage.signUp({ name: "Eve Example", email, password: "correct horse battery" });
    await expect(page).toHaveURL(`/p/${demo.programSlug}/dashboard`);
  });

  await expect(dashboard.balance()).toHaveText("0 points");
  await expect(dashboard.tier()).toHaveText("Bronze");
  await expect(dashboard.remaining()).toHaveText("250 more points to Silver");
  expect(await dashboard.progressValue()).toBe(0);
  const memberNumber = await dashboard.memberNumber();

  await test.step("a cashier finds the member by number and records a purchase of 12.50", async () => {
    const till = await signInAs("cashier");
    await till.goto(`/admin/${demo.merchantSlug}/counter`);
    const screen = new CounterPage(till);
    await screen.findMember(memberNumber);
    await expect(till.getByTestId("counter-member-name")).toHaveText("Eve Example");
    await screen.recordPurchase("12.50");
    await expect(till.getByTestId("points-earned")).toHaveText("+12 points earned");
    await expect(till.getByTestId("counter-balance")).toHaveText("12");
  });

  await test.step("the shopper's balance and tier bar have moved", async () => {
    await page.reload();
    await expect(dashboard.balance()).toHaveText("12 points");
    await expect(dashboard.remaining()).toHaveText("238 more points to Silver");
    expect(await dashboard.progressValue()).toBeGreaterThan(0);
    await expect(page.getByText("+12 base rate")).toBeVisible();
  });

  await test.step("the shopper redeems an affordable reward and the balance drops without a reload", async () => {
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const code = await dashboard.redeem("Extra shot");
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await page.getByRole("button", { name: "Done" }).click();
    await expect(dashboard.balance()).toHaveText("2 points");
    await expect(page.getByText(code)).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });
});

test("a reward the balance cannot cover shows why and offers no redeem button", async ({ page, joinPage }) => {
  await page.goto(`/p/${demo.programSlug}/join`);
  await joinPage.signUp({
    name: "Nils Newcomer",
    email: `new-${Date.now()}@example.test`,
    password: "another good password",
  });
  const card = page.getByTestId("reward-card").filter({ hasText: "Free espresso" });
  await expect(card.getByText("50 more points needed")).toBeVisible();
  await expect(card.getByRole("button", { name: /Redeem/ })).toHaveCount(0);
});

test("a wrong password gets one generic message", async ({ page, signInPage }) => {
  await signInPage.signIn(demo.cashier, "wrong-password");
  await expect(page.getByText("The e-mail or password is incorrect.")).toBeVisible();
  // What was typed stays, but the password: the person corrects it rather than starting over.
  await expect(page.getByLabel(/^E-mail/)).toHaveValue(demo.cashier);
  await expect(page.getByLabel(/^Password/)).toHaveValue("");
  await signInPage.signIn("nobody@example.test", "wrong-password");
  await expect(page.getByText("The e-mail or password is incorrect.")).toBeVisible();
});

import { expect, test } from "@playwright/test";
import { DashboardPage, SignInPage, demo } from "../support/pages";

// Signing out must end the session on the server, not only delete the cookie in this browser:
// a copy of the cookie taken before (a shared computer, a stolen backup) is refused afterwards.
test("a session cookie copied before signing out is refused afterwards", async ({ page, browser }) => {
  const dashboardPath = `/p/${demo.programSlug}/dashboard`;
  await new SignInPage(page).signIn(demo.shopper, demo.password);
  await expect(page).toHaveURL(dashboardPath);
  await expect(new DashboardPage(page).balance()).toBeVisible();
  const copied = (await page.context().cookies()).filter((cookie) => cookie.name.includes("session-token"));
  expect(copied).not.toHaveLength(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/");

  const replay = await browser.newContext();
  try {
    await replay.addCookies(copied);
    const replayed = await replay.newPage();
    await replayed.goto(dashboardPath);
    await expect(replayed).toHaveURL(/\/signin\?callbackUrl=/);
  } finally {
    await replay.close();
  }
});

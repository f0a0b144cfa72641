import { DashboardPage, demo } from "../support/pages";
import { expect, test } from "../support/fixtures";

// Signing out must end the session on the server, not only delete the cookie in this browser:
// a copy of the cookie taken before (a shared computer, a stolen backup) is refused afterwards.
test("a session cookie copied before signing out is refused afterwards", async ({ page, browser, joinPage }) => {
  // A member of its own: signing a demo role out would end the session every other spec shares.
  const dashboardPath = `/p/${demo.programSlug}/dashboard`;
  await page.goto(`/p/${demo.programSlug}/join`);
  await joinPage.signUp({
    name: "Sigrid Signout",
    email: `signout-${Date.now()}@example.test`,
    password: "a good long password",
  });
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

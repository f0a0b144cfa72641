import { expect, test, type Page } from "@playwright/test";
import { SignInPage, demo } from "../support/pages";

// Every page of the slice at a phone's and a desktop's width, left-to-right and right-to-left:
// nothing may overflow sideways, and a screenshot of each is kept for people to look at.
const widths = [360, 1280] as const;
const locales = ["en", "fa"] as const;

async function capture(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

for (const locale of locales) {
  for (const width of widths) {
    test(`pages in ${locale} at ${width}px`, async ({ browser, baseURL }) => {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      const page = await context.newPage();
      const suffix = `${locale}-${width}`;

      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("dir", locale === "fa" ? "rtl" : "ltr");
      await capture(page, `home-${suffix}`);
      await page.goto(`/p/${demo.programSlug}`);
      await capture(page, `program-${suffix}`);
      await page.goto(`/p/${demo.programSlug}/join`);
      await capture(page, `join-${suffix}`);
      await page.goto("/signin");
      await capture(page, `signin-${suffix}`);

      // Signing in goes through the English page object, so switch the cookie for that step.
      await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
      await new SignInPage(page).signIn(demo.shopper, demo.password);
      await expect(page).toHaveURL(`/p/${demo.programSlug}/dashboard`);
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await page.reload();
      await capture(page, `dashboard-${suffix}`);

      await context.clearCookies();
      await new SignInPage(page).signIn(demo.cashier, demo.password);
      await expect(page).toHaveURL(`/admin/${demo.merchantSlug}/counter`);
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await page.reload();
      await page.getByRole("searchbox").or(page.locator('input[name="query"]')).fill(demo.shopper);
      await page.locator('form[role="search"] button[type="submit"]').click();
      await expect(page.getByTestId("counter-member-name")).toBeVisible();
      await capture(page, `counter-${suffix}`);

      await context.clearCookies();
      await new SignInPage(page).signIn(demo.manager, demo.password);
      await expect(page).toHaveURL(`/admin/${demo.merchantSlug}`);
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await page.reload();
      await capture(page, `overview-${suffix}`);
      await context.close();
    });
  }
}

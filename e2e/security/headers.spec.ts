import { expect, test, type Page, type Response } from "@playwright/test";
import { SignInPage, demo } from "../support/pages";

// Every page the visual spec visits, in a left-to-right and a right-to-left language: each
// document carries the security headers, and the browser reports no Content-Security-Policy
// violation on any of them.
const locales = ["en", "fa"] as const;

type Watch = { violations: string[]; documents: Response[] };

async function watch(page: Page): Promise<Watch> {
  const seen: Watch = { violations: [], documents: [] };
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) seen.violations.push(message.text());
  });
  page.on("response", (response) => {
    if (response.request().resourceType() === "document") seen.documents.push(response);
  });
  await page.exposeFunction("reportCspViolation", (report: string) => seen.violations.push(report));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (report: string) => void }).reportCspViolation;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return seen;
}

function expectSecurityHeaders(response: Response) {
  const headers = response.headers();
  const where = response.url();
  const policy = headers["content-security-policy"] ?? "";
  const scripts = /script-src ([^;]*)/.exec(policy)?.[1] ?? "";
  expect(scripts, `script-src of ${where}`).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scripts, `script-src of ${where}`).not.toContain("'unsafe-inline'");
  expect(scripts, `script-src of ${where}`).not.toContain("'unsafe-eval'");
  expect(policy, `CSP of ${where}`).toContain("frame-ancestors 'none'");
  expect(policy, `CSP of ${where}`).toContain("object-src 'none'");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["x-request-id"], where).toMatch(/^[0-9a-f-]{36}$/);
  // Plain HTTP, and no trusted proxy to vouch for an X-Forwarded-Proto: no HSTS.
  expect(headers["strict-transport-security"], where).toBeUndefined();
}

async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
}

for (const locale of locales) {
  test(`every page in ${locale} has the security headers and no CSP violation`, async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    const page = await context.newPage();
    const seen = await watch(page);

    for (const path of ["/", `/p/${demo.programSlug}`, `/p/${demo.programSlug}/join`, "/signin"]) {
      await page.goto(path);
      await settle(page);
    }

    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
    await new SignInPage(page).signIn(demo.shopper, demo.password);
    await expect(page).toHaveURL(`/p/${demo.programSlug}/dashboard`);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await page.reload();
    await settle(page);
    // The dialog's scroll lock adds a style element: it must carry the page's nonce.
    await page.getByTestId("reward-card").getByRole("button").first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();

    await context.clearCookies();
    await new SignInPage(page).signIn(demo.cashier, demo.password);
    await expect(page).toHaveURL(`/admin/${demo.merchantSlug}/counter`);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await page.reload();
    await page.getByRole("searchbox").or(page.locator('input[name="query"]')).fill(demo.shopper);
    await page.locator('form[role="search"] button[type="submit"]').click();
    await expect(page.getByTestId("counter-member-name")).toBeVisible();
    await settle(page);

    await context.clearCookies();
    await new SignInPage(page).signIn(demo.manager, demo.password);
    await expect(page).toHaveURL(`/admin/${demo.merchantSlug}`);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await page.reload();
    await settle(page);

    expect(seen.documents.length).toBeGreaterThanOrEqual(8);
    for (const response of seen.documents) expectSecurityHeaders(response);
    expect(seen.violations).toEqual([]);
    await context.close();
  });
}

test("the violation watcher itself catches a blocked inline script and style", async ({ page, baseURL }) => {
  await page.route(`${baseURL}/csp-probe`, (route) =>
    route.fulfill({
      contentType: "text/html",
      headers: { "content-security-policy": "script-src 'self'; style-src 'self'" },
      body: "<!doctype html><style>p{color:red}</style><script>document.title='ran'</script><p>probe</p>",
    }),
  );
  const seen = await watch(page);
  await page.goto("/csp-probe");
  await expect.poll(() => seen.violations.length).toBeGreaterThanOrEqual(2);
});

test("every response gets a fresh nonce and request id", async ({ request }) => {
  const [first, second] = [await request.get("/signin"), await request.get("/signin")];
  const nonce = (response: typeof first) =>
    /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce(first)).toBeTruthy();
  expect(nonce(first)).not.toBe(nonce(second));
  expect(first.headers()["x-request-id"]).not.toBe(second.headers()["x-request-id"]);
  // The nonce in the header is the one on the page's scripts.
  expect(await first.text()).toContain(`nonce="${nonce(first)}"`);
});

test("a client's own X-Forwarded-Proto does not switch HSTS on, and the API carries the headers too", async ({
  request,
}) => {
  const page = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
  expect(page.headers()["strict-transport-security"]).toBeUndefined();
  const api = await request.get(`/api/v1/members/0000000000`);
  expect(api.status()).toBe(401);
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

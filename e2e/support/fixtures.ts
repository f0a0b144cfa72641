import path from "node:path";
import { test as base, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { CounterPage, DashboardPage, JoinPage, SignInPage } from "./pages";

export const roles = ["shopper", "cashier", "manager", "owner"] as const;
export type Role = (typeof roles)[number];

/** Where e2e/auth.setup.ts keeps each demo role's signed-in cookies. */
export function storageStatePath(role: Role) {
  return path.join(import.meta.dirname, "..", ".auth", `${role}.json`);
}

type Fixtures = {
  /**
   * A new page, in a context of its own, already signed in as the demo's `role` (no trip through
   * the sign-in form). The context is closed when the test ends, passed or failed.
   * Never sign such a page out: that ends the role's saved session for every later spec.
   */
  signInAs: (role: Role, options?: BrowserContextOptions) => Promise<Page>;
  signInPage: SignInPage;
  joinPage: JoinPage;
  dashboard: DashboardPage;
  counter: CounterPage;
};

export const test = base.extend<Fixtures>({
  signInAs: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (role, options) => {
      const context = await browser.newContext({ ...options, storageState: storageStatePath(role) });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
  signInPage: async ({ page }, provide) => provide(new SignInPage(page)),
  joinPage: async ({ page }, provide) => provide(new JoinPage(page)),
  dashboard: async ({ page }, provide) => provide(new DashboardPage(page)),
  counter: async ({ page }, provide) => provide(new CounterPage(page)),
});

export { expect } from "@playwright/test";

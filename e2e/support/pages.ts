import { expect, type Page } from "@playwright/test";

// Page objects: each knows how a person finds things on one screen (by role and label), so the
// specs read as the flow they test.

export const demo = {
  programSlug: "northwind-rewards",
  merchantSlug: "northwind-coffee",
  password: "demo-password",
  cashier: "cashier@demo.test",
  manager: "manager@demo.test",
  owner: "owner@demo.test",
  shopper: "shopper@demo.test",
  apiKey: "lk_demo_northwind_0123456789abcdefghijklmnopqr",
} as const;

export class SignInPage {
  constructor(readonly page: Page) {}

  async signIn(email: string, password: string) {
    await this.page.goto("/signin");
    await this.page.getByLabel(/^E-mail/).fill(email);
    await this.page.getByLabel(/^Password/).fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).last().click();
  }
}

export class JoinPage {
  constructor(readonly page: Page) {}

  async signUp(input: { name: string; email: string; password: string }) {
    await this.page.getByLabel(/^Your name/).fill(input.name);
    await this.page.getByLabel(/^E-mail/).fill(input.email);
    await this.page.getByLabel(/^Password/).fill(input.password);
    await this.page.getByRole("button", { name: "Create my account" }).click();
  }
}

export class DashboardPage {
  constructor(readonly page: Page) {}

  balance = () => this.page.getByTestId("points-balance");
  tier = () => this.page.getByTestId("current-tier");
  progress = () => this.page.getByRole("progressbar");
  remaining = () => this.page.getByTestId("tier-remaining");

  async memberNumber(): Promise<string> {
    const text = await this.page.getByText(/Member number/).textContent();
    return /(\d{10})/.exec(text ?? "")![1]!;
  }

  async progressValue(): Promise<number> {
    return Number(await this.progress().getAttribute("aria-valuenow"));
  }

  async redeem(rewardName: string): Promise<string> {
    const card = this.page.getByTestId("reward-card").filter({ hasText: rewardName });
    await card.getByRole("button", { name: /Redeem/ }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Yes, redeem" }).click();
    const code = this.page.getByTestId("voucher-code");
    await expect(code).toBeVisible();
    return (await code.textContent())!.trim();
  }
}

export class CounterPage {
  constructor(readonly page: Page) {}

  async findMember(query: string) {
    await this.page.getByLabel("Member number, e-mail or name").fill(query);
    await this.page.getByRole("button", { name: "Search" }).click();
    await expect(this.page.getByTestId("counter-member-name")).toBeVisible();
  }

  async recordPurchase(amount: string) {
    await this.page.getByLabel(/Amount paid/).fill(amount);
    await this.page.getByRole("button", { name: "Record purchase" }).click();
  }
}

import { expect, test as setup } from "@playwright/test";
import { roles, storageStatePath } from "./support/fixtures";
import { SignInPage, demo } from "./support/pages";

// Signs each demo role in once, through the real form, and saves the cookies for every spec.
const landing = {
  shopper: `/p/${demo.programSlug}/dashboard`,
  cashier: `/admin/${demo.merchantSlug}/counter`,
  manager: `/admin/${demo.merchantSlug}`,
  owner: `/admin/${demo.merchantSlug}`,
} as const;

for (const role of roles) {
  setup(`sign in as the demo ${role}`, async ({ page }) => {
    await new SignInPage(page).signIn(demo[role], demo.password);
    await expect(page).toHaveURL(landing[role]);
    await page.context().storageState({ path: storageStatePath(role) });
  });
}

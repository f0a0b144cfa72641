import { deflateSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { demo } from "../support/pages";
import { expect, test } from "../support/fixtures";

// The program builder's catalog: a manager adds a reward with a picture and a stock of one, the
// shopper finds it in their catalog, the manager adds a badge to the draft; a cashier is refused.

const builder = `/admin/${demo.merchantSlug}/programs/${demo.programSlug}`;
const desktop = { viewport: { width: 1280, height: 900 } };

/** A real PNG (a square in one colour), so the upload passes the type check and shows as a picture. */
function squarePng(size: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function capture(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect(serious, `${name} has accessibility violations`).toEqual([]);
  await page.screenshot({ path: `test-results/screenshots/catalog-${name}.png`, fullPage: true });
}

test("a manager adds a reward with a picture and a stock of 1, and the shopper sees it in the catalog", async ({
  signInAs,
}) => {
  const name = `Canvas tote ${Math.random().toString(36).slice(2, 7)}`;
  const manager = await signInAs("manager", desktop);
  await manager.goto(`${builder}/rewards`);
  await expect(manager.getByRole("heading", { level: 2, name: "Rewards" })).toBeVisible();
  await capture(manager, "rewards-list");

  await manager.getByRole("link", { name: "Add reward" }).first().click();
  await expect(manager.getByRole("heading", { level: 2, name: "New reward" })).toBeVisible();
  await manager.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await manager.getByLabel("Description", { exact: true }).fill("Organic cotton, printed with our logo.");
  await manager.getByLabel("Kind").selectOption("gift");
  await manager.getByLabel("Cost in points").fill("0");
  await manager.getByLabel("Stock", { exact: true }).fill("1");
  await manager.getByLabel("Upload an image").setInputFiles({
    name: "tote.png",
    mimeType: "image/png",
    buffer: squarePng(96, [79, 70, 229]),
  });
  await manager.getByRole("button", { name: "Save" }).first().click();
  // Refused on its field, with everything typed still there.
  await expect(manager.getByText("This value is not valid.")).toBeVisible();
  await expect(manager.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(name);
  await expect(manager.getByLabel("Stock", { exact: true })).toHaveValue("1");
  await expect(manager.getByLabel("Kind")).toHaveValue("gift");
  await capture(manager, "reward-editor-error");

  await manager.getByLabel("Cost in points").fill("50");
  // A refused submit keeps no file (browsers never refill a file input): choose it again.
  await manager.getByLabel("Upload an image").setInputFiles({
    name: "tote.png",
    mimeType: "image/png",
    buffer: squarePng(96, [79, 70, 229]),
  });
  await manager.getByRole("button", { name: "Save" }).first().click();
  await expect(manager.getByRole("heading", { level: 2, name: "Rewards" })).toBeVisible();
  const row = manager.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("50 pts");
  await expect(row.getByRole("cell").nth(2)).toHaveText("1");
  await expect(row.locator("img")).toHaveAttribute("src", /^\/uploads\/[0-9a-f]{40}\.png$/);
  await capture(manager, "rewards-list-after");

  await row.getByRole("link", { name: `Edit: ${name}` }).click();
  await expect(manager.getByRole("heading", { level: 2, name })).toBeVisible();
  await capture(manager, "reward-editor");

  const shopper = await signInAs("shopper");
  await shopper.goto(`/p/${demo.programSlug}/dashboard`);
  await expect(shopper.getByTestId("reward-card").filter({ hasText: name })).toBeVisible();
});

test("a manager adds a badge to the draft", async ({ signInAs }) => {
  const name = `Early bird ${Math.random().toString(36).slice(2, 7)}`;
  const manager = await signInAs("manager", desktop);
  await manager.goto(`${builder}/badges`);
  await expect(manager.getByRole("heading", { level: 2, name: "Badges" })).toBeVisible();
  await manager.getByRole("button", { name: "Add badge" }).first().click();
  const dialog = manager.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await dialog.getByLabel("Icon").selectOption("sparkles");
  await dialog.getByLabel("Earned for").selectOption("visits");
  await dialog.getByLabel("Target").fill("5");
  await dialog.locator("summary").click();
  await dialog.getByLabel("Name in Latviešu").fill("Agrais putns");
  await capture(manager, "badge-dialog");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(manager.getByTestId("badge-card").filter({ hasText: name })).toContainText("Visits · 5");
  await expect(manager.getByTestId("draft-notice")).toContainText("draft version");
  await capture(manager, "badges");

  await manager.goto(`${builder}/challenges`);
  await expect(manager.getByRole("heading", { level: 2, name: "Challenges" })).toBeVisible();
  await capture(manager, "challenges");
  await manager.getByRole("button", { name: "Add challenge" }).first().click();
  await capture(manager, "challenge-dialog");

  await manager.goto(`${builder}/content`);
  await expect(manager.getByRole("heading", { level: 2, name: "Members-only content" })).toBeVisible();
  await capture(manager, "content");
});

test("a cashier opening the rewards page is refused", async ({ signInAs }) => {
  const cashier = await signInAs("cashier");
  for (const section of ["rewards", "badges", "challenges", "content"]) {
    const response = await cashier.goto(`${builder}/${section}`);
    expect(response?.status(), section).toBe(403);
    await expect(cashier.getByRole("heading", { name: "You are not allowed to do this." })).toBeVisible();
  }
});

test("a member opening the rewards page finds nothing", async ({ signInAs }) => {
  const shopper = await signInAs("shopper");
  const response = await shopper.goto(`${builder}/rewards`);
  expect(response?.status()).toBe(404);
});

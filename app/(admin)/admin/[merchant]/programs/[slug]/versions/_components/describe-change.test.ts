import { createElement, Fragment, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createFormatter, createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import messages from "@/lib/i18n/messages/en.json";
import type { VersionChange } from "@/lib/programs/diff-versions";
import { describeChange, type DescribeContext } from "./describe-change";

// The sentences the version history shows, from the English catalog.
const ctx: DescribeContext = {
  t: createTranslator({
    locale: "en",
    messages,
    namespace: "adminPrograms.versions",
  }) as unknown as DescribeContext["t"],
  format: createFormatter({ locale: "en" }) as unknown as DescribeContext["format"],
  program: { id: "p", slug: "p", name: "Test", currency: "EUR", timeZone: "Europe/Riga" },
  names: { stores: { s1: "Old Town" }, segments: {}, rewards: {} },
  thresholdBasis: { from: "points", to: "spend" },
  locale: "en",
};

const text = (node: ReactNode) =>
  renderToStaticMarkup(createElement(Fragment, null, node))
    .replace(/<[^>]+>/g, "")
    .replaceAll("&quot;", '"');

const changed = (change: Partial<Extract<VersionChange, { type: "changed" }>>): VersionChange =>
  ({
    type: "changed",
    subject: "rule",
    key: "k",
    name: "Weekend double",
    field: "name",
    before: null,
    after: null,
    ...change,
  }) as VersionChange;

describe("describeChange", () => {
  it.each<[VersionChange, string]>([
    [
      changed({
        subject: "settings",
        key: "earnRate",
        name: "earnRate",
        field: "earnRate",
        before: { points: 1, perMinor: 100 },
        after: { points: 2, perMinor: 100 },
      }),
      "Earn rate 1 pt per €1.00 → 2 pts per €1.00",
    ],
    [
      changed({ field: "multiplier", before: 150, after: 200 }),
      "Earning rule “Weekend double”: multiplier 150% → 200%",
    ],
    [
      changed({ field: "conditions.storeIds", before: null, after: ["s1"] }),
      "Earning rule “Weekend double”: stores every store → Old Town",
    ],
    [
      changed({ field: "rolloutPercent", before: 100, after: 10 }),
      "Earning rule “Weekend double”: pilot share 100% of members → 10% of members",
    ],
    [
      { type: "added", subject: "tier", key: "gold", name: "Gold", details: { threshold: 50_000 } },
      "Tier “Gold” added (threshold €500.00)",
    ],
    [{ type: "removed", subject: "badge", key: "b", name: "Regular" }, "Badge “Regular” removed"],
    [
      { type: "added", subject: "rule", key: "rain", name: "Rainy day", details: { kind: "campaign", points: 25 } },
      "Earning rule “Rainy day” added (campaign, 25 points)",
    ],
    [
      changed({ subject: "tier", name: "Gold", field: "threshold", before: 500, after: 100_000 }),
      "Tier “Gold”: threshold 500 points → €1,000.00",
    ],
    [
      changed({
        subject: "settings",
        key: "expiry",
        name: "expiry",
        field: "expiry",
        before: { policy: "never" },
        after: { policy: "after_earning", months: 12 },
      }),
      "Point expiry never → 12 months after earning",
    ],
  ])("%#: %s", (change, sentence) => {
    expect(text(describeChange(change, ctx))).toBe(sentence);
  });
});

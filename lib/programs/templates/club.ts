import { baseSettings, firstPurchaseBadge, type ProgramTemplate } from "./types";

/** Club: tiers by points a year unlock members-only content, early access and events. */
export const clubTemplate: ProgramTemplate = {
  key: "club",
  goal: "customer_insight",
  icon: "key-round",
  build: ({ currency }) => ({
    pointsLabel: "points",
    description: "Members-only guides, early access to sales and private events, unlocked as you climb.",
    settings: baseSettings(currency, { tierQualification: { basis: "points", window: "calendar_year", months: 12 } }),
    rules: [],
    tiers: [
      { key: "member", name: "Member", threshold: 0, color: "#64748b", perks: ["Members-only guides"] },
      {
        key: "insider",
        name: "Insider",
        threshold: 1_000,
        earnMultiplierPercent: 125,
        color: "#7c3aed",
        perks: ["Early access to sales"],
      },
      {
        key: "vip",
        name: "VIP",
        threshold: 3_000,
        earnMultiplierPercent: 150,
        color: "#b45309",
        perks: ["Invitations to private events"],
      },
    ],
    badges: [firstPurchaseBadge],
    challenges: [],
    rewards: [
      {
        name: "Early access pass",
        description: "Shop the next sale a day before everyone else",
        kind: "early_access",
        costPoints: 200,
        minTierKey: "insider",
      },
    ],
    content: [
      { title: "Care guide", body: "How to look after what you bought, from our experts." },
      { title: "Early access: the spring sale", body: "Shop the sale a day early.", minTierKey: "insider" },
      { title: "VIP evening", body: "An evening with our designers, by invitation.", minTierKey: "vip" },
    ],
  }),
};

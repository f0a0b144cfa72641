import { baseSettings, firstPurchaseBadge, type ProgramTemplate } from "./types";

/** A cosmetics brand: points for purchases and for reviews, a complete profile, social follows and referrals. */
export const actionsTemplate: ProgramTemplate = {
  key: "actions",
  goal: "customer_insight",
  icon: "megaphone",
  build: ({ currency }) => ({
    pointsLabel: "points",
    description: "Earn points when you shop, review, complete your profile, follow us and bring friends.",
    settings: baseSettings(currency, {
      referral: { referrerPoints: 200, refereePoints: 100, maxPerMember: 10 },
    }),
    rules: [
      { key: "welcome", name: "Welcome bonus", kind: "action", action: "sign_up", points: 50, position: 0 },
      { key: "review", name: "Write a review", kind: "action", action: "review", points: 50, position: 1 },
      {
        key: "profile",
        name: "Complete your profile",
        kind: "action",
        action: "profile_completed",
        points: 100,
        position: 2,
      },
      {
        key: "follow_instagram",
        name: "Follow us on Instagram",
        kind: "action",
        action: "custom",
        points: 25,
        position: 3,
      },
      { key: "follow_tiktok", name: "Follow us on TikTok", kind: "action", action: "custom", points: 25, position: 4 },
    ],
    tiers: [],
    badges: [
      firstPurchaseBadge,
      {
        key: "ambassador",
        name: "Ambassador",
        description: "Brought 3 friends",
        icon: "users",
        criterion: "referrals",
        target: 3,
      },
    ],
    challenges: [],
    rewards: [
      { name: "Free sample", description: "A sample of your choice", kind: "gift", costPoints: 150 },
      { name: "Free shipping", description: "On your next order", kind: "free_product", costPoints: 300 },
      { name: "20% off", description: "One order, any size", kind: "percent_discount", value: 2_000, costPoints: 800 },
    ],
  }),
};

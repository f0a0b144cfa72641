import { baseSettings, firstPurchaseBadge, majorUnit, type ProgramTemplate } from "./types";

/**
 * Gift on conditions (a beauty shop): a point per currency unit, and a gift voucher with any
 * purchase of 50.00 or more of skincare, at no cost in points.
 */
export const giftOnConditionsTemplate: ProgramTemplate = {
  key: "gift_on_conditions",
  goal: "share_of_wallet",
  icon: "gift",
  build: ({ currency }) => {
    const unit = majorUnit(currency);
    return {
      pointsLabel: "points",
      description: "A point for every 1.00 you spend, and a gift with every skincare purchase of 50.00 or more.",
      settings: baseSettings(currency),
      rules: [
        {
          key: "skincare-gift",
          name: "Skincare gift",
          kind: "gift",
          giftRewardKey: "travel-kit",
          conditions: { categories: ["skincare"], minimumSpendMinor: 50 * unit },
          position: 0,
        },
      ],
      tiers: [],
      badges: [firstPurchaseBadge],
      challenges: [],
      rewards: [
        {
          key: "travel-kit",
          name: "Travel-size skincare kit",
          description: "Our gift with skincare purchases of 50.00 or more",
          kind: "gift",
          costPoints: 100,
          voucherValidDays: 30,
        },
        {
          name: "10.00 off",
          description: "Off your next purchase",
          kind: "fixed_discount",
          costPoints: 500,
          value: 10 * unit,
        },
      ],
    };
  },
};

import { baseSettings, firstPurchaseBadge, majorUnit, type ProgramTemplate } from "./types";

/** A marketplace: a free tier and a paid Plus membership with free delivery and early access. */
export const paidMembershipTemplate: ProgramTemplate = {
  key: "paid_membership",
  goal: "profit_centre",
  icon: "crown",
  build: ({ currency }) => {
    const unit = majorUnit(currency);
    return {
      pointsLabel: "points",
      description: "Earn points on every order. Join Plus for free delivery, early access to sales and double points.",
      settings: baseSettings(currency),
      rules: [],
      tiers: [
        { key: "member", name: "Member", threshold: 0, color: "#64748b", perks: ["Points on every order"] },
        {
          key: "plus",
          name: "Plus",
          threshold: 0,
          earnMultiplierPercent: 200,
          color: "#7c3aed",
          perks: ["Free delivery on every order", "Early access to sales", "Double points"],
          priceMinor: 49 * unit,
          periodMonths: 12,
        },
      ],
      badges: [firstPurchaseBadge],
      challenges: [],
      rewards: [
        { name: "5 off", description: "Off your next order", kind: "fixed_discount", value: 5 * unit, costPoints: 500 },
        {
          name: "Early access pass",
          description: "Shop the next sale a day early",
          kind: "early_access",
          costPoints: 300,
        },
      ],
    };
  },
};

import { baseSettings, firstPurchaseBadge, majorUnit, type ProgramTemplate } from "./types";

/** A beauty retailer: tiers by spend in the calendar year, earning more at each, a birthday gift and a catalog. */
export const spendTiersTemplate: ProgramTemplate = {
  key: "spend_tiers",
  goal: "share_of_wallet",
  icon: "gem",
  build: ({ currency }) => {
    const unit = majorUnit(currency);
    return {
      pointsLabel: "points",
      description: "Earn a point for every unit you spend; spend more in a year to move up and earn faster.",
      settings: baseSettings(currency, {
        tierQualification: { basis: "spend", window: "calendar_year", months: 12 },
        birthdayMode: "month",
      }),
      rules: [
        { key: "birthday_gift", name: "Birthday gift", kind: "action", action: "birthday", points: 250, position: 0 },
      ],
      tiers: [
        { key: "insider", name: "Insider", threshold: 0, color: "#64748b", perks: ["Birthday gift"] },
        {
          key: "vib",
          name: "VIB",
          threshold: 350 * unit,
          earnMultiplierPercent: 125,
          color: "#be185d",
          perks: ["Birthday gift", "1.25 points per unit"],
        },
        {
          key: "rouge",
          name: "Rouge",
          threshold: 1000 * unit,
          earnMultiplierPercent: 150,
          color: "#9f1239",
          perks: ["Birthday gift", "1.5 points per unit", "Free shipping"],
        },
      ],
      badges: [firstPurchaseBadge],
      challenges: [],
      rewards: [
        { name: "Deluxe sample", description: "A travel-size favourite", kind: "gift", costPoints: 100 },
        { name: "Mini set", description: "Three minis of the season", kind: "gift", costPoints: 250 },
        {
          name: "10% off",
          description: "One order, any size",
          kind: "percent_discount",
          value: 1_000,
          costPoints: 500,
        },
        {
          name: "15 off your order",
          description: "A fixed discount on your next order",
          kind: "fixed_discount",
          value: 15 * unit,
          costPoints: 750,
        },
        {
          name: "Full-size product",
          description: "Any full-size product, Rouge members only",
          kind: "gift",
          costPoints: 1500,
          minTierKey: "rouge",
        },
      ],
    };
  },
};

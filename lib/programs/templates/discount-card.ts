import { baseSettings, majorUnit, type ProgramTemplate } from "./types";

/**
 * Discount cards earn no points: the member's tier carries the discount the till gives
 * (`discountPercent`). Fixed: one discount for every member.
 */
export const discountCardFixedTemplate: ProgramTemplate = {
  key: "discount_fixed",
  goal: "retention",
  icon: "percent",
  build: ({ currency }) => ({
    pointsLabel: "points",
    description: "Show your card and get 10% off every purchase.",
    settings: baseSettings(currency, {
      earnRate: { points: 0, perMinor: majorUnit(currency) },
      expiry: { policy: "never", months: 0 },
      tierQualification: { basis: "spend", window: "calendar_year", months: 12 },
    }),
    rules: [],
    tiers: [
      {
        key: "member",
        name: "Member",
        threshold: 0,
        discountPercent: 10,
        color: "#0f766e",
        perks: ["10% off every purchase"],
      },
    ],
    badges: [],
    challenges: [],
    rewards: [],
  }),
};

/** Tiered: silver, gold and platinum by spend in the calendar year, each with a larger discount. */
export const discountCardTieredTemplate: ProgramTemplate = {
  key: "discount_tiered",
  goal: "share_of_wallet",
  icon: "layers",
  build: ({ currency }) => {
    const unit = majorUnit(currency);
    return {
      pointsLabel: "points",
      description: "Spend more in a year for a bigger discount: 5% as Silver, 10% as Gold, 15% as Platinum.",
      settings: baseSettings(currency, {
        earnRate: { points: 0, perMinor: unit },
        expiry: { policy: "never", months: 0 },
        tierQualification: { basis: "spend", window: "calendar_year", months: 12 },
      }),
      rules: [],
      tiers: [
        {
          key: "silver",
          name: "Silver",
          threshold: 0,
          discountPercent: 5,
          color: "#64748b",
          perks: ["5% off every purchase"],
        },
        {
          key: "gold",
          name: "Gold",
          threshold: 500 * unit,
          discountPercent: 10,
          color: "#ca8a04",
          perks: ["10% off every purchase"],
        },
        {
          key: "platinum",
          name: "Platinum",
          threshold: 2000 * unit,
          discountPercent: 15,
          color: "#334155",
          perks: ["15% off every purchase", "Free gift wrapping"],
        },
      ],
      badges: [],
      challenges: [],
      rewards: [],
    };
  },
};

/** Progressive: the discount grows with lifetime spend and is never taken back by a review. */
export const discountCardProgressiveTemplate: ProgramTemplate = {
  key: "discount_progressive",
  goal: "retention",
  icon: "trending-up",
  build: ({ currency }) => {
    const unit = majorUnit(currency);
    const step = (key: string, name: string, threshold: number, percent: number, color: string) => ({
      key,
      name,
      threshold: threshold * unit,
      discountPercent: percent,
      color,
      perks: [`${percent}% off every purchase`],
    });
    return {
      pointsLabel: "points",
      description: "Your discount grows with everything you have ever spent: from 3% up to 10%, and it stays.",
      settings: baseSettings(currency, {
        earnRate: { points: 0, perMinor: unit },
        expiry: { policy: "never", months: 0 },
        tierQualification: { basis: "spend", window: "lifetime", months: 12 },
      }),
      rules: [],
      tiers: [
        step("start", "3% card", 0, 3, "#64748b"),
        step("five", "5% card", 200, 5, "#0f766e"),
        step("seven", "7% card", 500, 7, "#7c3aed"),
        step("ten", "10% card", 1_000, 10, "#b45309"),
      ],
      badges: [],
      challenges: [],
      rewards: [],
    };
  },
};

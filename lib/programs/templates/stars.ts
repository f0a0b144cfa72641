import { baseSettings, firstPurchaseBadge, majorUnit, type ProgramTemplate } from "./types";

/** A coffee chain: stars per unit spent, rewards at 25 to 400 stars, two tiers, a birthday treat. */
export const starsTemplate: ProgramTemplate = {
  key: "stars",
  goal: "visit_frequency",
  icon: "star",
  build: ({ currency }) => ({
    pointsLabel: "stars",
    description:
      "Collect 2 stars for every unit you spend, unlock treats from 25 stars, and reach Gold for bonus stars.",
    settings: baseSettings(currency, {
      earnRate: { points: 2, perMinor: majorUnit(currency) },
      tierQualification: { basis: "points", window: "calendar_year", months: 12 },
      birthdayMode: "month",
    }),
    rules: [
      { key: "birthday", name: "Birthday treat", kind: "action", action: "birthday", points: 200, position: 0 },
      { key: "welcome", name: "Welcome stars", kind: "action", action: "sign_up", points: 10, position: 1 },
    ],
    tiers: [
      { key: "green", name: "Green", threshold: 0, color: "#15803d", perks: ["Birthday treat", "Free refills"] },
      {
        key: "gold",
        name: "Gold",
        threshold: 500,
        earnMultiplierPercent: 120,
        color: "#ca8a04",
        perks: ["Birthday treat", "Free refills", "20% more stars on every purchase"],
      },
    ],
    badges: [
      firstPurchaseBadge,
      {
        key: "regular",
        name: "Regular",
        description: "Visited 10 times",
        icon: "repeat",
        criterion: "visits",
        target: 10,
      },
    ],
    challenges: [],
    rewards: [
      { name: "Extra shot or syrup", description: "Customise any drink", kind: "free_product", costPoints: 25 },
      {
        name: "Coffee or pastry",
        description: "A brewed coffee, tea or a bakery item",
        kind: "free_product",
        costPoints: 100,
      },
      {
        name: "Handcrafted drink",
        description: "Any drink on the menu, any size",
        kind: "free_product",
        costPoints: 200,
      },
      { name: "Lunch", description: "A sandwich or salad with a drink", kind: "free_product", costPoints: 300 },
      { name: "Bag of coffee or mug", description: "Take some home", kind: "gift", costPoints: 400 },
    ],
  }),
};

import { baseSettings, firstPurchaseBadge, type ProgramTemplate } from "./types";

/** An outdoor brand: points for purchases and for attending events, spent on experiences in limited supply. */
export const experiencesTemplate: ProgramTemplate = {
  key: "experiences",
  goal: "retention",
  icon: "mountain",
  build: ({ currency }) => ({
    pointsLabel: "points",
    description: "Earn points when you shop and when you join our events; spend them on adventures, not discounts.",
    settings: baseSettings(currency),
    rules: [
      { key: "event_attended", name: "Attend an event", kind: "action", action: "custom", points: 100, position: 0 },
    ],
    tiers: [],
    badges: [firstPurchaseBadge],
    challenges: [],
    rewards: [
      {
        name: "Gear repair workshop",
        description: "Learn to fix your own kit",
        kind: "experience",
        costPoints: 300,
        stock: 30,
      },
      {
        name: "Guided day hike",
        description: "A day on the trail with our guides",
        kind: "experience",
        costPoints: 500,
        stock: 20,
      },
      {
        name: "Weekend kayak trip",
        description: "Two days on the water, equipment included",
        kind: "experience",
        costPoints: 1500,
        stock: 10,
        perMemberLimit: 1,
      },
    ],
  }),
};

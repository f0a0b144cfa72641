import { baseSettings, majorUnit, type ProgramTemplate } from "./types";

/** Cause: points turn into a donation; the public page shows how much members have given. */
export const causeTemplate: ProgramTemplate = {
  key: "cause",
  goal: "retention",
  icon: "heart-handshake",
  build: ({ currency }) => {
    const unit = majorUnit(currency);
    return {
      pointsLabel: "points",
      description: "Every purchase earns points you can give to a cause; see what members have given together.",
      settings: baseSettings(currency, { pointValueMinor: 1 }),
      rules: [],
      tiers: [],
      badges: [
        {
          key: "giver",
          name: "Giver",
          description: "Gave points to the cause",
          icon: "heart",
          criterion: "first_redemption",
          target: 1,
        },
      ],
      challenges: [],
      rewards: [
        {
          name: "Plant a tree",
          description: "We plant a tree with our reforestation partner",
          kind: "donation",
          costPoints: 500,
          value: 5 * unit,
        },
        {
          name: "A school meal",
          description: "A meal for a child through our school partner",
          kind: "donation",
          costPoints: 200,
          value: 2 * unit,
        },
      ],
    };
  },
};

import { baseSettings, firstPurchaseBadge, majorUnit, type ProgramTemplate } from "./types";

/** Stamps needed for the free item. */
export const stampsForFreeItem = 10;

/** A stamp card: one stamp per visit whatever is spent, a free item at ten stamps. */
export const stampCardTemplate: ProgramTemplate = {
  key: "stamp_card",
  goal: "visit_frequency",
  icon: "stamp",
  build: ({ currency }) => ({
    pointsLabel: "stamps",
    description: `One stamp for every visit; collect ${stampsForFreeItem} and the next one is on us.`,
    // No base rate: the stamp is the campaign rule's one fixed point per purchase.
    settings: baseSettings(currency, {
      earnRate: { points: 0, perMinor: majorUnit(currency) },
      expiry: { policy: "never", months: 0 },
      tierQualification: { basis: "visits", window: "calendar_year", months: 12 },
    }),
    rules: [{ key: "stamp", name: "One stamp per visit", kind: "campaign", points: 1, position: 0 }],
    tiers: [],
    badges: [firstPurchaseBadge],
    challenges: [],
    rewards: [
      {
        name: "Free item",
        description: `Any item of your choice, after ${stampsForFreeItem} stamps`,
        kind: "free_product",
        costPoints: stampsForFreeItem,
      },
    ],
  }),
};

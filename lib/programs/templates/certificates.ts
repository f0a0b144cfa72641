import { baseSettings, firstPurchaseBadge, majorUnit, type ProgramTemplate } from "./types";

/** Points that turn into one certificate. */
export const pointsPerCertificate = 500;

/**
 * Certificates (a shoe retailer): a point per currency unit, gift cards excluded, and every
 * 500 points become a 5.00 certificate by themselves, with no redeeming to do.
 */
export const certificatesTemplate: ProgramTemplate = {
  key: "certificates",
  goal: "retention",
  icon: "ticket",
  build: ({ currency }) => {
    const unit = majorUnit(currency);
    return {
      pointsLabel: "points",
      description: `Earn a point for every ${unit === 1 ? "unit" : "1.00"} you spend; every ${pointsPerCertificate} points become a certificate, automatically.`,
      settings: baseSettings(currency, { expiry: { policy: "after_earning", months: 12 } }),
      certificates: { everyPoints: pointsPerCertificate, rewardKey: "certificate" },
      rules: [
        {
          key: "base",
          name: "Gift cards earn nothing",
          kind: "spend",
          conditions: { excludedCategories: ["gift_cards"] },
          position: 0,
        },
      ],
      tiers: [],
      badges: [firstPurchaseBadge],
      challenges: [],
      rewards: [
        {
          key: "certificate",
          name: "5.00 certificate",
          description: `Issued automatically for every ${pointsPerCertificate} points; valid for 60 days`,
          kind: "fixed_discount",
          costPoints: pointsPerCertificate,
          value: 5 * unit,
          voucherValidDays: 60,
        },
      ],
    };
  },
};

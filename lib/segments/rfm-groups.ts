/**
 * RFM groups, checked in this order: the first that fits is the member's group.
 * - prospect: no purchase yet;
 * - champion: bought in the last 30 days and 10+ times in the last 365;
 * - loyal: bought in the last 90 days and 4+ times in the last 365;
 * - new: joined in the last 30 days;
 * - active: bought in the last 90 days;
 * - at_risk: last bought 90 to 180 days ago;
 * - lost: last bought more than 180 days ago.
 */
export const rfmGroups = ["prospect", "champion", "loyal", "new", "active", "at_risk", "lost"] as const;
export type RfmGroup = (typeof rfmGroups)[number];

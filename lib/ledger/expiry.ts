import type { ProgramSettings } from "@/db/schema";

/** When points earned at `earnedAt` expire under the program's policy; null for never. */
export function pointsExpiryDate(settings: ProgramSettings, earnedAt: Date): Date | null {
  if (settings.expiry.policy !== "after_earning") return null;
  const expires = new Date(earnedAt);
  expires.setUTCMonth(expires.getUTCMonth() + settings.expiry.months);
  return expires;
}

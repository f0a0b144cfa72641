import { AppError } from "@/lib/errors";

/** Refuses anything done on a closed membership, with the one code every caller shares. */
export function assertMembershipOpen(member: { status: string }): void {
  if (member.status !== "active") throw new AppError("membership_closed", "This membership is closed");
}

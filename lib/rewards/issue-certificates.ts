import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { rewards } from "@/db/schema";
import type { ProgramContext } from "@/lib/programs/program-context";
import { issueSystemVoucher, type IssuedVoucher } from "./issue-system-voucher";

/** A bound on one earning's certificates, so a huge balance (an import) cannot stall a sale. */
export const maxCertificatesPerEarning = 100;

/**
 * Automatic certificates (`settings.certificates`): while the member's balance holds
 * `everyPoints`, that many points turn into a voucher for the certificate reward, as a
 * redemption by the system, so a sale that crosses several multiples issues several. Runs in
 * the transaction of the earning that crossed the threshold, after it (at most
 * `maxCertificatesPerEarning` at once). A reward archived
 * since, or out of stock, issues nothing: the points stay on the balance for the next time.
 */
export async function issueCertificates(
  tx: Tx,
  input: { merchantId: string; memberId: string; balance: number; context: ProgramContext; now: Date },
): Promise<{ certificates: IssuedVoucher[]; balance: number }> {
  const settings = input.context.version.settings.certificates;
  let balance = input.balance;
  if (!settings || settings.everyPoints < 1 || balance < settings.everyPoints) return { certificates: [], balance };
  const [reward] = await tx
    .select()
    .from(rewards)
    .where(
      and(
        eq(rewards.id, settings.rewardId),
        eq(rewards.merchantId, input.merchantId),
        eq(rewards.programId, input.context.program.id),
        eq(rewards.status, "active"),
      ),
    );
  if (!reward) return { certificates: [], balance };
  const certificates: IssuedVoucher[] = [];
  while (balance >= settings.everyPoints && certificates.length < maxCertificatesPerEarning) {
    const issued = await issueSystemVoucher(tx, {
      merchantId: input.merchantId,
      memberId: input.memberId,
      reward,
      points: settings.everyPoints,
      programVersionId: input.context.version.id,
      timeZone: input.context.program.timeZone,
      source: "certificate",
      explanation: [
        { ruleKey: `certificate:${reward.id}`, label: `Certificate: ${reward.name}`, points: -settings.everyPoints },
      ],
      now: input.now,
    });
    if (!issued) break;
    certificates.push(issued);
    balance -= settings.everyPoints;
  }
  return { certificates, balance };
}

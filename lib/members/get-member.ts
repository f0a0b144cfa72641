import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { members } from "@/db/schema";
import { AppError } from "@/lib/errors";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One of the merchant's members by id or member number, as the API shows it. */
export async function getMemberForApi(db: Db, input: { merchantId: string; idOrNumber: string }) {
  const key = input.idOrNumber.replace(/[\s-]/g, "");
  const match = uuidPattern.test(input.idOrNumber) ? eq(members.id, input.idOrNumber) : eq(members.memberNumber, key);
  const [member] = await db
    .select({
      id: members.id,
      memberNumber: members.memberNumber,
      name: members.name,
      email: members.email,
      balance: members.pointsBalance,
      lifetimePoints: members.lifetimePoints,
      tierKey: members.tierKey,
      joinedAt: members.joinedAt,
    })
    .from(members)
    .where(and(eq(members.merchantId, input.merchantId), match));
  if (!member) throw new AppError("not_found", "Member not found");
  return member;
}

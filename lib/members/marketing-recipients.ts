import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db";
import { members, programs, segments, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { segmentCondition } from "@/lib/segments/segment-condition";

export type MarketingRecipient = { memberId: string; name: string | null; email: string; locale: string };

/**
 * The members of a program (or of one of its segments) who may be sent marketing e-mail at
 * `now`: active, consenting, and with an account whose address has been verified. The mail
 * goes to that verified address, never to an address typed in at the counter or by an API.
 */
export async function marketingRecipients(
  db: Db,
  input: { merchantId: string; programId: string; segmentId?: string; now: Date; limit?: number; offset?: number },
): Promise<MarketingRecipient[]> {
  const [program] = await db
    .select({ timeZone: programs.timeZone })
    .from(programs)
    .where(and(eq(programs.id, input.programId), eq(programs.merchantId, input.merchantId)));
  if (!program) throw new AppError("not_found", "Program not found");
  const segment = input.segmentId ? await segmentRules(db, { ...input, segmentId: input.segmentId }) : null;
  return db
    .select({ memberId: members.id, name: members.name, email: users.email, locale: users.locale })
    .from(members)
    .innerJoin(users, and(eq(users.id, members.userId), isNotNull(users.emailVerified)))
    .where(
      and(
        eq(members.merchantId, input.merchantId),
        eq(members.programId, input.programId),
        eq(members.status, "active"),
        eq(members.marketingConsent, true),
        segment
          ? segmentCondition(segment, { merchantId: input.merchantId, now: input.now, timeZone: program.timeZone })
          : undefined,
      ),
    )
    .orderBy(asc(members.joinedAt), asc(members.id))
    .limit(Math.min(input.limit ?? 100, 1_000))
    .offset(input.offset ?? 0);
}

async function segmentRules(db: Db, input: { merchantId: string; programId: string; segmentId: string }) {
  const [segment] = await db
    .select({ rules: segments.rules })
    .from(segments)
    .where(
      and(
        eq(segments.id, input.segmentId),
        eq(segments.merchantId, input.merchantId),
        eq(segments.programId, input.programId),
      ),
    );
  if (!segment) throw new AppError("not_found", "Segment not found");
  return segment.rules;
}

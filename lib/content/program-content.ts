import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { programContent } from "@/db/schema";
import { loadProgramContext } from "@/lib/programs/program-context";

type ProgramContentRow = typeof programContent.$inferSelect;
type ContentRef = { merchantId: string; programId: string };

/** What a member sees of one item: all of it when unlocked; its title and the tier it needs when locked. */
export type MemberContentItem = {
  id: string;
  title: string;
  body: string | null;
  url: string | null;
  availableUntil: string | null;
  locked: boolean;
  /** The lowest tier that sees it ("needs Gold"); null for every member. */
  minTier: { key: string; name: string } | null;
};

/**
 * The members-only content one member may see now: items inside their window, unlocked when
 * the member's tier ranks at least as high as the item's minimum tier (of the version in
 * force), locked otherwise, with no body or link. An item whose tier the version no longer has
 * is left out. Titles and bodies in `locale`, falling back to what the merchant wrote.
 */
export async function listMemberContent(
  db: Db,
  input: {
    merchantId: string;
    programId: string;
    member: { tierKey: string | null };
    now: Date;
    locale?: string;
    context?: Awaited<ReturnType<typeof loadProgramContext>>;
  },
): Promise<MemberContentItem[]> {
  const rows = await db
    .select()
    .from(programContent)
    .where(ofProgram(input))
    .orderBy(asc(programContent.position), asc(programContent.createdAt));
  const live = rows.filter((row) => windowState(row, input.now) === "live");
  if (live.length === 0) return [];
  const context = input.context ?? (await loadProgramContext(db, { programId: input.programId }));
  const memberRank = context.tiers.find((tier) => tier.key === input.member.tierKey)?.rank ?? -Infinity;
  return live.flatMap((row) => {
    const tier = row.minTierKey ? context.tiers.find((candidate) => candidate.key === row.minTierKey) : null;
    if (row.minTierKey && !tier) return [];
    const locked = tier ? memberRank < tier.rank : false;
    const translated = (input.locale && row.translations[input.locale]) || {};
    const tierName = tier ? (input.locale && tier.translations[input.locale]?.name) || tier.name : null;
    return [
      {
        id: row.id,
        title: translated.name || row.title,
        body: locked ? null : translated.description || row.body,
        url: locked ? null : row.url,
        availableUntil: row.availableUntil?.toISOString() ?? null,
        locked,
        minTier: tier ? { key: tier.key, name: tierName! } : null,
      },
    ];
  });
}

function ofProgram(input: ContentRef) {
  return and(eq(programContent.merchantId, input.merchantId), eq(programContent.programId, input.programId));
}

function windowState(row: ProgramContentRow, now: Date): "scheduled" | "live" | "ended" {
  if (row.availableFrom && now < row.availableFrom) return "scheduled";
  if (row.availableUntil && now >= row.availableUntil) return "ended";
  return "live";
}

import { and, asc, eq, or } from "drizzle-orm";
import type { Db } from "@/db";
import { programContent, programVersions, programs, tiers } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { programContentSchema, type ProgramContentInput } from "@/lib/validation/content";
import { parseOrThrow } from "@/lib/validation/rules";
import { loadProgramContext } from "@/lib/programs/program-context";

export type ProgramContentRow = typeof programContent.$inferSelect;
type ContentRef = { merchantId: string; programId: string };

/**
 * Adds members-only content to a program, or replaces the item with `content.id`; staff only,
 * scoped by the merchant. The minimum tier must be a tier of the program's version in force or
 * of its draft, so a club can be set up before its tiers are published.
 */
export async function saveProgramContent(
  db: Db,
  input: ContentRef & { content: ProgramContentInput },
): Promise<ProgramContentRow> {
  const { id, ...content } = parseOrThrow(programContentSchema, input.content);
  return db.transaction(async (tx) => {
    const [program] = await tx
      .select({ id: programs.id })
      .from(programs)
      .where(and(eq(programs.id, input.programId), eq(programs.merchantId, input.merchantId)));
    if (!program) throw new AppError("not_found", "Program not found");
    if (content.minTierKey) {
      const [tier] = await tx
        .select({ key: tiers.key })
        .from(tiers)
        .innerJoin(programVersions, eq(programVersions.id, tiers.programVersionId))
        .where(
          and(
            eq(tiers.merchantId, input.merchantId),
            eq(programVersions.programId, input.programId),
            or(eq(programVersions.status, "published"), eq(programVersions.status, "draft")),
            eq(tiers.key, content.minTierKey),
          ),
        )
        .limit(1);
      if (!tier) throw new AppError("invalid_input", "Unknown tier", { field: "minTierKey", validation: "invalid" });
    }
    const values = { ...content, merchantId: input.merchantId, programId: input.programId };
    if (!id) {
      const [created] = await tx.insert(programContent).values(values).returning();
      return created!;
    }
    const [updated] = await tx
      .update(programContent)
      .set(values)
      .where(and(ofProgram(input), eq(programContent.id, id)))
      .returning();
    if (!updated) throw new AppError("not_found", "Content not found");
    return updated;
  });
}

/**
 * Archives an item: its window ends now (members stop seeing it at once; a window that had
 * not started yet is cleared), kept for the record. Staff only, scoped by the merchant.
 */
export async function archiveProgramContent(
  db: Db,
  input: ContentRef & { id: string; now?: Date },
): Promise<ProgramContentRow> {
  const now = input.now ?? new Date();
  const [item] = await db
    .select()
    .from(programContent)
    .where(and(ofProgram(input), eq(programContent.id, input.id)));
  if (!item) throw new AppError("not_found", "Content not found");
  const [archived] = await db
    .update(programContent)
    .set({
      availableUntil: item.availableUntil && item.availableUntil <= now ? item.availableUntil : now,
      availableFrom: item.availableFrom && item.availableFrom >= now ? null : item.availableFrom,
    })
    .where(and(ofProgram(input), eq(programContent.id, input.id)))
    .returning();
  return archived!;
}

/** Every item of a program for the builder, by position, with where it stands at `now`. */
export async function listProgramContent(db: Db, input: ContentRef & { now?: Date }) {
  const now = input.now ?? new Date();
  const rows = await db
    .select()
    .from(programContent)
    .where(ofProgram(input))
    .orderBy(asc(programContent.position), asc(programContent.createdAt));
  return rows.map((row) => ({ ...row, state: windowState(row, now) }));
}

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

import type { Translations } from "@/db/schema";
import type { ProgramContext } from "./program-context";

type Localizable = { name: string; description?: string; perks?: string[]; translations: Translations };

/**
 * Merchant content in the member's language: each of name, description and perks comes from
 * the translation in `locale`, else from the one in the program's default language, else from
 * the row itself (written in the default language). A new object: rows may be cached.
 */
export function localizeContent<T extends Localizable>(row: T, locale: string, defaultLocale: string): T {
  const own = row.translations[locale];
  const fallback = row.translations[defaultLocale];
  const pick = <K extends "name" | "description">(field: K) => nonEmpty(own?.[field]) ?? nonEmpty(fallback?.[field]);
  const perks = own?.perks?.length ? own.perks : fallback?.perks?.length ? fallback.perks : undefined;
  return {
    ...row,
    name: pick("name") ?? row.name,
    ...(row.description !== undefined ? { description: pick("description") ?? row.description } : {}),
    ...(row.perks !== undefined ? { perks: perks ?? row.perks } : {}),
  };
}

/** A program's context with its program, tier, badge, challenge and rule names in `locale`. */
export function localizeContext(context: ProgramContext, locale: string): ProgramContext {
  const fallback = context.program.defaultLocale;
  const localize = <T extends Localizable>(row: T) => localizeContent(row, locale, fallback);
  return {
    ...context,
    program: localize(context.program),
    tiers: context.tiers.map(localize),
    badges: context.badges.map(localize),
    challenges: context.challenges.map(localize),
    rules: context.rules.map(localize),
  };
}

function nonEmpty(text: string | undefined): string | undefined {
  return text && text.trim() !== "" ? text : undefined;
}

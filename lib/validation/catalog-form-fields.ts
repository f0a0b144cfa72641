import { locales } from "@/lib/i18n/locales";

// What the catalog forms and their schemas (catalog.ts) share, without the schemas' server-side
// imports, so client components can use it.

/** Per-language fields as a form names them: `name_az`, `description_az`, ... */
export const translationFieldNames = locales.flatMap((locale) => [`name_${locale}`, `description_${locale}`]);

/** The icons a badge can show (lucide names the pages render). */
export const badgeIcons = [
  "award",
  "star",
  "trophy",
  "medal",
  "crown",
  "flame",
  "heart",
  "coffee",
  "gift",
  "sparkles",
] as const;

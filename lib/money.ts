/** How many digits a currency's minor unit has: 2 for EUR, 0 for JPY, 3 for KWD. */
export function minorUnitDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

type Separators = { decimal: string; group: string };

/** The decimal and group separators a locale writes, as Intl knows them. */
function localeSeparators(locale: string): Separators {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  return {
    decimal: parts.find((part) => part.type === "decimal")?.value ?? ".",
    group: parts.find((part) => part.type === "group")?.value ?? ",",
  };
}

const spaces = /^[\s\u00a0\u202f]$/;
// Left-to-right and right-to-left marks that Persian text and copied amounts carry.
const bidiMarks = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Persian (U+06F0) and Arabic-Indic (U+0660) digits, as well as Latin ones, in any locale.
const digitBases = [0x30, 0x06f0, 0x0660];
// Past 15 digits a number of minor units is no longer exact as a JS number.
const maxDigits = 15;

function digitValue(char: string): { value: number; base: number } | null {
  const code = char.codePointAt(0)!;
  const base = digitBases.find((start) => code >= start && code <= start + 9);
  return base === undefined ? null : { value: code - base, base };
}

/**
 * Reads an amount as a person types it in their locale ("12.50" in English, "12,50" in
 * Turkish, "۱۲٫۵۰" in Persian, "1 234,50" in Latvian) as integer minor units of the currency.
 * Null when it is not a positive-or-zero amount written unambiguously: a separator the locale
 * does not use, groups of other than three digits, two decimal separators, digits of two
 * scripts, or more decimals than the currency has. A full stop is also read as the decimal
 * point where the locale does not group with it (a Persian till with a Latin keypad).
 */
export function parseMoney(input: string, options: { currency: string; locale: string }): number | null {
  const digits = minorUnitDigits(options.currency);
  const { decimal, group } = localeSeparators(options.locale);
  const decimals = new Set([decimal, ...(group === "." ? [] : ["."])]);
  // Any space groups digits ("1 234"), whatever the locale's own group separator.
  const isGroup = (char: string) => char === group || spaces.test(char);

  const text = input.replace(bidiMarks, "").trim();
  let whole = "";
  let fraction: string | null = null;
  let groupMark: string | null = null;
  let groups: number[] = [];
  let script: number | null = null;
  for (const char of text) {
    const digit = digitValue(char);
    if (digit) {
      if (script !== null && script !== digit.base) return null;
      script = digit.base;
      if (fraction === null) {
        whole += digit.value;
        if (groups.length > 0) groups.push(groups.pop()! + 1);
      } else {
        fraction += digit.value;
      }
    } else if (decimals.has(char) && fraction === null && whole !== "") {
      fraction = "";
    } else if (isGroup(char) && fraction === null && whole !== "") {
      const mark = spaces.test(char) ? " " : char;
      if (groupMark !== null && groupMark !== mark) return null;
      groupMark = mark;
      if (groups.length === 0) groups = [whole.length];
      groups.push(0);
    } else {
      return null;
    }
  }
  if (whole === "" || fraction === "") return null;
  // Grouped digits read 1-3 first, then threes: "1,234,567", never "12,34".
  if (groups.length > 0 && (groups[0]! > 3 || groups.slice(1).some((size) => size !== 3))) return null;
  if ((fraction ?? "").length > digits) return null;
  const significant = whole.replace(/^0+(?=\d)/, "");
  if (significant.length + digits > maxDigits) return null;
  return Number(significant + (fraction ?? "").padEnd(digits, "0"));
}

/** A sample amount written as the locale writes it, in its own digits, for hints ("۱۲٫۵۰"). */
export function exampleAmount(currency: string, locale: string): string {
  const digits = minorUnitDigits(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    digits === 0 ? 12_500 : 12.5,
  );
}

/** Zero with the currency's decimals in the locale's digits, for an empty amount field. */
export function zeroAmount(currency: string, locale: string): string {
  const digits = minorUnitDigits(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(0);
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = minorUnitDigits(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 10 ** digits);
}

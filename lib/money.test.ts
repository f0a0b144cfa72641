import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/locales";
import { exampleAmount, minorUnitDigits, parseMoney, zeroAmount } from "./money";

const read = (input: string, currency: string, locale: string) => parseMoney(input, { currency, locale });

describe("parseMoney", () => {
  it.each([
    // English: full stop for decimals, comma for groups.
    ["12.50", "EUR", "en", 1250],
    ["12", "EUR", "en", 1200],
    ["0.01", "EUR", "en", 1],
    ["1,234.50", "EUR", "en", 123450],
    ["1 234.00", "EUR", "en", 123400],
    ["1,234,567", "IRR", "en", 1234567],
    ["1.234", "KWD", "en", 1234],
    // Azerbaijani and Turkish: comma for decimals, full stop for groups.
    ["12,50", "EUR", "az", 1250],
    ["1.234,5", "EUR", "az", 123450],
    ["12,5", "EUR", "tr", 1250],
    ["1.234.567", "IRR", "tr", 1234567],
    ["1.234,567", "KWD", "tr", 1234567],
    // Latvian and Afrikaans: comma for decimals, a no-break space for groups.
    ["12,50", "EUR", "lv", 1250],
    ["1\u00a0234,50", "EUR", "lv", 123450],
    ["1 234,50", "EUR", "lv", 123450],
    ["12.50", "EUR", "lv", 1250],
    ["12,5", "EUR", "af", 1250],
    ["1\u00a0234\u00a0567", "IRR", "af", 1234567],
    ["0,125", "KWD", "af", 125],
    // Persian: Persian digits, the momayyez for decimals and U+066C for groups.
    ["۱۲٫۵۰", "EUR", "fa", 1250],
    ["۱۲", "EUR", "fa", 1200],
    ["۱۲.۵", "EUR", "fa", 1250],
    ["12٫50", "EUR", "fa", 1250],
    ["۱٬۲۳۴٬۵۶۷", "IRR", "fa", 1234567],
    ["١٢٫٥٠", "EUR", "fa", 1250],
    ["\u200e۱۲٫۵۰\u200f", "EUR", "fa", 1250],
    ["۰٫۱۲۵", "KWD", "fa", 125],
    // Latin digits are read in every locale.
    ["1500", "JPY", "fa", 1500],
    ["1000000000000", "IRR", "en", 1_000_000_000_000],
  ])("reads %j %s in %s as %i minor units", (input, currency, locale, minor) => {
    expect(read(input, currency, locale)).toBe(minor);
  });

  it.each([
    ["", "EUR", "en"],
    ["abc", "EUR", "en"],
    ["-5", "EUR", "en"],
    ["1e3", "EUR", "en"],
    ["12.505", "EUR", "en"],
    ["12.5.0", "EUR", "en"],
    ["1500.5", "JPY", "en"],
    ["1500.", "EUR", "en"],
    [".5", "EUR", "en"],
    ["1.2345", "KWD", "en"],
    // A comma in English groups digits: "12,50" is not twelve and a half, nor 1,250.
    ["12,50", "EUR", "en"],
    ["1,23,456", "IRR", "en"],
    ["1234,567", "IRR", "en"],
    ["1,", "EUR", "en"],
    // A full stop in Turkish groups digits: "12.50" is as ambiguous there.
    ["12.50", "EUR", "tr"],
    ["12.50", "EUR", "az"],
    ["1.234.5", "EUR", "tr"],
    ["1,234.50", "EUR", "tr"],
    // Two kinds of group separator, or groups after the decimals.
    ["1.234 567", "IRR", "tr"],
    ["1 234,5 6", "EUR", "lv"],
    // Persian: a Latin comma is no Persian separator, and digits of two scripts are a typo.
    ["۱۲,۵۰", "EUR", "fa"],
    ["۱2٫۵۰", "EUR", "fa"],
    ["۱۲٫۵", "IRR", "fa"],
    ["۱۲٫۵۰۰", "EUR", "fa"],
    // Larger than a JS number holds exactly.
    ["99999999999999999", "IRR", "en"],
    ["99999999999999.99", "EUR", "en"],
  ])("refuses %j %s in %s", (input, currency, locale) => {
    expect(read(input, currency, locale)).toBeNull();
  });

  it("knows each currency's minor unit", () => {
    expect([minorUnitDigits("EUR"), minorUnitDigits("JPY"), minorUnitDigits("KWD"), minorUnitDigits("IRR")]).toEqual([
      2, 0, 3, 0,
    ]);
  });
});

describe("exampleAmount", () => {
  it("writes the sample in the locale's own digits and separators", () => {
    expect(exampleAmount("EUR", "en")).toBe("12.50");
    expect(exampleAmount("EUR", "tr")).toBe("12,50");
    expect(exampleAmount("EUR", "fa")).toBe("۱۲٫۵۰");
    expect(exampleAmount("IRR", "fa")).toBe("۱۲٬۵۰۰");
    expect(exampleAmount("KWD", "az")).toBe("12,500");
    expect(zeroAmount("EUR", "fa")).toBe("۰٫۰۰");
    expect(zeroAmount("IRR", "en")).toBe("0");
  });

  it.each(locales.flatMap((locale) => ["IRR", "EUR", "KWD"].map((currency) => [locale, currency] as const)))(
    "reads back the %s sample in %s",
    (locale, currency) => {
      const expected = { IRR: 12_500, EUR: 1_250, KWD: 12_500 }[currency];
      expect(read(exampleAmount(currency, locale), currency, locale)).toBe(expected);
      expect(read(zeroAmount(currency, locale), currency, locale)).toBe(0);
    },
  );
});

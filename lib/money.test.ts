import { describe, expect, it } from "vitest";
import { minorUnitDigits, parseMoney } from "./money";

describe("parseMoney", () => {
  it.each([
    ["12.50", "EUR", 1250],
    ["12,5", "EUR", 1250],
    ["12", "EUR", 1200],
    ["1 234.00", "EUR", 123400],
    ["0.01", "EUR", 1],
    ["1500", "JPY", 1500],
    ["1.234", "KWD", 1234],
  ])("reads %s %s as %i minor units", (input, currency, minor) => {
    expect(parseMoney(input, currency)).toBe(minor);
  });

  it.each(["", "abc", "12.505", "-5", "1e3", "12.5.0", "1500.5"])("refuses %j", (input) => {
    expect(parseMoney(input, input === "1500.5" ? "JPY" : "EUR")).toBeNull();
  });

  it("knows each currency's minor unit", () => {
    expect([minorUnitDigits("EUR"), minorUnitDigits("JPY"), minorUnitDigits("KWD")]).toEqual([2, 0, 3]);
  });
});

import { describe, expect, it } from "vitest";
import { isValidMemberNumber, newMemberNumber, newVoucherCode, normalizeCode } from "./codes";

describe("codes", () => {
  it("makes member numbers whose check digit catches a mistyped digit", () => {
    for (let i = 0; i < 200; i++) {
      const number = newMemberNumber();
      expect(isValidMemberNumber(number)).toBe(true);
      const typo = number.slice(0, 4) + String((Number(number[4]) + 1) % 10) + number.slice(5);
      expect(isValidMemberNumber(typo)).toBe(false);
    }
  });

  it("makes voucher codes of 80 random bits that do not repeat", () => {
    const codes = new Set(Array.from({ length: 5_000 }, newVoucherCode));
    expect(codes.size).toBe(5_000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it("reads a code typed loosely", () => {
    expect(normalizeCode("ab1o-ilxy 2345 6789")).toBe("AB10-11XY-2345-6789");
  });
});

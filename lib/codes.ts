import { randomBytes } from "node:crypto";

// Crockford's base32: no I, L, O or U, so codes read aloud or typed at a counter are unambiguous.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** `length` random base32 characters: 5 bits of entropy each, uniformly drawn. */
export function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let code = "";
  for (const byte of bytes) code += crockford[byte & 31];
  return code;
}

/** 80 random bits, shown in groups of four: unguessable and easy to read out. */
export function newVoucherCode(): string {
  return randomCode(16).replace(/(.{4})(?!$)/g, "$1-");
}

/** Normalizes a code as a person may type it: any case, spaces or dashes, O for 0, I/L for 1. */
export function normalizeCode(input: string): string {
  const raw = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return raw.replace(/(.{4})(?!$)/g, "$1-");
}

/** A 10-digit member number: nine random digits and a Luhn check digit against typos. */
export function newMemberNumber(): string {
  const digits = Array.from(randomBytes(9), (b) => String(b % 10)).join("");
  return digits + luhnCheckDigit(digits);
}

export function isValidMemberNumber(value: string): boolean {
  return /^\d{10}$/.test(value) && luhnCheckDigit(value.slice(0, 9)) === value[9];
}

function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { replayDraw, type DrawEntry } from "./replay-draw";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const seedOf = (text: string) => createHash("sha256").update(text).digest("hex");

describe("replayDraw", () => {
  it("follows the documented procedure exactly (a recorded draw stays replayable)", () => {
    // Checked by hand: HMAC-SHA256(seed, 0x0000000000000000) starts with the words
    // 1798573027, 3543411469, 3732545504; mod 6, 5 and 4 they pick b, then f, then a.
    const entries = ["a", "b", "c", "d", "e", "f"].map((memberId, n) => ({ id: id(n), memberId }));
    expect(replayDraw(entries, `${"00".repeat(31)}01`, 3)).toEqual([
      { place: 1, entryId: id(1), memberId: "b" },
      { place: 2, entryId: id(5), memberId: "f" },
      { place: 3, entryId: id(0), memberId: "a" },
    ]);
  });

  it("gives the same winners for the same seed, whatever order the entries come in", () => {
    const entries: DrawEntry[] = Array.from({ length: 40 }, (_, n) => ({ id: id(n), memberId: `m${n % 9}` }));
    const seed = seedOf("order");
    const shuffled = [...entries].reverse();
    expect(replayDraw(shuffled, seed, 5)).toEqual(replayDraw(entries, seed, 5));
    expect(replayDraw(entries, seedOf("another"), 5)).not.toEqual(replayDraw(entries, seed, 5));
  });

  it("never lets a member win twice, and stops when members run out", () => {
    const entries: DrawEntry[] = Array.from({ length: 30 }, (_, n) => ({
      id: id(n),
      memberId: n < 27 ? "heavy" : `light${n}`,
    }));
    for (let round = 0; round < 50; round++) {
      const winners = replayDraw(entries, seedOf(`round ${round}`), 10);
      expect(winners).toHaveLength(4);
      expect(new Set(winners.map((w) => w.memberId)).size).toBe(4);
      expect(winners.map((w) => w.place)).toEqual([1, 2, 3, 4]);
    }
    expect(replayDraw([], seedOf("empty"), 3)).toEqual([]);
  });

  it("gives each entry an equal chance: a member's odds follow their share of entries", () => {
    const entries: DrawEntry[] = [
      ...Array.from({ length: 1 }, () => "one"),
      ...Array.from({ length: 2 }, () => "two"),
      ...Array.from({ length: 7 }, () => "seven"),
    ].map((memberId, n) => ({ id: id(n), memberId }));
    const wins: Record<string, number> = { one: 0, two: 0, seven: 0 };
    const rounds = 4_000;
    for (let round = 0; round < rounds; round++)
      wins[replayDraw(entries, seedOf(`fair ${round}`), 1)[0]!.memberId]! += 1;
    // Binomial standard deviations are at most 29 wins here; allow about four of them.
    expect(Math.abs(wins.one! - rounds * 0.1)).toBeLessThan(120);
    expect(Math.abs(wins.two! - rounds * 0.2)).toBeLessThan(120);
    expect(Math.abs(wins.seven! - rounds * 0.7)).toBeLessThan(120);
  });

  it("refuses a seed that is not 256 bits of hex", () => {
    expect(() => replayDraw([], "abc", 1)).toThrow();
    expect(() => replayDraw([], "AB".repeat(32), 1)).toThrow();
  });
});

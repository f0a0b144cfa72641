import { createHmac } from "node:crypto";

export type DrawEntry = { id: string; memberId: string };
export type DrawWinner = { place: number; entryId: string; memberId: string };

const seedFormat = /^[0-9a-f]{64}$/;

/** A draw seed is 256 bits written as 64 lowercase hex digits. */
export function isDrawSeed(seed: string): boolean {
  return seedFormat.test(seed);
}

/**
 * The winners a seed picks, so anyone holding the recorded seed and the entries can check a
 * draw. The procedure, in full:
 * 1. Entries are put in canonical order: ascending by id, compared as lowercase strings.
 * 2. Random numbers come from HMAC-SHA256 keyed with the 32 seed bytes over an 8-byte
 *    big-endian counter (0, 1, 2, ...); each 32-byte block gives eight big-endian 32-bit words.
 * 3. A uniform index below n takes words until one is below the largest multiple of n that
 *    fits in 32 bits (rejection sampling, so no index is favoured), and uses that word mod n.
 * 4. Place 1 is the entry at that index among the entries still in the draw; then every entry
 *    of the winning member leaves the draw, so a member wins at most once and each entry they
 *    hold is one more chance. Repeat for the next place until the places or the entries run out.
 */
export function replayDraw(entries: readonly DrawEntry[], seed: string, winnersCount: number): DrawWinner[] {
  if (!isDrawSeed(seed)) throw new Error("A draw seed is 64 lowercase hex digits");
  let pool = [...entries].sort((a, b) => compareIds(a.id, b.id));
  const random = randomWords(Buffer.from(seed, "hex"));
  const winners: DrawWinner[] = [];
  while (winners.length < winnersCount && pool.length > 0) {
    const winner = pool[uniformBelow(pool.length, random)]!;
    winners.push({ place: winners.length + 1, entryId: winner.id, memberId: winner.memberId });
    pool = pool.filter((entry) => entry.memberId !== winner.memberId);
  }
  return winners;
}

function compareIds(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

function randomWords(key: Buffer): () => number {
  let counter = 0n;
  let block = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset >= block.length) {
      const message = Buffer.alloc(8);
      message.writeBigUInt64BE(counter++);
      block = createHmac("sha256", key).update(message).digest();
      offset = 0;
    }
    const word = block.readUInt32BE(offset);
    offset += 4;
    return word;
  };
}

const twoTo32 = 2 ** 32;

function uniformBelow(n: number, next: () => number): number {
  const limit = twoTo32 - (twoTo32 % n);
  for (;;) {
    const word = next();
    if (word < limit) return word % n;
  }
}

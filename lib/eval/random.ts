/**
 * Seeded randomness for the evaluation statistics, so a bootstrap interval shown today is the same
 * interval shown tomorrow for the same data. Pure: no Next, React, Prisma or env.
 */

/**
 * Creates a mulberry32 generator: a 32-bit state PRNG with a period of 2^32, plenty for bootstrap
 * resampling and far faster than a cryptographic source. Not suitable for anything security-related.
 *
 * @param seed - Any number; it is reduced to an unsigned 32-bit integer, so `seed` and `seed + 2^32`
 *   give the same sequence.
 * @returns A function returning floats uniformly distributed in [0, 1), each a multiple of 2^-32.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/**
 * Hashes strings to a 32-bit seed with FNV-1a over their UTF-8 bytes, e.g.
 * `hashSeed(runId, targetId)` to give every run/target pair its own reproducible stream.
 *
 * Parts are joined with a 0x00 byte, so `("ab", "c")` and `("a", "bc")` differ; a single part
 * hashes to plain FNV-1a (`hashSeed("a") === 0xe40c292c`).
 *
 * @returns An unsigned 32-bit integer.
 */
export function hashSeed(...parts: string[]): number {
  let hash = FNV_OFFSET_BASIS;
  parts.forEach((part, index) => {
    // The 0x00 separator byte: hash ^ 0 === hash, so only the multiply remains.
    if (index > 0) hash = Math.imul(hash, FNV_PRIME);
    for (const byte of encoder.encode(part)) {
      hash = Math.imul(hash ^ byte, FNV_PRIME);
    }
  });
  return hash >>> 0;
}

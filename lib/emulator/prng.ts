import { createHash } from "node:crypto";

/**
 * Deterministic randomness for the simulated models. Everything the emulator "decides" (the answer,
 * the latency, a simulated error) comes from these helpers so that a seed reproduces a run.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * Hashes any number of string parts to a 32-bit unsigned seed. SHA-256 rather than a toy hash
 * because neighbouring inputs (seed "1" vs "2", one changed prompt word) must give unrelated draws.
 */
export function hashToSeed(...parts: string[]): number {
  const hash = createHash("sha256");
  // A separator that cannot appear in the parts keeps ("ab", "c") and ("a", "bc") apart.
  for (const part of parts) hash.update(part).update("\u0000");
  return hash.digest().readUInt32LE(0);
}

/**
 * mulberry32: a tiny, fast, well-distributed 32-bit generator; plenty for simulation and,
 * unlike Math.random, reproducible from a seed.
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A standard normal draw (Box–Muller); `1 - u` keeps the logarithm away from zero. */
export function normal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A log-normal draw given its median and log-space spread: latencies are skewed with a long tail,
 * which a normal distribution would not reproduce.
 */
export function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(random));
}

/** Picks one element uniformly; the list must not be empty. */
export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick() needs a non-empty list");
  return item;
}

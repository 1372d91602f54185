import type { PairSummary } from "@/lib/eval/summary";

/**
 * Paired comparisons of finished runs, kept in memory: a finished run's rollups never change, and
 * a paired bootstrap over a few hundred cases costs milliseconds that Overview would otherwise pay
 * for every pair of every recent run on every view. Keyed by run, targets and stored trial count,
 * so a run that somehow changes gets a fresh entry. Bounded: oldest entries go first.
 */

const MAX_ENTRIES = 2_000;
const cache = new Map<string, PairSummary | null>();

export function pairCacheKey(runId: string, storedTrials: number, a: string, b: string): string {
  return `${runId}\u0000${storedTrials}\u0000${a}\u0000${b}`;
}

/** The cached pair, or undefined when it has not been computed. */
export function getCachedPair(key: string): PairSummary | null | undefined {
  return cache.get(key);
}

export function setCachedPair(key: string, pair: PairSummary | null): void {
  if (cache.size >= MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, pair);
}

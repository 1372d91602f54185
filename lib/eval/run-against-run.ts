import { DEFAULT_PARITY_MARGIN } from "./stats";
import { compareTargets, type PairSide, type PairSummary } from "./summary";

/**
 * Run against run (issue 18): the same target in two runs, paired over the cases both runs
 * scored. A target of one run is "the same" as a target of another when it calls the same thing
 * the same way: an offering target the same offering, a routing policy the same policy over the
 * same offerings in the same order, a provider's router the same router (its label names it).
 * The comparison itself is `compareTargets`, the function every within-run pair uses, so a
 * difference between two runs reads exactly like a difference between two platforms.
 */

/** What identifies a run's target across runs. */
export type RunTargetIdentity = {
  id: string;
  kind: string;
  label: string;
  policy: string | null;
  offeringIds: readonly string[];
};

/** The key two runs' targets are matched on. */
export function targetIdentityKey(target: Omit<RunTargetIdentity, "id">): string {
  switch (target.kind) {
    case "offering":
      return `offering:${target.offeringIds[0] ?? target.label}`;
    case "policy":
      return `policy:${target.policy ?? ""}:${target.offeringIds.join(",")}`;
    default:
      return `${target.kind}:${target.label}`;
  }
}

export type TargetMatch<T extends RunTargetIdentity> = {
  /** Pairs of the same target in run A and run B, in run A's order. */
  matched: { a: T; b: T }[];
  onlyA: T[];
  onlyB: T[];
};

/** Matches run A's targets with run B's by identity (each used once, in order). */
export function matchRunTargets<T extends RunTargetIdentity>(
  a: readonly T[],
  b: readonly T[],
): TargetMatch<T> {
  const pool = new Map<string, T[]>();
  for (const target of b) {
    const key = targetIdentityKey(target);
    pool.set(key, [...(pool.get(key) ?? []), target]);
  }
  const matched: { a: T; b: T }[] = [];
  const onlyA: T[] = [];
  for (const target of a) {
    const candidates = pool.get(targetIdentityKey(target));
    const other = candidates?.shift();
    if (other) matched.push({ a: target, b: other });
    else onlyA.push(target);
  }
  const used = new Set(matched.map((pair) => pair.b.id));
  return { matched, onlyA, onlyB: b.filter((target) => !used.has(target.id)) };
}

/**
 * The paired comparison of one target in run A (side `a`) against the same target in run B
 * (side `b`), over the cases both scored: A − B. Deterministic, and B vs A is the exact mirror:
 * the bootstrap's seed is drawn from the two run ids in a fixed order and the target ids.
 */
export function compareAcrossRuns(
  runIdA: string,
  a: PairSide,
  runIdB: string,
  b: PairSide,
  margin: number = DEFAULT_PARITY_MARGIN,
): PairSummary | null {
  const seedKey = [runIdA, runIdB].sort().join("|");
  return compareTargets(seedKey, a, b, margin);
}

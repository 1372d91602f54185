import { hashSeed } from "@/lib/eval/random";

/**
 * The deterministic held-out split of a run's cases: a case's half depends only on its id and a
 * salt (the run id), never on the order cases arrive in, so a simulation shown today is the same
 * simulation shown tomorrow.
 */

/** The half (0 or 1) a case belongs to: the lowest bit of FNV-1a over the salt and the case id. */
export function caseFold(salt: string, caseId: string): 0 | 1 {
  return (hashSeed(salt, caseId) & 1) as 0 | 1;
}

/** Splits case ids into the two halves, each in the order given. */
export function splitCases(salt: string, caseIds: readonly string[]): [string[], string[]] {
  const halves: [string[], string[]] = [[], []];
  for (const id of caseIds) halves[caseFold(salt, id)].push(id);
  return halves;
}

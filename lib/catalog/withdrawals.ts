/**
 * Withdrawn offerings: an offering that a full sync of the source that created it no longer lists
 * is marked withdrawn as of that snapshot (kept, with its price history), and restored when a
 * later sync of that source lists it again. Only the creating source decides, so LiteLLM and
 * models.dev, which overlap, never withdraw each other's offerings, and a partial sync (one
 * provider, a trimmed file meant as a patch) withdraws nothing.
 */

/** An offering as the withdrawal rule sees it. */
export type WithdrawalCandidate = {
  /** Any stable key of the offering, e.g. "<platform>|<native id>". */
  key: string;
  /** The source that created it; null for rows older than the rule (never withdrawn). */
  originSource: string | null;
  /** The snapshot date it was withdrawn, or null while listed. */
  withdrawnAt: string | null;
};

export type WithdrawalPlan = {
  /** Keys to mark withdrawn in this snapshot. */
  withdraw: string[];
  /** Withdrawn keys this sync lists again. */
  restore: string[];
};

/**
 * What one sync of `source` withdraws and restores, given the offerings in the catalogue and the
 * keys the sync lists (every offering in the source's batch, whether or not it changed).
 *
 * @param options.isFull whether the batch is the source's whole listing; only then is an absent
 *   offering taken as withdrawn
 */
export function planWithdrawals(
  offerings: readonly WithdrawalCandidate[],
  listed: ReadonlySet<string>,
  source: string,
  options: { isFull: boolean },
): WithdrawalPlan {
  const withdraw: string[] = [];
  const restore: string[] = [];
  for (const offering of offerings) {
    if (offering.originSource !== source) continue;
    const isListed = listed.has(offering.key);
    if (offering.withdrawnAt !== null && isListed) restore.push(offering.key);
    else if (offering.withdrawnAt === null && !isListed && options.isFull) {
      withdraw.push(offering.key);
    }
  }
  return { withdraw, restore };
}

/** The offerings after a plan is applied as of `date` (what the store writes). */
export function applyWithdrawalPlan<T extends WithdrawalCandidate>(
  offerings: readonly T[],
  plan: WithdrawalPlan,
  date: string,
): T[] {
  const withdraw = new Set(plan.withdraw);
  const restore = new Set(plan.restore);
  return offerings.map((offering) => {
    if (withdraw.has(offering.key)) return { ...offering, withdrawnAt: date };
    if (restore.has(offering.key)) return { ...offering, withdrawnAt: null };
    return offering;
  });
}

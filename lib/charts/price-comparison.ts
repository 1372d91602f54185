import { describePriceChange, type TrendPriceChangeInput } from "./trend";

/**
 * Prepares the per-platform price comparison of one model: for each platform, its cheapest
 * offering's blended (3:1), input and output prices in USD per 1M tokens. Unknown prices stay
 * null (a gap in the chart), never zero.
 */

export type PricePoint = {
  platformId: string;
  platform: string;
  nativeId: string;
  blended: number | null;
  input: number | null;
  output: number | null;
};

export type PreparedPriceChart = {
  points: PricePoint[];
  /** Offerings considered (n), and platforms without any known price (listed under the chart). */
  n: number;
  unpriced: string[];
  /** Cheapest blended price over the most expensive, e.g. 4 when one platform charges 4×. */
  spread: number | null;
};

export function preparePriceComparison(
  offerings: {
    platformId: string;
    platformName: string;
    nativeId: string;
    inputPrice: number | null;
    outputPrice: number | null;
    blendedPrice: number | null;
    lifecycle: string;
  }[],
): PreparedPriceChart {
  const live = offerings.filter((offering) => offering.lifecycle !== "retired");
  const best = new Map<string, PricePoint>();
  for (const offering of live) {
    const current = best.get(offering.platformId);
    const candidate: PricePoint = {
      platformId: offering.platformId,
      platform: offering.platformName,
      nativeId: offering.nativeId,
      blended: offering.blendedPrice,
      input: offering.inputPrice,
      output: offering.outputPrice,
    };
    if (
      !current ||
      (candidate.blended !== null &&
        (current.blended === null || candidate.blended < current.blended))
    ) {
      best.set(offering.platformId, candidate);
    }
  }
  const all = [...best.values()];
  const points = all
    .filter((point) => point.blended !== null)
    .sort((a, b) => (a.blended ?? 0) - (b.blended ?? 0));
  const unpriced = all.filter((point) => point.blended === null).map((point) => point.platform);
  const cheapest = points[0]?.blended ?? null;
  const dearest = points.at(-1)?.blended ?? null;
  return {
    points,
    n: live.length,
    unpriced,
    spread: cheapest && dearest && points.length > 1 ? dearest / cheapest : null,
  };
}

/** One dated note beside the price chart: the day a sync brought a new price, and what changed. */
export type PriceChangeNote = { key: string; date: string; text: string };

/**
 * The price chart's dated annotations: one note per catalogue price change, newest first, the
 * first `limit` of them and how many more there are. The date is the snapshot's (the day the
 * source's facts are as of), YYYY-MM-DD in UTC.
 */
export function preparePriceChangeNotes(
  changes: readonly TrendPriceChangeInput[],
  limit = 10,
): { notes: PriceChangeNote[]; more: number } {
  const sorted = [...changes].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
  const notes = sorted.slice(0, limit).map((change, index) => {
    const date = new Date(change.at).toISOString().slice(0, 10);
    return {
      key: `${change.offeringId}@${date}#${index}`,
      date,
      text: describePriceChange(change),
    };
  });
  return { notes, more: Math.max(0, sorted.length - limit) };
}

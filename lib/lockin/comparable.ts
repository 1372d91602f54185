import type { PlatformLockin } from "./types";

/**
 * Which platforms' lock-in scores can be ranked against each other. A score is a weighted mean
 * over the profile's models a platform offers and the factors that had data there, so two scores
 * compare only when both cover the same workload: every model of the profile, and every weight
 * point backed by data. A platform scored on part of it (1 of 3 models, 70 of 100 weight points)
 * is shown with what it is missing, never ranked above or below a fully scored one.
 */
export type LockinComparison = {
  /** Fully scored platforms, highest risk first (then by name). */
  ranked: PlatformLockin[];
  /** Scored on part of the workload, with what is missing, in catalogue order. */
  partial: { platform: PlatformLockin; missing: string }[];
};

/** What a scored platform's score leaves out, or null when it covers the whole workload. */
export function lockinCoverageGap(platform: PlatformLockin): string | null {
  const models = platform.modelsCounted.length + platform.modelsNotOffered.length;
  const gaps: string[] = [];
  if (platform.modelsNotOffered.length > 0) {
    gaps.push(`scored on ${platform.modelsCounted.length} of the profile's ${models} models`);
  }
  if (platform.weightCovered < platform.weightTotal) {
    gaps.push(`${platform.weightCovered} of ${platform.weightTotal} weight points backed by data`);
  }
  return gaps.length > 0 ? gaps.join("; ") : null;
}

export function compareLockin(platforms: readonly PlatformLockin[]): LockinComparison {
  const ranked: PlatformLockin[] = [];
  const partial: LockinComparison["partial"] = [];
  for (const platform of platforms) {
    if (platform.score === null) continue;
    const missing = lockinCoverageGap(platform);
    if (missing === null) ranked.push(platform);
    else partial.push({ platform, missing });
  }
  ranked.sort(
    (a, b) => (b.score ?? 0) - (a.score ?? 0) || a.platformName.localeCompare(b.platformName),
  );
  return { ranked, partial };
}

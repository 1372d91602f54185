import type { PlatformLockin } from "./types";

/**
 * Which platforms' lock-in scores can be ranked against each other. A score is a weighted mean
 * over the profile's models a platform offers, so a platform that offers 1 of the profile's 3
 * models is scored on a third of the workload and cannot be ranked with one scored on all of it.
 * Ranked: the platforms that offer every model of the profile. Any other scored platform is shown
 * with what it was scored on, never ranked above or below them.
 *
 * Factors without data are left out of a score (weights renormalised, `weightCovered` says how
 * much of the rubric had data); that coverage is shown beside every score, but a difference in it
 * does not stop a ranking: with the curated catalogue nearly every platform lacks some factor, and
 * requiring the same factors would leave no two platforms comparable.
 */
export type LockinComparison = {
  /** Platforms scored on every model of the profile, highest risk first (then by name). */
  ranked: PlatformLockin[];
  /** Scored platforms that offer only some of the profile's models, with what they were scored on. */
  partial: { platform: PlatformLockin; missing: string }[];
};

/** What a scored platform's score covers, when it is not the whole workload; else null. */
export function lockinCoverageGap(platform: PlatformLockin): string | null {
  if (platform.modelsNotOffered.length === 0) return null;
  const models = platform.modelsCounted.length + platform.modelsNotOffered.length;
  const weight =
    platform.weightCovered < platform.weightTotal
      ? `; ${platform.weightCovered} of ${platform.weightTotal} weight points backed by data`
      : "";
  return `scored on ${platform.modelsCounted.length} of the profile's ${models} models${weight}`;
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

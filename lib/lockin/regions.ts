/**
 * Residency is asked in geographies, not in cloud region ids: "eu-central-1", "swedencentral" and
 * "europe-west4" are all in the EU/EEA, and a requirement must be comparable across clouds. The
 * geography of a region id comes from the catalogue's region table (lib/catalog/regions), the same
 * one the catalogue's region filter uses.
 */
import {
  GEOGRAPHY_INFO,
  REGION_GEOGRAPHIES,
  isWithinGeography,
  lookupRegion,
  type RegionGeography,
} from "../catalog/regions";

/**
 * The geographies a workload may require. The ids saved before the table ("us", "eu", "uk",
 * "apac", "cn") are all still here with the same meaning, so stored profiles read unchanged.
 */
export const GEOGRAPHIES = REGION_GEOGRAPHIES;

/** A residency geography a workload may require. */
export type Geography = RegionGeography;

export const GEOGRAPHY_LABELS: Record<Geography, string> = Object.fromEntries(
  GEOGRAPHIES.map((id) => [
    id,
    id === "apac" ? "Asia-Pacific (any country)" : GEOGRAPHY_INFO[id].label,
  ]),
) as Record<Geography, string>;

/**
 * The geography of a platform's region id, or null when it has none: "global" (routed anywhere,
 * so it guarantees no residency) and ids the table does not know. A prefix naming the cloud a
 * platform runs on ("aws-eu-central-1") is read as that cloud's region.
 */
export function geographyOf(region: string, platformId?: string): Geography | null {
  return lookupRegion(region, platformId)?.geography ?? null;
}

/**
 * Whether serving from `region` keeps the data inside `geography`: a region or a cross-region
 * profile of that geography does ("apac" takes any Asia-Pacific country); global never does.
 */
export function servesGeography(
  region: string,
  geography: Geography,
  platformId?: string,
): boolean {
  const entry = lookupRegion(region, platformId);
  return entry !== null && isWithinGeography(entry, geography);
}

/** Whether the region id names another cloud's infrastructure ("aws-us-west-2" on Snowflake). */
export function isHostedOnOtherCloud(region: string): boolean {
  return /^(aws|azure|gcp)-/i.test(region.trim());
}

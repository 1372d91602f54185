/**
 * Residency is asked in geographies, not in cloud region ids: "eu-central-1", "swedencentral" and
 * "europe-west4" are all in the EU, and a requirement must be comparable across clouds.
 */

export const GEOGRAPHIES = ["us", "eu", "uk", "apac", "cn"] as const;

/** A residency geography a workload may require. */
export type Geography = (typeof GEOGRAPHIES)[number];

export const GEOGRAPHY_LABELS: Record<Geography, string> = {
  us: "United States",
  eu: "European Union",
  uk: "United Kingdom",
  apac: "Asia-Pacific",
  cn: "China",
};

const RULES: readonly { geography: Geography; pattern: RegExp }[] = [
  { geography: "cn", pattern: /^(cn|china)(-|$)/ },
  { geography: "uk", pattern: /^(uk|eu-gb$)|london|uksouth|ukwest/ },
  {
    geography: "eu",
    pattern:
      /^(eu|europe)(-|$)|swedencentral|westeurope|northeurope|francecentral|germanywestcentral|italynorth|polandcentral|spaincentral/,
  },
  {
    geography: "us",
    pattern: /^us(-|$)|^(east|west|central|northcentral|southcentral|westcentral)us\d*$/,
  },
  {
    geography: "apac",
    pattern:
      /^(ap|asia|jp|japan|australia|korea|india)(-|$)|^(japaneast|japanwest|australiaeast|koreacentral|southeastasia|eastasia|centralindia)$/,
  },
];

/**
 * The geography of a platform's region id, or null when it has none: "global" (routed anywhere,
 * so it guarantees no residency) and ids the rules do not recognise. A prefix naming the cloud a
 * platform runs on ("aws-eu-central-1") is ignored.
 */
export function geographyOf(region: string): Geography | null {
  const id = region
    .trim()
    .toLowerCase()
    .replace(/^(aws|azure|gcp)-/, "");
  if (id === "" || id === "global") return null;
  return RULES.find((rule) => rule.pattern.test(id))?.geography ?? null;
}

/** Whether the region id names another cloud's infrastructure ("aws-us-west-2" on Snowflake). */
export function isHostedOnOtherCloud(region: string): boolean {
  return /^(aws|azure|gcp)-/i.test(region.trim());
}

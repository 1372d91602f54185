/**
 * Where a platform's region code puts the data: a table from every region code the curated seed
 * and the importers (LiteLLM, models.dev) produce to its country, residency geography,
 * jurisdiction, and whether it is one region, a cross-region profile inside a geography, or global.
 *
 * Geographies are the units a residency requirement is asked in. The EU and the EEA count as one
 * (GDPR applies across the EEA); every other geography is one country's jurisdiction, except
 * "apac", which only Bedrock's `apac.` cross-region profile uses (several Asia-Pacific countries).
 *
 * Pure data and functions: no Next, no Prisma.
 */

/** A residency geography. */
export const REGION_GEOGRAPHIES = [
  "eu",
  "uk",
  "ch",
  "us",
  "ca",
  "br",
  "jp",
  "kr",
  "au",
  "in",
  "sg",
  "id",
  "hk",
  "tw",
  "apac",
  "il",
  "ae",
  "sa",
  "qa",
  "bh",
  "za",
  "cn",
] as const;
export type RegionGeography = (typeof REGION_GEOGRAPHIES)[number];

/** The continent-scale area a geography lies in (for grouping, and the "apac" requirement). */
export type RegionArea = "europe" | "americas" | "asia-pacific" | "middle-east-africa" | "china";

export type GeographyInfo = {
  id: RegionGeography;
  /** As the filter shows it: "EU/EEA", "United States". */
  label: string;
  area: RegionArea;
  /** The data-protection regime a reader would check first (short, no quotes). */
  jurisdiction: string;
};

export const GEOGRAPHY_INFO: Readonly<Record<RegionGeography, GeographyInfo>> = {
  eu: { id: "eu", label: "EU/EEA", area: "europe", jurisdiction: "GDPR (EU/EEA)" },
  uk: { id: "uk", label: "United Kingdom", area: "europe", jurisdiction: "UK GDPR" },
  ch: { id: "ch", label: "Switzerland", area: "europe", jurisdiction: "Swiss FADP" },
  us: { id: "us", label: "United States", area: "americas", jurisdiction: "US law" },
  ca: { id: "ca", label: "Canada", area: "americas", jurisdiction: "PIPEDA (Canada)" },
  br: { id: "br", label: "Brazil", area: "americas", jurisdiction: "LGPD (Brazil)" },
  jp: { id: "jp", label: "Japan", area: "asia-pacific", jurisdiction: "APPI (Japan)" },
  kr: { id: "kr", label: "South Korea", area: "asia-pacific", jurisdiction: "PIPA (Korea)" },
  au: {
    id: "au",
    label: "Australia",
    area: "asia-pacific",
    jurisdiction: "Privacy Act 1988 (Australia)",
  },
  in: { id: "in", label: "India", area: "asia-pacific", jurisdiction: "DPDP Act (India)" },
  sg: { id: "sg", label: "Singapore", area: "asia-pacific", jurisdiction: "PDPA (Singapore)" },
  id: { id: "id", label: "Indonesia", area: "asia-pacific", jurisdiction: "PDP Law (Indonesia)" },
  hk: { id: "hk", label: "Hong Kong", area: "asia-pacific", jurisdiction: "PDPO (Hong Kong)" },
  tw: { id: "tw", label: "Taiwan", area: "asia-pacific", jurisdiction: "PDPA (Taiwan)" },
  apac: {
    id: "apac",
    label: "Asia-Pacific (several countries)",
    area: "asia-pacific",
    jurisdiction: "Varies by destination country",
  },
  il: { id: "il", label: "Israel", area: "middle-east-africa", jurisdiction: "PPL (Israel)" },
  ae: { id: "ae", label: "UAE", area: "middle-east-africa", jurisdiction: "PDPL (UAE)" },
  sa: {
    id: "sa",
    label: "Saudi Arabia",
    area: "middle-east-africa",
    jurisdiction: "PDPL (Saudi Arabia)",
  },
  qa: { id: "qa", label: "Qatar", area: "middle-east-africa", jurisdiction: "PDPPL (Qatar)" },
  bh: { id: "bh", label: "Bahrain", area: "middle-east-africa", jurisdiction: "PDPL (Bahrain)" },
  za: {
    id: "za",
    label: "South Africa",
    area: "middle-east-africa",
    jurisdiction: "POPIA (South Africa)",
  },
  cn: { id: "cn", label: "China (mainland)", area: "china", jurisdiction: "PIPL (China)" },
};

/**
 * - `region`: one provider region (or a provider's single residency zone), data stays in it.
 * - `cross-region`: a profile that routes among several regions of one geography; data may leave
 *   the country but stays inside the geography.
 * - `global`: routed anywhere; data may leave every geography.
 */
export type RegionKind = "region" | "global" | "cross-region";

export type RegionEntry = {
  code: string;
  /** When set, the entry holds only on these platforms (the same code means another thing elsewhere). */
  platforms?: readonly string[];
  name: string;
  /** ISO 3166-1 alpha-2, or null when the code spans several countries. */
  country: string | null;
  /** Null only for `global`. */
  geography: RegionGeography | null;
  kind: RegionKind;
  /** A short note on where processing may happen. */
  jurisdiction: string;
  /** The provider's public page that lists the code. */
  sourceUrl: string;
};

const AWS_REGIONS =
  "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html";
const BEDROCK_PROFILES =
  "https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html";
const AZURE_REGIONS = "https://learn.microsoft.com/en-us/azure/reliability/regions-list";
const AZURE_DEPLOYMENTS =
  "https://learn.microsoft.com/en-us/azure/ai-foundry/foundry-models/concepts/deployment-types";
const VERTEX_LOCATIONS = "https://cloud.google.com/vertex-ai/generative-ai/docs/learn/locations";
const OCI_REGIONS = "https://docs.oracle.com/en-us/iaas/Content/generative-ai/regions.htm";
const WATSONX_REGIONS = "https://ibm.github.io/watsonx-ai-python-sdk/setup_cloud.html";
const OPENAI_RESIDENCY =
  "https://help.openai.com/en/articles/10503543-data-residency-for-the-openai-api";
const MISTRAL_HOSTING = "https://trust.mistral.ai/subprocessors";
const DEEPSEEK_PRIVACY = "https://cdn.deepseek.com/policies/en-US/deepseek-privacy-policy.html";

type Row = [code: string, name: string, country: string, geography: RegionGeography];

function regions(rows: readonly Row[], sourceUrl: string, note: string): RegionEntry[] {
  return rows.map(([code, name, country, geography]) => ({
    code,
    name,
    country,
    geography,
    kind: "region",
    jurisdiction: `${note} ${name}`,
    sourceUrl,
  }));
}

const AWS: Row[] = [
  ["us-east-1", "US East (N. Virginia)", "US", "us"],
  ["us-east-2", "US East (Ohio)", "US", "us"],
  ["us-west-1", "US West (N. California)", "US", "us"],
  ["us-west-2", "US West (Oregon)", "US", "us"],
  ["us-gov-east-1", "AWS GovCloud (US-East)", "US", "us"],
  ["us-gov-west-1", "AWS GovCloud (US-West)", "US", "us"],
  ["ca-central-1", "Canada (Central)", "CA", "ca"],
  ["ca-west-1", "Canada West (Calgary)", "CA", "ca"],
  ["sa-east-1", "South America (São Paulo)", "BR", "br"],
  ["eu-central-1", "Europe (Frankfurt)", "DE", "eu"],
  ["eu-central-2", "Europe (Zurich)", "CH", "ch"],
  ["eu-west-1", "Europe (Ireland)", "IE", "eu"],
  ["eu-west-2", "Europe (London)", "GB", "uk"],
  ["eu-west-3", "Europe (Paris)", "FR", "eu"],
  ["eu-north-1", "Europe (Stockholm)", "SE", "eu"],
  ["eu-south-1", "Europe (Milan)", "IT", "eu"],
  ["eu-south-2", "Europe (Spain)", "ES", "eu"],
  ["ap-northeast-1", "Asia Pacific (Tokyo)", "JP", "jp"],
  ["ap-northeast-2", "Asia Pacific (Seoul)", "KR", "kr"],
  ["ap-northeast-3", "Asia Pacific (Osaka)", "JP", "jp"],
  ["ap-southeast-1", "Asia Pacific (Singapore)", "SG", "sg"],
  ["ap-southeast-2", "Asia Pacific (Sydney)", "AU", "au"],
  ["ap-southeast-3", "Asia Pacific (Jakarta)", "ID", "id"],
  ["ap-southeast-4", "Asia Pacific (Melbourne)", "AU", "au"],
  ["ap-south-1", "Asia Pacific (Mumbai)", "IN", "in"],
  ["ap-south-2", "Asia Pacific (Hyderabad)", "IN", "in"],
  ["ap-east-1", "Asia Pacific (Hong Kong)", "HK", "hk"],
  ["me-central-1", "Middle East (UAE)", "AE", "ae"],
  ["me-south-1", "Middle East (Bahrain)", "BH", "bh"],
  ["il-central-1", "Israel (Tel Aviv)", "IL", "il"],
  ["af-south-1", "Africa (Cape Town)", "ZA", "za"],
];

const AZURE: Row[] = [
  ["eastus", "East US (Virginia)", "US", "us"],
  ["eastus2", "East US 2 (Virginia)", "US", "us"],
  ["centralus", "Central US (Iowa)", "US", "us"],
  ["northcentralus", "North Central US (Illinois)", "US", "us"],
  ["southcentralus", "South Central US (Texas)", "US", "us"],
  ["westus", "West US (California)", "US", "us"],
  ["westus2", "West US 2 (Washington)", "US", "us"],
  ["westus3", "West US 3 (Arizona)", "US", "us"],
  ["canadaeast", "Canada East (Québec)", "CA", "ca"],
  ["canadacentral", "Canada Central (Toronto)", "CA", "ca"],
  ["brazilsouth", "Brazil South (São Paulo)", "BR", "br"],
  ["swedencentral", "Sweden Central (Gävle)", "SE", "eu"],
  ["westeurope", "West Europe (Netherlands)", "NL", "eu"],
  ["northeurope", "North Europe (Ireland)", "IE", "eu"],
  ["francecentral", "France Central (Paris)", "FR", "eu"],
  ["germanywestcentral", "Germany West Central (Frankfurt)", "DE", "eu"],
  ["italynorth", "Italy North (Milan)", "IT", "eu"],
  ["polandcentral", "Poland Central (Warsaw)", "PL", "eu"],
  ["spaincentral", "Spain Central (Madrid)", "ES", "eu"],
  ["norwayeast", "Norway East (Oslo)", "NO", "eu"],
  ["switzerlandnorth", "Switzerland North (Zürich)", "CH", "ch"],
  ["uksouth", "UK South (London)", "GB", "uk"],
  ["ukwest", "UK West (Cardiff)", "GB", "uk"],
  ["japaneast", "Japan East (Tokyo)", "JP", "jp"],
  ["japanwest", "Japan West (Osaka)", "JP", "jp"],
  ["koreacentral", "Korea Central (Seoul)", "KR", "kr"],
  ["australiaeast", "Australia East (New South Wales)", "AU", "au"],
  ["centralindia", "Central India (Pune)", "IN", "in"],
  ["southindia", "South India (Chennai)", "IN", "in"],
  ["southeastasia", "Southeast Asia (Singapore)", "SG", "sg"],
  ["eastasia", "East Asia (Hong Kong)", "HK", "hk"],
  ["uaenorth", "UAE North (Dubai)", "AE", "ae"],
  ["southafricanorth", "South Africa North (Johannesburg)", "ZA", "za"],
];

const GCP: Row[] = [
  ["us-central1", "Iowa", "US", "us"],
  ["us-east1", "South Carolina", "US", "us"],
  ["us-east4", "Northern Virginia", "US", "us"],
  ["us-east5", "Columbus, Ohio", "US", "us"],
  ["us-south1", "Dallas, Texas", "US", "us"],
  ["us-west1", "Oregon", "US", "us"],
  ["us-west4", "Las Vegas, Nevada", "US", "us"],
  ["northamerica-northeast1", "Montréal", "CA", "ca"],
  ["southamerica-east1", "São Paulo", "BR", "br"],
  ["europe-west1", "Belgium", "BE", "eu"],
  ["europe-west2", "London", "GB", "uk"],
  ["europe-west3", "Frankfurt", "DE", "eu"],
  ["europe-west4", "Netherlands", "NL", "eu"],
  ["europe-west6", "Zürich", "CH", "ch"],
  ["europe-west8", "Milan", "IT", "eu"],
  ["europe-west9", "Paris", "FR", "eu"],
  ["europe-north1", "Finland", "FI", "eu"],
  ["europe-central2", "Warsaw", "PL", "eu"],
  ["europe-southwest1", "Madrid", "ES", "eu"],
  ["asia-northeast1", "Tokyo", "JP", "jp"],
  ["asia-northeast3", "Seoul", "KR", "kr"],
  ["asia-southeast1", "Singapore", "SG", "sg"],
  ["asia-south1", "Mumbai", "IN", "in"],
  ["asia-east1", "Changhua County, Taiwan", "TW", "tw"],
  ["asia-east2", "Hong Kong", "HK", "hk"],
  ["australia-southeast1", "Sydney", "AU", "au"],
  ["me-west1", "Tel Aviv", "IL", "il"],
  ["me-central1", "Doha", "QA", "qa"],
  ["me-central2", "Dammam", "SA", "sa"],
];

const OCI: Row[] = [
  ["us-ashburn-1", "US East (Ashburn)", "US", "us"],
  ["us-chicago-1", "US Midwest (Chicago)", "US", "us"],
  ["us-phoenix-1", "US West (Phoenix)", "US", "us"],
  ["sa-saopaulo-1", "Brazil East (São Paulo)", "BR", "br"],
  ["eu-frankfurt-1", "Germany Central (Frankfurt)", "DE", "eu"],
  ["uk-london-1", "UK South (London)", "GB", "uk"],
  ["ap-osaka-1", "Japan Central (Osaka)", "JP", "jp"],
  ["ap-hyderabad-1", "India South (Hyderabad)", "IN", "in"],
  ["me-riyadh-1", "Saudi Arabia Central (Riyadh)", "SA", "sa"],
  ["me-dubai-1", "UAE East (Dubai)", "AE", "ae"],
];

const WATSONX: Row[] = [
  ["us-south", "Dallas", "US", "us"],
  ["eu-de", "Frankfurt", "DE", "eu"],
  ["eu-gb", "London", "GB", "uk"],
  ["jp-tok", "Tokyo", "JP", "jp"],
  ["au-syd", "Sydney", "AU", "au"],
  ["ca-tor", "Toronto", "CA", "ca"],
];

const BEDROCK = ["aws-bedrock"] as const;
const AZURE_FOUNDRY = ["azure-foundry"] as const;

/** The table. Generic entries (no `platforms`) hold wherever the code appears. */
export const REGION_TABLE: readonly RegionEntry[] = [
  ...regions(AWS, AWS_REGIONS, "AWS Region"),
  ...regions(AZURE, AZURE_REGIONS, "Azure region"),
  ...regions(GCP, VERTEX_LOCATIONS, "Google Cloud region"),
  ...regions(OCI, OCI_REGIONS, "OCI region"),
  ...regions(WATSONX, WATSONX_REGIONS, "IBM Cloud region"),
  {
    code: "global",
    name: "Global",
    country: null,
    geography: null,
    kind: "global",
    jurisdiction: "Routed to wherever the provider runs capacity; no residency commitment",
    sourceUrl: VERTEX_LOCATIONS,
  },
  {
    code: "global",
    platforms: BEDROCK,
    name: "Global cross-Region inference",
    country: null,
    geography: null,
    kind: "global",
    jurisdiction: "May be processed in any commercial AWS Region",
    sourceUrl: BEDROCK_PROFILES,
  },
  ...(["global", "global-standard"] as const).map((code): RegionEntry => ({
    code,
    platforms: AZURE_FOUNDRY,
    name: code === "global" ? "Global deployment" : "Global Standard deployment",
    country: null,
    geography: null,
    kind: "global",
    jurisdiction:
      "Inference may be processed in any Azure region; data at rest stays in the resource's geography",
    sourceUrl: AZURE_DEPLOYMENTS,
  })),
  {
    code: "data-zone-eu",
    name: "Data Zone EU",
    country: null,
    geography: "eu",
    kind: "cross-region",
    jurisdiction: "Processed in Azure regions of EU member states",
    sourceUrl: AZURE_DEPLOYMENTS,
  },
  {
    code: "data-zone-us",
    name: "Data Zone US",
    country: "US",
    geography: "us",
    kind: "cross-region",
    jurisdiction: "Processed in Azure regions in the United States",
    sourceUrl: AZURE_DEPLOYMENTS,
  },
  ...(
    [
      ["us", "US cross-Region inference", "US", "us", "AWS Regions in the United States"],
      ["us-gov", "US GovCloud cross-Region inference", "US", "us", "AWS GovCloud (US) Regions"],
      [
        "eu",
        "EU cross-Region inference",
        null,
        "eu",
        "AWS Regions in Europe listed by the profile",
      ],
      [
        "apac",
        "APAC cross-Region inference",
        null,
        "apac",
        "AWS Regions in Asia-Pacific countries",
      ],
      ["jp", "Japan cross-Region inference", "JP", "jp", "AWS Regions in Japan (Tokyo, Osaka)"],
      ["au", "Australia cross-Region inference", "AU", "au", "AWS Regions in Australia"],
    ] as const
  ).map(([code, name, country, geography, where]): RegionEntry => ({
    code,
    platforms: BEDROCK,
    name,
    country,
    geography,
    kind: "cross-region",
    jurisdiction: `Routed among ${where}`,
    sourceUrl: BEDROCK_PROFILES,
  })),
  {
    code: "eu",
    name: "Europe data residency",
    country: null,
    geography: "eu",
    kind: "region",
    jurisdiction: "Provider's European processing (OpenAI: the EEA or Switzerland)",
    sourceUrl: OPENAI_RESIDENCY,
  },
  {
    code: "eu",
    platforms: ["mistral"],
    name: "EU hosting",
    country: null,
    geography: "eu",
    kind: "region",
    jurisdiction: "Hosted in the EEA by default; the subprocessor list names the hosting providers",
    sourceUrl: MISTRAL_HOSTING,
  },
  {
    code: "us",
    name: "US data residency",
    country: "US",
    geography: "us",
    kind: "region",
    jurisdiction: "Processed and stored in the United States",
    sourceUrl: OPENAI_RESIDENCY,
  },
  {
    code: "cn",
    name: "China (mainland)",
    country: "CN",
    geography: "cn",
    kind: "region",
    jurisdiction: "Stored and processed in the People's Republic of China",
    sourceUrl: DEEPSEEK_PRIVACY,
  },
];

/** A Snowflake-style prefix naming the cloud a region is on ("aws-us-west-2"). */
const CLOUD_PREFIX = /^(aws|azure|gcp)-/;

const scopedKey = (platformId: string, code: string) => `${platformId}|${code}`;
const generic = new Map<string, RegionEntry>();
const scoped = new Map<string, RegionEntry>();
for (const entry of REGION_TABLE) {
  if (entry.platforms) {
    for (const platformId of entry.platforms) scoped.set(scopedKey(platformId, entry.code), entry);
  } else if (!generic.has(entry.code)) {
    generic.set(entry.code, entry);
  }
}

/**
 * The entry for a region code as a platform uses it, or null when the table has none. A
 * platform-specific entry wins; a cloud prefix ("aws-eu-central-1" on Snowflake) is read as the
 * region it names on that cloud.
 */
export function lookupRegion(code: string, platformId?: string): RegionEntry | null {
  const id = code.trim().toLowerCase();
  if (id === "") return null;
  const direct =
    (platformId ? scoped.get(scopedKey(platformId, id)) : undefined) ?? generic.get(id);
  if (direct) return direct;
  const bare = id.replace(CLOUD_PREFIX, "");
  return bare === id ? null : (generic.get(bare) ?? null);
}

/**
 * Whether a region entry keeps data inside `geography`. A `region` or `cross-region` entry of that
 * geography does; for "apac" any entry in the Asia-Pacific area does. `global` never does.
 */
export function isWithinGeography(entry: RegionEntry, geography: RegionGeography): boolean {
  if (entry.geography === null) return false;
  if (entry.geography === geography) return true;
  return geography === "apac" && GEOGRAPHY_INFO[entry.geography].area === "asia-pacific";
}

/** Every code in the table (including cloud-prefixed forms) split by how `geography` treats it. */
export function regionCodesFor(geography: RegionGeography): {
  /** Codes inside the geography wherever they appear (no platform-specific meaning). */
  codes: string[];
  /** "platform|code" pairs inside the geography. */
  inside: string[];
  /** "platform|code" pairs outside it whose generic meaning is inside (they override). */
  outside: string[];
} {
  const codes: string[] = [];
  const inside: string[] = [];
  const outside: string[] = [];
  for (const [code, entry] of generic) {
    if (!isWithinGeography(entry, geography)) continue;
    codes.push(code);
    if (entry.kind === "region" && /^[a-z]/.test(code)) {
      for (const cloud of ["aws", "azure", "gcp"]) codes.push(`${cloud}-${code}`);
    }
  }
  for (const [key, entry] of scoped) {
    const code = key.slice(key.indexOf("|") + 1);
    const genericEntry = generic.get(code);
    if (isWithinGeography(entry, geography)) inside.push(key);
    else if (genericEntry && isWithinGeography(genericEntry, geography)) outside.push(key);
  }
  return { codes, inside, outside };
}

/** A region filter choice: a whole geography ("geo:eu") or a single code (the old `?region=` format). */
export type RegionFilter = { geography: RegionGeography } | { code: string };

const GEOGRAPHY_PREFIX = "geo:";

/** The URL value of a geography choice. */
export const geographyFilterValue = (geography: RegionGeography) =>
  `${GEOGRAPHY_PREFIX}${geography}`;

/** Reads a `region` URL value: "geo:<id>" is a geography, anything else a region code. */
export function parseRegionFilter(value: string): RegionFilter {
  if (value.startsWith(GEOGRAPHY_PREFIX)) {
    const id = value.slice(GEOGRAPHY_PREFIX.length);
    if ((REGION_GEOGRAPHIES as readonly string[]).includes(id)) {
      return { geography: id as RegionGeography };
    }
  }
  return { code: value };
}

export type RegionOptionGroup = {
  /** A geography id, "global", or "other" (codes the table does not know). */
  id: RegionGeography | "global" | "other";
  label: string;
  /** The "<label> only" choice for the whole geography; null for the global and other groups. */
  geographyValue: string | null;
  codes: { value: string; label: string }[];
};

const AREA_ORDER: readonly RegionArea[] = [
  "europe",
  "americas",
  "asia-pacific",
  "middle-east-africa",
  "china",
];

/**
 * The region filter's choices from the (platform, region code) pairs in the catalogue: one group
 * per geography (its "only" choice first, then its codes, cross-region ones marked), then the
 * codes that may leave every geography, then any code the table does not know.
 */
export function prepareRegionOptions(
  pairs: readonly { platformId: string; region: string }[],
): RegionOptionGroup[] {
  const byGeography = new Map<RegionGeography, Map<string, RegionKind>>();
  const global = new Set<string>();
  const other = new Set<string>();
  for (const { platformId, region } of pairs) {
    const entry = lookupRegion(region, platformId);
    if (!entry) other.add(region);
    else if (entry.geography === null) global.add(region);
    else {
      const codes = byGeography.get(entry.geography) ?? new Map<string, RegionKind>();
      if (codes.get(region) !== "cross-region") codes.set(region, entry.kind);
      byGeography.set(entry.geography, codes);
    }
  }
  const ordered = REGION_GEOGRAPHIES.filter((id) => byGeography.has(id)).sort(
    (a, b) =>
      AREA_ORDER.indexOf(GEOGRAPHY_INFO[a].area) - AREA_ORDER.indexOf(GEOGRAPHY_INFO[b].area),
  );
  const groups: RegionOptionGroup[] = ordered.map((id) => {
    const label = GEOGRAPHY_INFO[id].label;
    const codes = [...(byGeography.get(id) ?? new Map<string, RegionKind>())]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, kind]) => ({
        value: code,
        label: kind === "cross-region" ? `${code} (cross-region, within ${label})` : code,
      }));
    return { id, label, geographyValue: geographyFilterValue(id), codes };
  });
  if (global.size > 0) {
    groups.push({
      id: "global",
      label: "Global (data may leave the geography)",
      geographyValue: null,
      codes: [...global].sort().map((code) => ({ value: code, label: code })),
    });
  }
  if (other.size > 0) {
    groups.push({
      id: "other",
      label: "Not in the region table",
      geographyValue: null,
      codes: [...other].sort().map((code) => ({ value: code, label: code })),
    });
  }
  return groups;
}

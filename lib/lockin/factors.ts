/**
 * The default lock-in rubric (product.md, "Lock-in risk"): ten factors, their default weights
 * (summing to 100), what each measures and the regulation or standard it answers to.
 */

/** The ten factor ids, in the order the rubric lists them. */
export const FACTOR_IDS = [
  "substitutability",
  "api-portability",
  "feature-parity",
  "price-premium",
  "residency",
  "hosting-locus",
  "data-gravity",
  "proprietary-services",
  "concentration",
  "deprecation",
] as const;

/** One of the ten factors of the lock-in rubric. */
export type FactorId = (typeof FACTOR_IDS)[number];

/** A weight per factor; weights are relative (the score divides by their sum). */
export type LockinWeights = Record<FactorId, number>;

/** What a factor is, for the tables and the weights editor. */
export type FactorDefinition = {
  id: FactorId;
  label: string;
  defaultWeight: number;
  /** What the factor measures, in one or two sentences a user can check against the evidence. */
  measures: string;
  /** The regulation, standard or index the factor answers to. */
  reference: string;
  /** Where the reference can be read. */
  referenceUrl: string;
};

const DORA = "https://eur-lex.europa.eu/eli/reg/2022/2554/oj";
const DATA_ACT = "https://eur-lex.europa.eu/eli/reg/2023/2854/oj";
const EBA =
  "https://www.eba.europa.eu/regulation-and-policy/internal-governance/guidelines-on-outsourcing-arrangements";
const ISO_19941 = "https://www.iso.org/standard/66639.html";
const MERGER_GUIDELINES = "https://www.justice.gov/atr/2023-merger-guidelines";

/** The default rubric, in display order. Default weights sum to 100. */
export const FACTORS: readonly FactorDefinition[] = [
  {
    id: "substitutability",
    label: "Model substitutability",
    defaultWeight: 20,
    measures:
      "For each model in the workload, how many other platforms offer the same canonical model (0 others = 100, 1 = 60, 2 = 25, 3 or more = 0), weighted by spend.",
    reference:
      'DORA (Reg. 2022/2554) Art. 28(8) exit strategies and Art. 29 ("not easily substitutable"); EBA/GL/2019/02 §15 exit plans',
    referenceUrl: DORA,
  },
  {
    id: "api-portability",
    label: "API portability",
    defaultWeight: 15,
    measures:
      "Share of spend that cannot be reached through a portable API (OpenAI-compatible, or the Anthropic Messages API where several platforms serve it for that model).",
    reference: "ISO/IEC 19941 (syntactic interoperability); EU Data Act (Reg. 2023/2854) Art. 30",
    referenceUrl: ISO_19941,
  },
  {
    id: "feature-parity",
    label: "Feature-parity gap",
    defaultWeight: 10,
    measures:
      "Capabilities and context window this platform gives each model that its best alternative host lacks, as a share of what this platform gives; 100 when there is no alternative host.",
    reference: "EU Data Act Art. 30(1) functional equivalence; ISO/IEC 19941 (behavioural facet)",
    referenceUrl: DATA_ACT,
  },
  {
    id: "price-premium",
    label: "Price premium",
    defaultWeight: 10,
    measures:
      "Blended price (3 input : 1 output tokens) on this platform over the cheapest alternative for the same model: (ratio − 1) / 0.5, clamped to 0–1, × 100.",
    reference: "EBA/GL/2019/02 §15 (exit plan costs); DORA Art. 28(8)",
    referenceUrl: EBA,
  },
  {
    id: "residency",
    label: "Residency lock",
    defaultWeight: 10,
    measures:
      "For each required region and model served there, how few other platforms serve the same model in that region (none = 100, one = 50, two or more = 0).",
    reference: "DORA Art. 29(2) (location of data and processing); EBA/GL/2019/02 §15",
    referenceUrl: DORA,
  },
  {
    id: "hosting-locus",
    label: "Hosting locus",
    defaultWeight: 5,
    measures:
      "Whether the platform runs the model itself (0), serves it from another cloud's infrastructure (50) or passes requests through to another party (100).",
    reference: "DORA Art. 29(2) (sub-contracting chains); ISO/IEC 19941 (policy facet)",
    referenceUrl: DORA,
  },
  {
    id: "data-gravity",
    label: "Data gravity and switching cost",
    defaultWeight: 10,
    measures:
      "Egress cost of taking the stored data out (list price × GB beyond the monthly free allowance; $0 where the cloud's documented exit waiver applies, that is when the profile leaves the whole platform), relative to monthly AI spend (one month of spend or more = 100). The EU Data Act removes switching charges from 12 Jan 2027.",
    reference: "EU Data Act Arts. 23–31 (switching, Art. 29 charges) and Art. 34 (in-parallel use)",
    referenceUrl: DATA_ACT,
  },
  {
    id: "proprietary-services",
    label: "Proprietary platform services",
    defaultWeight: 10,
    measures:
      "Use of services with no portable equivalent (managed agents, model routers, guardrails, knowledge bases, provisioned throughput, …), combined as 100 × (1 − Π(1 − lock/100)).",
    reference: "ISO/IEC 19941 (data and application portability); EU Data Act Art. 30",
    referenceUrl: ISO_19941,
  },
  {
    id: "concentration",
    label: "Concentration",
    defaultWeight: 5,
    measures:
      "Herfindahl-Hirschman index of the workload's spend across provider groups, where the platform's owner and the vendors it has invested in count as one group; HHI / 100.",
    reference:
      'DORA Art. 29 concentration risk ("closely connected" providers); HHI (US DOJ/FTC 2023 Merger Guidelines)',
    referenceUrl: MERGER_GUIDELINES,
  },
  {
    id: "deprecation",
    label: "Deprecation exposure",
    defaultWeight: 5,
    measures:
      "Mean of: spend on models deprecated or with a deprecation date within 12 months, and the platform's lag: for each model the profile's vendors released in the last 12 months, the days from the vendor's release to its arrival on the platform (still counting while it has not arrived), 180 days or more = 100.",
    reference: "DORA Art. 28(8) exit strategies; EBA/GL/2019/02 §15",
    referenceUrl: DORA,
  },
];

/** The default weights of the rubric (sum 100). */
export const DEFAULT_WEIGHTS: LockinWeights = Object.fromEntries(
  FACTORS.map((factor) => [factor.id, factor.defaultWeight]),
) as LockinWeights;

/** Looks a factor up by id (every id in FACTOR_IDS has one). */
export function getFactorDefinition(id: FactorId): FactorDefinition {
  const found = FACTORS.find((factor) => factor.id === id);
  if (!found) throw new Error(`Unknown lock-in factor ${id}`);
  return found;
}

import { FACTORS, type LockinWeights } from "@/lib/lockin";
import type { PolicyResult } from "@/lib/routing/types";
import type { ReportMethodology } from "./report-data";

/** The metrics a report shows, defined as the figures are computed. */
export const REPORT_METRICS: ReportMethodology["metrics"] = [
  {
    name: "Score",
    definition:
      "Mean over cases of each case's mean score in [0, 1] (repeats averaged first), shown in points (× 100).",
  },
  {
    name: "Pass rate",
    definition: "Share of scored trials that passed every assertion of their case.",
  },
  {
    name: "Paired difference",
    definition:
      "Mean over the cases both targets scored of (target − reference), in points; repeats averaged per case first.",
  },
  {
    name: "Cost",
    definition:
      "Provider list prices from the catalogue snapshot applied to the tokens each trial used, USD; unknown prices are gaps, never zero.",
  },
  {
    name: "Cost per trial, per case and per 1,000 cases",
    definition:
      "Cost per trial: the mean cost of one call that returned an output. Cost per case: what answering one case once costs, which is the cost per trial (repeats measure the same answer again; they do not multiply it). Cost per 1,000 cases: 1,000 times the cost per case. A routing policy's cost per case counts every call it makes for the case (a cascade's escalations included).",
  },
  {
    name: "Latency",
    definition:
      "Time to the full response (and to the first token), median and 95th percentile, ms.",
  },
  {
    name: "Lock-in score",
    definition:
      "0–100 per platform: weighted mean of the factor values that have data, weights renormalised over them.",
  },
  {
    name: "Quality per dollar",
    definition:
      "A routing policy's mean score at its operating point divided by its mean cost per case.",
  },
];

/** The statistics behind every interval and verdict. */
export const REPORT_STATISTICS: readonly string[] = [
  "Score intervals: percentile bootstrap over cases, 2,000 resamples, 95%.",
  "Pass and error rates: Wilson score interval, 95%.",
  "Parity: paired bootstrap of the mean difference over shared cases (2,000 resamples, 95%); exact McNemar test on pass/fail when every case ran once on both targets.",
  "Equivalence: the 95% interval of the paired difference lies within ±2 points; different when it excludes zero, inconclusive otherwise.",
  "Parity is computed once per run and pair: the bootstrap is seeded from the run and the two target ids, and B against A is the exact mirror of A against B, so every page, export and the CLI show the same interval.",
  "Cases needed to settle an inconclusive verdict: from the observed mean paired difference d and its standard deviation s, n = (2.80 · s / (2 − |d|))² for equivalence (when |d| < 2 points) or n = (2.80 · s / |d|)² for a difference, whichever is smaller (2.80 = 1.96 for a 95% interval + 0.84 for 80% power). An estimate: it assumes the true difference and spread are the ones observed.",
  "Before a run, the launch form estimates the same number for targets truly at parity (d = 0), with the median spread s of the paired differences in the latest completed run of the same suite.",
  "Routing: policies learned on one half of the cases (a deterministic split) and measured on the other; cost and quality are replayed from recorded trials, not new calls.",
];

/** The methodology section: fixed definitions plus the weights and policies in force. */
export function buildMethodology(
  weights: LockinWeights,
  policies: readonly PolicyResult[],
): ReportMethodology {
  return {
    metrics: REPORT_METRICS.map((metric) => ({ ...metric })),
    statistics: [...REPORT_STATISTICS],
    lockinWeights: FACTORS.map((factor) => ({
      id: factor.id,
      label: factor.label,
      weight: weights[factor.id],
    })),
    routingPolicies: policies.map((policy) => ({
      id: policy.id,
      label: policy.label,
      description: policy.description,
    })),
  };
}

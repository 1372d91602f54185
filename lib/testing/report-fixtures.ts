import type { TargetSummary } from "@/lib/eval/summary";
import type { ReportRouting, ReportRun } from "@/lib/report/report-data";
import type { PolicyResult } from "@/lib/routing/types";

/** Building blocks for report test data: a run, a target's summary, a routing policy's result. */

/**
 * `run1` as a report lists it: a simulated run of one repeat that ran from 09:00 to 09:30 on
 * 25 November 2026 and spent $1.20; `fields` gives its name, suite, trials and the rest.
 */
export function reportRun(
  fields: Pick<ReportRun, "name" | "suite" | "catalogSnapshot" | "storedTrials" | "judgeLabel">,
): ReportRun {
  return {
    id: "run1",
    status: "completed",
    createdAt: "2026-11-25T09:00:00.000Z",
    finishedAt: "2026-11-25T09:30:00.000Z",
    isSimulated: true,
    repeats: 1,
    spentUsd: 1.2,
    ...fields,
  };
}

/**
 * A target's summary with plausible figures (score and pass rate 0.8, p50 latency 900 ms,
 * $5 per 1,000 cases, no errors); `fields` gives the sample size and anything else a test needs.
 */
export function targetSummary(fields: Partial<TargetSummary> & { trials: number }): TargetSummary {
  const n = fields.trials;
  return {
    score: { value: 0.8, low: 0.7, high: 0.9, n },
    passRate: { value: 0.8, low: 0.6, high: 0.9, n },
    latencyMs: { p50: 900, p95: 2000, p99: 2500 },
    ttftMs: { p50: 300, p95: 600, p99: 800 },
    outputTokensPerSecond: 80,
    costUsd: 0.5,
    costPer1kUsd: 5,
    errorRate: null,
    errorsByKind: {},
    servedBy: {},
    categories: [],
    ...fields,
  };
}

/** A routing policy's result with a single operating point, all of its traffic to `group`. */
export function policyResult(fields: {
  id: string;
  kind: PolicyResult["kind"];
  label: string;
  description: string;
  n: number;
  quality: number;
  costPerCase: number;
  group: string;
}): PolicyResult {
  const { quality, costPerCase, group, ...rest } = fields;
  return {
    ...rest,
    curve: [
      { quality, costPerCase, param: null, strongShare: 0.5, traffic: [{ group, share: 1 }] },
    ],
    operatingIndex: 0,
    aiq: null,
    cpt50: null,
    cpt80: null,
    targetIds: [],
  };
}

/** A routing simulation of the report's run over 42 cases made of `policies`, nothing excluded. */
export function reportRouting(policies: PolicyResult[]): ReportRouting {
  return {
    runId: "run1",
    ignoredTargets: [],
    n: 42,
    targets: [],
    policies,
    frontier: [],
    costRange: null,
    weakId: null,
    strongId: null,
    vendorGroups: [],
    exclusions: { targets: [], casesMissingScore: 0, casesMissingCost: 0 },
    categoryScores: {},
  };
}

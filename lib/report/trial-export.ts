import { getTrialNamedScores } from "@/lib/eval/named-metrics";
import type { AssertionResult } from "@/lib/eval/types";
import { formatCsvRow } from "./csv";

/**
 * One trial as every export writes it: the run page's CSV and JSON downloads and the command
 * line's `--output` files (csv, jsonl, and promptfoo's results JSON). One definition, so a column
 * added here reaches them all, and the CSV stays formula-neutralised (lib/report/csv.ts).
 */

/** A stored trial with its target's label and whether the run was simulated. */
export type ExportableTrial = {
  id: bigint | string | number;
  runId: string;
  targetId: string;
  targetLabel: string;
  caseId: string;
  repeat: number;
  status: string;
  pass: boolean | null;
  score: number | null;
  output: string | null;
  assertions: unknown;
  judgeModel: string | null;
  judgeReason: string | null;
  latencyMs: number | null;
  ttftMs: number | null;
  outputTokensPerSecond: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  errorKind: string | null;
  errorMessage: string | null;
  servedBy: string | null;
  attempts: number;
  startedAt: Date;
  finishedAt: Date;
  simulated: boolean;
};

/** The CSV export's header row. */
export const TRIAL_CSV_HEADER = [
  "run_id",
  "target_id",
  "target",
  "case_id",
  "repeat",
  "status",
  "pass",
  "score",
  "output",
  "latency_ms",
  "ttft_ms",
  "output_tokens_per_second",
  "input_tokens",
  "output_tokens",
  "cost_usd",
  "error_kind",
  "error_message",
  "served_by",
  "judge_model",
  "judge_reason",
  "assertions_json",
  "attempts",
  "started_at",
  "finished_at",
  "simulated",
] as const;

/** The header as one CSV line. */
export function formatTrialCsvHeader(): string {
  return formatCsvRow(TRIAL_CSV_HEADER);
}

/** One trial as one CSV line (CRLF), in {@link TRIAL_CSV_HEADER}'s order. */
export function formatTrialCsvRow(trial: ExportableTrial): string {
  return formatCsvRow([
    trial.runId,
    trial.targetId,
    trial.targetLabel,
    trial.caseId,
    trial.repeat,
    trial.status,
    trial.pass,
    trial.score,
    trial.output,
    trial.latencyMs,
    trial.ttftMs,
    trial.outputTokensPerSecond,
    trial.inputTokens,
    trial.outputTokens,
    trial.costUsd,
    trial.errorKind,
    trial.errorMessage,
    trial.servedBy,
    trial.judgeModel,
    trial.judgeReason,
    trial.assertions === null ? null : JSON.stringify(trial.assertions),
    trial.attempts,
    trial.startedAt.toISOString(),
    trial.finishedAt.toISOString(),
    trial.simulated,
  ]);
}

/** One trial as a JSON object (the JSON download's element, the JSONL file's line). */
export function toTrialJson(trial: ExportableTrial) {
  return {
    id: trial.id.toString(),
    runId: trial.runId,
    targetId: trial.targetId,
    target: trial.targetLabel,
    caseId: trial.caseId,
    repeat: trial.repeat,
    status: trial.status,
    pass: trial.pass,
    score: trial.score,
    output: trial.output,
    assertions: trial.assertions,
    judgeModel: trial.judgeModel,
    judgeReason: trial.judgeReason,
    latencyMs: trial.latencyMs,
    ttftMs: trial.ttftMs,
    outputTokensPerSecond: trial.outputTokensPerSecond,
    inputTokens: trial.inputTokens,
    outputTokens: trial.outputTokens,
    costUsd: trial.costUsd,
    errorKind: trial.errorKind,
    errorMessage: trial.errorMessage,
    servedBy: trial.servedBy,
    attempts: trial.attempts,
    startedAt: trial.startedAt.toISOString(),
    finishedAt: trial.finishedAt.toISOString(),
    simulated: trial.simulated,
  };
}

/** What the promptfoo-shaped results need to know about a case. */
export type PromptfooCaseInfo = {
  /** Position in the suite (promptfoo's testIdx). */
  index: number;
  /** promptfoo's test description when the case came from one, else the case id. */
  description: string;
  vars: Record<string, string>;
  /** The case's prompt as sent (the last user message). */
  prompt: string;
  assertions: unknown[];
};

type StoredAssertion = {
  type?: string;
  pass?: boolean;
  score?: number;
  reason?: string;
  metric?: string;
  assertions?: StoredAssertion[];
};

/**
 * One assertion's result in promptfoo's `gradingResult.componentResults`. Its `assertion` names the
 * metric it counts under, as promptfoo's does; an assert-set's entry lists its own assertions'
 * results under `componentResults` and names no metric (promptfoo's set entry has no `assertion`
 * at all, so its metric is not counted in namedScoresCount).
 */
export type PromptfooComponentResult = {
  pass: boolean;
  score: number;
  reason: string;
  assertion: { type: string; metric?: string };
  componentResults?: PromptfooComponentResult[];
};

function toComponentResult(stored: StoredAssertion): PromptfooComponentResult {
  const type = stored.type ?? "unknown";
  const isSet = type === "assert-set";
  return {
    pass: stored.pass ?? false,
    score: stored.score ?? 0,
    reason: stored.reason ?? "",
    assertion: { type, ...(!isSet && stored.metric ? { metric: stored.metric } : {}) },
    ...(isSet ? { componentResults: (stored.assertions ?? []).map(toComponentResult) } : {}),
  };
}

/**
 * A trial's named scores and their weights as promptfoo 0.123.1 writes them on a result
 * (AssertionsResult.testResult in src/assertions/assertionsResult.ts, dist
 * src/evaluator-DlYW7Rgb.js lines 1336-1391: `namedScores[name] = Σ score × weight ÷ Σ weight`,
 * `namedScoreWeights` only when some assertion has a metric; applyGradingResult in
 * src/evaluator.ts, line 7530: `row.namedScores = checkResult.namedScores`).
 */
function toNamedScores(assertions: readonly StoredAssertion[]): {
  namedScores: Record<string, number>;
  namedScoreWeights: Record<string, number>;
} {
  const namedScores: Record<string, number> = {};
  const namedScoreWeights: Record<string, number> = {};
  for (const [name, { score, weight }] of getTrialNamedScores(assertions as AssertionResult[])) {
    namedScores[name] = score;
    namedScoreWeights[name] = weight;
  }
  return { namedScores, namedScoreWeights };
}

/** promptfoo's ResultFailureReason: 0 none, 1 an assertion failed, 2 an error. */
const FAILURE_REASON = { none: 0, assert: 1, error: 2 } as const;

/**
 * One trial as an element of promptfoo's `results.results` (EvaluateResult): what Crossbench
 * measured, under promptfoo's names. A Crossbench target is promptfoo's provider and its column
 * (`promptIdx`); Crossbench-only facts (repeat, case id, simulated, served by) go in `metadata`.
 */
export function toPromptfooResult(
  trial: ExportableTrial,
  testCase: PromptfooCaseInfo | undefined,
  promptIdx: number,
) {
  const isError = trial.status === "error";
  const assertions = Array.isArray(trial.assertions) ? (trial.assertions as StoredAssertion[]) : [];
  // promptfoo empties a result's namedScores when it ends in error (applyGradingError, line 7558).
  const { namedScores, namedScoreWeights } = toNamedScores(isError ? [] : assertions);
  const hasNamedScores = Object.keys(namedScoreWeights).length > 0;
  const tokenUsage = {
    prompt: trial.inputTokens ?? 0,
    completion: trial.outputTokens ?? 0,
    total: (trial.inputTokens ?? 0) + (trial.outputTokens ?? 0),
  };
  const vars = testCase?.vars ?? {};
  return {
    id: trial.id.toString(),
    promptIdx,
    testIdx: testCase?.index ?? -1,
    testCase: {
      description: testCase?.description ?? trial.caseId,
      vars,
      assert: testCase?.assertions ?? [],
    },
    promptId: trial.targetId,
    provider: {
      id: trial.targetId,
      label: `${trial.targetLabel}${trial.simulated ? " (simulated)" : ""}`,
    },
    prompt: { raw: testCase?.prompt ?? "", label: trial.targetLabel },
    vars,
    response: isError
      ? undefined
      : { output: trial.output ?? "", tokenUsage, cost: trial.costUsd ?? undefined },
    ...(isError ? { error: trial.errorMessage ?? trial.errorKind ?? "error" } : {}),
    failureReason: isError
      ? FAILURE_REASON.error
      : trial.pass === false
        ? FAILURE_REASON.assert
        : FAILURE_REASON.none,
    success: !isError && trial.pass !== false,
    score: trial.score ?? 0,
    latencyMs: trial.latencyMs ?? 0,
    gradingResult: isError
      ? null
      : {
          pass: trial.pass !== false,
          score: trial.score ?? 0,
          reason: assertions.find((a) => a.pass === false)?.reason ?? "All assertions passed",
          namedScores,
          ...(hasNamedScores ? { namedScoreWeights } : {}),
          componentResults: assertions.map(toComponentResult),
        },
    namedScores,
    cost: trial.costUsd ?? 0,
    tokenUsage,
    metadata: {
      crossbench: {
        runId: trial.runId,
        caseId: trial.caseId,
        repeat: trial.repeat,
        simulated: trial.simulated,
        errorKind: trial.errorKind,
        servedBy: trial.servedBy,
        ttftMs: trial.ttftMs,
        attempts: trial.attempts,
      },
    },
  };
}

/**
 * promptfoo's PromptMetrics for one column (target), added up over its results. Named scores are
 * weighted totals, not means: a column's mean for a name is namedScores ÷ namedScoreWeights.
 */
export type PromptfooMetrics = {
  score: number;
  testPassCount: number;
  testFailCount: number;
  testErrorCount: number;
  assertPassCount: number;
  assertFailCount: number;
  totalLatencyMs: number;
  tokenUsage: { prompt: number; completion: number; total: number; numRequests: number };
  /** Per name, Σ score × weight over the column's results. */
  namedScores: Record<string, number>;
  /** Per name, how many assertions carried it (at least 1 per result that has the name). */
  namedScoresCount: Record<string, number>;
  /** Per name, Σ weight over the column's results. */
  namedScoreWeights: Record<string, number>;
  cost: number;
};

export function emptyPromptfooMetrics(): PromptfooMetrics {
  return {
    score: 0,
    testPassCount: 0,
    testFailCount: 0,
    testErrorCount: 0,
    assertPassCount: 0,
    assertFailCount: 0,
    totalLatencyMs: 0,
    tokenUsage: { prompt: 0, completion: 0, total: 0, numRequests: 0 },
    namedScores: {},
    namedScoresCount: {},
    namedScoreWeights: {},
    cost: 0,
  };
}

/**
 * How many of a result's assertions carry metric `name`, or 1 when none does: promptfoo 0.123.1's
 * getContributingAssertionCount (src/util/namedMetrics.ts, dist src/evaluator-DlYW7Rgb.js lines
 * 7238-7243), over the grading result's components with an assert-set's own flattened in.
 */
function countContributingAssertions(
  components: readonly PromptfooComponentResult[],
  name: string,
): number {
  let count = 0;
  for (const component of components) {
    if (component.assertion.metric === name) count += 1;
    for (const inner of component.componentResults ?? [])
      if (inner.assertion.metric === name) count += 1;
  }
  return count > 0 ? count : 1;
}

/** Adds one result (from {@link toPromptfooResult}) to its column's metrics. */
export function addToPromptfooMetrics(
  metrics: PromptfooMetrics,
  result: ReturnType<typeof toPromptfooResult>,
): void {
  metrics.score += result.score;
  // promptfoo 0.123.1's updatePromptMetricsForRow (src/evaluator.ts, dist line 9094) calls
  // accumulateNamedMetric (src/util/namedMetrics.ts, dist lines 7244-7266) for each of the row's
  // named scores: with the result's namedScoreWeights the name adds score × weight to namedScores
  // and weight to namedScoreWeights; without them, the score itself and the assertion count.
  const weights: Record<string, number> = result.gradingResult?.namedScoreWeights ?? {};
  const components = result.gradingResult?.componentResults ?? [];
  for (const [name, value] of Object.entries(result.namedScores)) {
    const count = countContributingAssertions(components, name);
    const hasWeight = Object.prototype.hasOwnProperty.call(weights, name);
    const weight = hasWeight ? (weights[name] ?? 0) : count;
    metrics.namedScores[name] =
      (metrics.namedScores[name] ?? 0) + (hasWeight ? value * weight : value);
    metrics.namedScoresCount[name] = (metrics.namedScoresCount[name] ?? 0) + count;
    metrics.namedScoreWeights[name] = (metrics.namedScoreWeights[name] ?? 0) + weight;
  }
  if (result.failureReason === FAILURE_REASON.error) metrics.testErrorCount += 1;
  else if (result.success) metrics.testPassCount += 1;
  else metrics.testFailCount += 1;
  for (const component of result.gradingResult?.componentResults ?? []) {
    if (component.pass) metrics.assertPassCount += 1;
    else metrics.assertFailCount += 1;
  }
  metrics.totalLatencyMs += result.latencyMs;
  metrics.tokenUsage.prompt += result.tokenUsage.prompt;
  metrics.tokenUsage.completion += result.tokenUsage.completion;
  metrics.tokenUsage.total += result.tokenUsage.total;
  metrics.tokenUsage.numRequests += 1;
  metrics.cost += result.cost;
}

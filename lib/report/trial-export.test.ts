import { describe, expect, it } from "vitest";
import {
  TRIAL_CSV_HEADER,
  addToPromptfooMetrics,
  emptyPromptfooMetrics,
  formatTrialCsvRow,
  toPromptfooResult,
  type ExportableTrial,
} from "./trial-export";

const TRIAL: ExportableTrial = {
  id: 7n,
  runId: "run1",
  targetId: "tgt1",
  targetLabel: "GPT-5.5 on Azure AI Foundry",
  caseId: "t1-p1",
  repeat: 0,
  status: "ok",
  pass: false,
  score: 0.5,
  output: '=HYPERLINK("x")',
  assertions: [
    { type: "icontains", pass: true, score: 1, reason: "ok" },
    { type: "equals", pass: false, score: 0, reason: "expected Paris" },
  ],
  judgeModel: null,
  judgeReason: null,
  latencyMs: 120,
  ttftMs: 40,
  outputTokensPerSecond: 50,
  inputTokens: 10,
  outputTokens: 5,
  costUsd: 0.001,
  errorKind: null,
  errorMessage: null,
  servedBy: null,
  attempts: 1,
  startedAt: new Date("2026-01-01T00:00:00Z"),
  finishedAt: new Date("2026-01-01T00:00:01Z"),
  simulated: true,
};

const CASE = {
  index: 3,
  description: "capital of france",
  vars: { country: "France" },
  prompt: "What is the capital of France?",
  assertions: [],
};

describe("formatTrialCsvRow", () => {
  it("writes one cell per header column and neutralises a formula in the output", () => {
    const row = formatTrialCsvRow(TRIAL);
    expect(row.endsWith("\r\n")).toBe(true);
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(TRIAL_CSV_HEADER).toHaveLength(25);
  });
});

describe("toPromptfooResult", () => {
  it("maps a failed assertion to promptfoo's failureReason 1, with its reason and components", () => {
    const result = toPromptfooResult(TRIAL, CASE, 2);
    expect(result).toMatchObject({
      promptIdx: 2,
      testIdx: 3,
      success: false,
      failureReason: 1,
      score: 0.5,
      testCase: { description: "capital of france", vars: { country: "France" } },
      response: { output: TRIAL.output, tokenUsage: { prompt: 10, completion: 5, total: 15 } },
      provider: { label: "GPT-5.5 on Azure AI Foundry (simulated)" },
      gradingResult: { pass: false, reason: "expected Paris" },
      metadata: { crossbench: { simulated: true, repeat: 0 } },
    });
    expect(result.gradingResult?.componentResults).toHaveLength(2);
  });

  it("maps an error trial to failureReason 2 with its message and no response", () => {
    const result = toPromptfooResult(
      { ...TRIAL, status: "error", pass: null, score: null, errorMessage: "timed out" },
      CASE,
      0,
    );
    expect(result).toMatchObject({ success: false, failureReason: 2, error: "timed out" });
    expect(result.response).toBeUndefined();
    const metrics = emptyPromptfooMetrics();
    addToPromptfooMetrics(metrics, result);
    addToPromptfooMetrics(metrics, toPromptfooResult({ ...TRIAL, pass: true, score: 1 }, CASE, 0));
    expect(metrics).toMatchObject({ testErrorCount: 1, testPassCount: 1, testFailCount: 0 });
  });
});

/**
 * Named metrics as promptfoo 0.123.1 writes them (npm package, dist/src/evaluator-DlYW7Rgb.js):
 * a result's namedScores and gradingResult.namedScoreWeights come from AssertionsResult.addResult
 * and testResult (src/assertions/assertionsResult.ts, lines 1336-1391), and a prompt's metrics add
 * them up through accumulateNamedMetric (src/util/namedMetrics.ts, lines 7238-7266) called from
 * updatePromptMetricsForRow (src/evaluator.ts, line 9094).
 */
describe("named metrics in promptfoo's results", () => {
  // facts: 1 × 3 and 0 × 1 at the top; the set's inner facts (1 × 1 + 0 × 3) / 4 = 0.25 at weight
  // 4, passed on at 4 × the set's weight 2 = 8, adding 0.25 × 8 = 2 (addResult, lines 1344-1349).
  // So facts = (3 + 0 + 2) / (3 + 1 + 8) = 5 / 12; style = 1 at weight 1; the set's own metric:
  // its score (1 + 0) / 4 = 0.25 at weight 2 (lines 1340-1342).
  const NAMED: ExportableTrial = {
    ...TRIAL,
    assertions: [
      { type: "contains", pass: true, score: 1, reason: "", metric: "facts", weight: 3 },
      { type: "contains", pass: false, score: 0, reason: "no Rome", metric: "facts" },
      { type: "icontains", pass: true, score: 1, reason: "", metric: "style" },
      {
        type: "assert-set",
        pass: false,
        score: 0.25,
        reason: "",
        metric: "set",
        weight: 2,
        assertions: [
          { type: "contains", pass: true, score: 1, reason: "", metric: "facts" },
          { type: "contains", pass: false, score: 0, reason: "", metric: "facts", weight: 3 },
        ],
      },
      { type: "equals", pass: true, score: 1, reason: "" },
    ],
  };
  const OTHER: ExportableTrial = {
    ...TRIAL,
    id: 8n,
    assertions: [
      { type: "contains", pass: false, score: 0, reason: "", metric: "facts", weight: 2 },
    ],
  };

  it("gives each result its named scores (means) and their weights", () => {
    const result = toPromptfooResult(NAMED, CASE, 0);
    expect(Object.keys(result.namedScores).sort()).toEqual(["facts", "set", "style"]);
    expect(result.namedScores.facts).toBeCloseTo(5 / 12, 12);
    expect(result.namedScores.style).toBe(1);
    expect(result.namedScores.set).toBe(0.25);
    expect(result.gradingResult?.namedScores).toEqual(result.namedScores);
    expect(result.gradingResult?.namedScoreWeights).toEqual({ facts: 12, style: 1, set: 2 });
    // The set's entry lists its assertions, each under its metric; the set names none of its own.
    expect(result.gradingResult?.componentResults[3]).toMatchObject({
      assertion: { type: "assert-set" },
      componentResults: [{ assertion: { metric: "facts" } }, { assertion: { metric: "facts" } }],
    });
    expect(result.gradingResult?.componentResults[3]?.assertion.metric).toBeUndefined();
  });

  it("writes no named scores for a trial without metrics or one that ended in error", () => {
    const plain = toPromptfooResult(TRIAL, CASE, 0);
    expect(plain.namedScores).toEqual({});
    expect(plain.gradingResult).not.toHaveProperty("namedScoreWeights");
    const failed = toPromptfooResult({ ...NAMED, status: "error" }, CASE, 0);
    expect(failed.namedScores).toEqual({});
  });

  it("adds a column's named scores up as weighted totals with their weights and counts", () => {
    const metrics = emptyPromptfooMetrics();
    for (const trial of [NAMED, OTHER, { ...NAMED, id: 9n, status: "error" }])
      addToPromptfooMetrics(metrics, toPromptfooResult(trial, CASE, 0));
    // facts: 5/12 × 12 + 0 × 2 = 5 over weight 14; style 1 × 1; set 0.25 × 2 = 0.5 over 2.
    expect(Object.keys(metrics.namedScores).sort()).toEqual(["facts", "set", "style"]);
    expect(metrics.namedScores.facts).toBeCloseTo(5, 12);
    expect(metrics.namedScores.style).toBe(1);
    expect(metrics.namedScores.set).toBe(0.5);
    expect(metrics.namedScoreWeights).toEqual({ facts: 14, style: 1, set: 2 });
    // Assertions under each name (getContributingAssertionCount, lines 7238-7243): facts 4 in the
    // first trial (two inside the set) + 1; the set's own metric has no assertion entry, so 1.
    expect(metrics.namedScoresCount).toEqual({ facts: 5, style: 1, set: 1 });
  });

  it("without namedScoreWeights on a result, counts its score once at its assertion count", () => {
    // getNamedMetricContribution (lines 7244-7254): no stored weight → the score itself, and the
    // number of components under the name as its weight.
    const result = toPromptfooResult(NAMED, CASE, 0);
    const grading = { ...result.gradingResult! };
    delete grading.namedScoreWeights;
    const metrics = emptyPromptfooMetrics();
    addToPromptfooMetrics(metrics, {
      ...result,
      namedScores: { facts: 0.5 },
      gradingResult: grading,
    });
    expect(metrics.namedScores).toEqual({ facts: 0.5 });
    expect(metrics.namedScoreWeights).toEqual({ facts: 4 });
    expect(metrics.namedScoresCount).toEqual({ facts: 4 });
  });
});

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

import type { Target } from "@/lib/router/types";

/** Tokens a judge call adds beyond the case and the output: the rubric frame and the verdict. */
const JUDGE_FRAME_INPUT_TOKENS = 220;
const JUDGE_OUTPUT_TOKENS = 80;

/** A target as the estimate sees it: the offerings it may call and how it picks among them. */
export type EstimateTarget = {
  label: string;
  candidates: Pick<Target, "prices">[];
  policy: "pinned" | "fallback" | "cheapest" | "fastest";
};

export type RunEstimateInput = {
  caseCount: number;
  judgedCaseCount: number;
  inputTokens: number;
  expectedOutputTokens: number;
  maxTokens: number;
  repeats: number;
  targets: EstimateTarget[];
  judge: Pick<Target, "prices"> | null;
};

/** Cost in USD, or null when a price is unknown. */
export type TargetEstimate = {
  label: string;
  trials: number;
  expectedUsd: number | null;
  maxUsd: number | null;
};

export type RunEstimate = {
  trials: number;
  judgeCalls: number;
  targets: TargetEstimate[];
  judgeUsd: number | null;
  expectedUsd: number | null;
  maxUsd: number | null;
};

function cost(prices: Target["prices"], input: number, output: number): number | null {
  if (prices.input === null || prices.output === null) return null;
  return (input * prices.input + output * prices.output) / 1_000_000;
}

function sum(values: (number | null)[]): number | null {
  let total = 0;
  for (const value of values) {
    if (value === null) return null;
    total += value;
  }
  return total;
}

/**
 * The number of trials and the cost a run will have, from catalogue prices (USD per 1M tokens).
 * `expectedUsd` assumes outputs as long as the references; `maxUsd` assumes every output reaches
 * max tokens. A fallback policy is priced at its first offering, cheapest at its cheapest, fastest
 * at its dearest (its choice is not known in advance).
 */
export function estimateRun(input: RunEstimateInput): RunEstimate {
  const passes = input.repeats;
  const expectedOutput = Math.min(input.expectedOutputTokens, input.caseCount * input.maxTokens);
  const maxOutput = input.caseCount * input.maxTokens;
  const targets = input.targets.map((target): TargetEstimate => {
    const perCandidate = target.candidates.map((candidate) => ({
      expected: cost(candidate.prices, input.inputTokens, expectedOutput),
      max: cost(candidate.prices, input.inputTokens, maxOutput),
    }));
    let chosen: { expected: number | null; max: number | null } | undefined;
    if (target.policy === "pinned" || target.policy === "fallback") chosen = perCandidate[0];
    else {
      const known = perCandidate.filter((c) => c.expected !== null && c.max !== null);
      if (known.length < perCandidate.length) chosen = { expected: null, max: null };
      else {
        const sorted = [...known].sort((a, b) => (a.expected ?? 0) - (b.expected ?? 0));
        chosen = target.policy === "cheapest" ? sorted[0] : sorted.at(-1);
      }
    }
    return {
      label: target.label,
      trials: input.caseCount * passes,
      expectedUsd: chosen?.expected == null ? null : chosen.expected * passes,
      maxUsd: chosen?.max == null ? null : chosen.max * passes,
    };
  });
  const judgeCalls = input.judge ? input.judgedCaseCount * passes * input.targets.length : 0;
  const averageInput = input.caseCount > 0 ? input.inputTokens / input.caseCount : 0;
  const judgeUsd = input.judge
    ? cost(
        input.judge.prices,
        judgeCalls * (averageInput * 2 + JUDGE_FRAME_INPUT_TOKENS + input.maxTokens / 2),
        judgeCalls * JUDGE_OUTPUT_TOKENS,
      )
    : 0;
  return {
    trials: input.caseCount * passes * input.targets.length,
    judgeCalls,
    targets,
    judgeUsd,
    expectedUsd: sum([...targets.map((t) => t.expectedUsd), judgeUsd]),
    maxUsd: sum([...targets.map((t) => t.maxUsd), judgeUsd]),
  };
}

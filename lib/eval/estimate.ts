import type { Target } from "@/lib/router/types";
import { estimatePolicy, type PolicySpec } from "./policy-spec";

/** Tokens a judge call adds beyond the case and the output: the rubric frame and the verdict. */
const JUDGE_FRAME_INPUT_TOKENS = 220;
const JUDGE_OUTPUT_TOKENS = 80;

/** A target as the estimate sees it: the offerings it may call and how it picks among them. */
export type EstimateTarget = {
  label: string;
  candidates: Pick<Target, "prices" | "offeringId">[];
  policy: PolicySpec;
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
 * max tokens. How each policy is priced over its offerings is `estimatePolicy`'s to say.
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
    const { shares, maxIndex, needsEveryPrice } = estimatePolicy(
      target.policy,
      target.candidates,
      perCandidate.map((c) => c.expected),
    );
    const isEveryPriceKnown = perCandidate.every((c) => c.expected !== null && c.max !== null);
    const used = perCandidate.filter((_, i) => (shares[i] ?? 0) > 0);
    const chosen =
      (needsEveryPrice && !isEveryPriceKnown) || used.some((c) => c.expected === null)
        ? { expected: null, max: null }
        : {
            expected: perCandidate.reduce(
              (total, c, i) => total + (shares[i] ?? 0) * (c.expected ?? 0),
              0,
            ),
            max: perCandidate[maxIndex]?.max ?? null,
          };
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

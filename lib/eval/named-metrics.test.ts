import { describe, expect, it } from "vitest";
import { scoreOutput } from "./assertions";
import {
  aggregateNamedMetrics,
  createNamedMetricsAccumulator,
  getTrialNamedScores,
} from "./named-metrics";
import type { Assertion, AssertionResult } from "./types";

const MEASURES = { costUsd: 0.001, latencyMs: 100, finishReason: "stop" };

async function score(assertions: Assertion[], output: string): Promise<AssertionResult[]> {
  return (await scoreOutput({ assertions, reference: null, messages: [] }, output, MEASURES))
    .assertions;
}

describe("getTrialNamedScores (promptfoo src/assertions/assertionsResult.ts)", () => {
  it("is the weighted mean of the assertions under each name", async () => {
    const results = await score(
      [
        { type: "contains", value: "Paris", metric: "facts", weight: 3 },
        { type: "contains", value: "Rome", metric: "facts" },
        { type: "icontains", value: "paris", metric: "style" },
        { type: "contains", value: "x" },
      ],
      "Paris",
    );
    expect(Object.fromEntries(getTrialNamedScores(results))).toEqual({
      facts: { score: 0.75, weight: 4 },
      style: { score: 1, weight: 1 },
    });
  });

  it("uses promptfoo's 0/1 score for contains-all, not the fraction found", async () => {
    const results = await score(
      [{ type: "contains-all", value: ["Paris", "Rome"], metric: "facts" }],
      "Paris",
    );
    expect(getTrialNamedScores(results).get("facts")?.score).toBe(0);
  });

  it("gives a weight-0 metric score 0 with weight 0 (totalWeight > 0 ? … : 0)", async () => {
    const results = await score(
      [{ type: "contains", value: "Paris", metric: "info", weight: 0 }],
      "Paris",
    );
    expect(getTrialNamedScores(results).get("info")).toEqual({ score: 0, weight: 0 });
  });

  it("adds an assert-set's metric and passes on its assertions' with the set's weight", async () => {
    const results = await score(
      [
        {
          type: "assert-set",
          metric: "set",
          weight: 2,
          assert: [
            { type: "contains", value: "Paris", metric: "inner" },
            { type: "contains", value: "Rome", metric: "inner", weight: 3 },
          ],
        },
        { type: "contains", value: "Paris", metric: "inner" },
      ],
      "Paris",
    );
    const scores = getTrialNamedScores(results);
    // The set: (1 + 0·3) / 4 = 0.25 at weight 2.
    expect(scores.get("set")).toEqual({ score: 0.25, weight: 2 });
    // inner: the set's 0.25 at weight 4 × 2 = 8, plus 1 at weight 1 → (2 + 1) / 9.
    expect(scores.get("inner")?.weight).toBe(9);
    expect(scores.get("inner")?.score).toBeCloseTo(3 / 9, 12);
  });
});

describe("aggregateNamedMetrics (promptfoo src/util/namedMetrics.ts)", () => {
  it("weights each trial by its metric weight and averages over trials", async () => {
    const trials = [
      await score([{ type: "contains", value: "Paris", metric: "facts", weight: 2 }], "Paris"),
      await score([{ type: "contains", value: "Paris", metric: "facts" }], "Rome"),
      await score([{ type: "contains", value: "Paris", metric: "tone" }], "Rome"),
      [],
    ];
    expect(aggregateNamedMetrics(trials)).toEqual([
      { name: "facts", mean: 2 / 3, weight: 3, trials: 2 },
      { name: "tone", mean: 0, weight: 1, trials: 1 },
    ]);
  });

  it("leaves the mean empty, not zero, when a metric has no weight", async () => {
    const trials = [
      await score([{ type: "contains", value: "Paris", metric: "info", weight: 0 }], "Paris"),
    ];
    expect(aggregateNamedMetrics(trials)).toEqual([
      { name: "info", mean: null, weight: 0, trials: 1 },
    ]);
  });

  it("is empty without metrics", () => {
    expect(aggregateNamedMetrics([[]])).toEqual([]);
  });
});

describe("createNamedMetricsAccumulator", () => {
  it("gives, trial by trial, what aggregateNamedMetrics gives for all the trials at once", async () => {
    const trials = [
      await score([{ type: "contains", value: "Paris", metric: "facts", weight: 2 }], "Paris"),
      await score([{ type: "contains", value: "Paris", metric: "facts" }], "Rome"),
      await score([{ type: "contains", value: "Paris", metric: "tone" }], "Paris"),
    ];
    const accumulator = createNamedMetricsAccumulator();
    expect(accumulator.list()).toEqual([]);
    for (const results of trials) accumulator.add(results);
    expect(accumulator.list()).toEqual(aggregateNamedMetrics(trials));
    expect(accumulator.list()).toEqual([
      { name: "facts", mean: 2 / 3, weight: 3, trials: 2 },
      { name: "tone", mean: 1, weight: 1, trials: 1 },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { describeParityReading, describeRegression } from "./regressions";

/** Each rule's sentence: its figures written by lib/format, and "simulated" when it is. */

describe("describeRegression", () => {
  it("writes a score drop with the paired interval and n", () => {
    const text = describeRegression(
      {
        targetLabel: "Claude on Bedrock",
        detail: {
          rule: "score_drop",
          before: 0.843,
          after: 0.781,
          difference: -0.062,
          interval: { low: -0.09, high: -0.034 },
          n: 120,
          threshold: 0,
          confidence: 0.95,
        },
      },
      { isSimulated: false },
    );
    expect(text).toBe(
      "Claude on Bedrock scored −6.2 points against the schedule's previous run (78.1 against 84.3 points on the same cases; 95% CI −9.0 to −3.4; n = 120 cases).",
    );
  });

  it("writes a parity change with both readings, the change and its interval", () => {
    const side = (reading: "equivalent" | "b_ahead", difference: number) => ({
      reading,
      difference,
      interval: { low: difference - 0.01, high: difference + 0.01 },
      n: 80,
    });
    const text = describeRegression(
      {
        targetLabel: "Llama on Bedrock vs Llama on Vertex",
        detail: {
          rule: "parity_changed",
          a: { label: "Llama on Bedrock", platformId: "aws-bedrock" },
          b: { label: "Llama on Vertex", platformId: "gcp-vertex" },
          modelId: "meta/llama",
          margin: 0.02,
          before: side("equivalent", 0.003),
          after: side("b_ahead", -0.06),
          shift: { difference: -0.063, interval: { low: -0.089, high: -0.036 }, n: 80 },
          confidence: 0.95,
        },
      },
      { isSimulated: true },
    );
    expect(text).toBe(
      "Parity of Llama on Bedrock and Llama on Vertex changed from equivalent to Llama on Vertex ahead: Llama on Bedrock − Llama on Vertex went from +0.3 to −6.0 points (change −6.3 points, 95% CI −8.9 to −3.6; n = 80 cases, simulated).",
    );
  });

  it("writes threshold rules with the threshold, n and the previous run's figure", () => {
    expect(
      describeRegression(
        {
          targetLabel: "GPT on Azure",
          detail: { rule: "latency_p95", before: 900, after: 2400, n: 118, threshold: 2000 },
        },
        { isSimulated: false },
      ),
    ).toBe(
      "GPT on Azure had a latency p95 of 2.40 s, over the schedule's 2.00 s threshold (n = 118 calls; 900 ms in the previous run).",
    );
    expect(
      describeRegression(
        {
          targetLabel: "GPT on Azure",
          detail: {
            rule: "error_rate",
            before: null,
            after: 0.15,
            interval: { low: 0.107, high: 0.206 },
            n: 200,
            errors: 30,
            threshold: 0.05,
            confidence: 0.95,
          },
        },
        { isSimulated: true },
      ),
    ).toBe(
      "GPT on Azure had an error rate of 15.0% (95% CI 10.7% to 20.6%; 30 errors, n = 200 trials, simulated), over the schedule's 5.0% threshold even at the interval's low end.",
    );
  });

  it("writes a router shift with both shares, the calls and the test", () => {
    expect(
      describeRegression(
        {
          targetLabel: "Bedrock prompt router",
          detail: {
            rule: "router_shift",
            ownerGroup: "Amazon group",
            before: { share: 0.25, ownerCalls: 15, calls: 60 },
            after: { share: 0.75, ownerCalls: 45, calls: 60 },
            difference: 0.5,
            z: 5.48,
            pValue: 4e-8,
            alpha: 0.01,
          },
        },
        { isSimulated: false },
      ),
    ).toBe(
      "Bedrock prompt router sent 75.0% of its calls to the Amazon group, against 25.0% in the schedule's previous run (45 of 60 calls against 15 of 60; two-proportion test p < 0.001).",
    );
  });

  it("names the side ahead", () => {
    expect(describeParityReading("a_ahead", "A on X", "A on Y")).toBe("A on X ahead");
    expect(describeParityReading("inconclusive", "A on X", "A on Y")).toBe("inconclusive");
  });
});

import { describe, expect, it } from "vitest";
import { scoreOutput } from "./assertions";
import type { Assertion, EvalCase, Judge, JudgeVerdict } from "./types";

const MEASURES = { costUsd: 0.002, latencyMs: 800 };

function makeCase(
  assertions: Assertion[],
  reference: string | null = null,
): Pick<EvalCase, "assertions" | "reference" | "messages"> {
  return {
    assertions,
    reference,
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: "What is the capital of France?" },
    ],
  };
}

async function scoreOne(assertion: Assertion, output: string, reference: string | null = null) {
  const scored = await scoreOutput(makeCase([assertion], reference), output, MEASURES);
  const result = scored.assertions[0];
  if (result === undefined) throw new Error("no assertion result");
  return result;
}

describe("scoreOutput: every assertion type passes and fails", () => {
  const schema = { type: "object", required: ["city"] };
  const cases: [Assertion, string, string][] = [
    [{ type: "equals", value: "Paris" }, "Paris", "Paris."],
    [{ type: "equals", value: { city: "Paris" } }, '{ "city": "Paris" }', '{"city": "Lyon"}'],
    [{ type: "contains", value: "Paris" }, "It is Paris.", "It is Lyon."],
    [{ type: "icontains", value: "paris" }, "PARIS", "Lyon"],
    [{ type: "contains-any", value: "Paris, Lyon" }, "Lyon", "Nice"],
    [{ type: "contains-all", value: ["Paris", "France"] }, "Paris, France", "Paris"],
    [{ type: "regex", value: "^Paris\\b" }, "Paris is lovely", "I love Paris"],
    [{ type: "starts-with", value: "Paris" }, "Paris!", "The answer: Paris"],
    [{ type: "is-json" }, '{"city": "Paris"}', "city: Paris"],
    [{ type: "is-json", value: schema }, '{"city": "Paris"}', '{"town": "Paris"}'],
    [{ type: "contains-json", value: schema }, 'Sure:\n```json\n{"city": "Paris"}\n```', "Paris"],
    [{ type: "json-schema", value: schema }, '{"city": "Paris"}', "[]"],
    [{ type: "levenshtein", value: "Paris", threshold: 1 }, "Pariss", "Parisian"],
    [{ type: "cost", threshold: 0.01 }, "any", "any"],
    [{ type: "latency", threshold: 1000 }, "any", "any"],
    [{ type: "exact-match", value: "Paris" }, '"paris."', "Paris, France"],
    [{ type: "numeric", value: 1234.5 }, "It costs $1,234.50", "It costs $1,234"],
    [
      { type: "rouge-l", value: "the capital of france is paris" },
      "Paris is the capital of France",
      "Lyon",
    ],
  ];

  it.each(cases)("%j", async (assertion, passing, failing) => {
    const good = await scoreOne(assertion, passing);
    expect(good.pass, good.reason).toBe(true);
    expect(good.score).toBeGreaterThan(0);
    if (assertion.type === "cost" || assertion.type === "latency") return;
    const bad = await scoreOne(assertion, failing);
    expect(bad.pass, bad.reason).toBe(false);
    expect(bad.score).toBeLessThan(1);
  });

  it("fails cost and latency over their limits or when unknown", async () => {
    const testCase = makeCase([
      { type: "cost", threshold: 0.001 },
      { type: "latency", threshold: 500 },
    ]);
    const over = await scoreOutput(testCase, "x", MEASURES);
    expect(over.assertions.map((result) => result.pass)).toEqual([false, false]);
    const unknown = await scoreOutput(testCase, "x", { costUsd: null, latencyMs: null });
    expect(unknown.assertions.map((result) => result.reason)).toEqual([
      "cost unknown",
      "latency unknown",
    ]);
  });

  it("says what was expected", async () => {
    expect((await scoreOne({ type: "contains", value: "Paris" }, "Lyon")).reason).toBe(
      'expected to contain "Paris"',
    );
    expect((await scoreOne({ type: "numeric", value: 7 }, "it is 8")).reason).toBe(
      "expected the last number to be 7 (± 0.000001) (got 8)",
    );
  });

  it("uses the case reference for exact-match, numeric and rouge-l without a value", async () => {
    expect((await scoreOne({ type: "exact-match" }, "paris", "Paris")).pass).toBe(true);
    expect((await scoreOne({ type: "numeric" }, "=42", "The answer is 42")).pass).toBe(true);
    expect((await scoreOne({ type: "rouge-l" }, "Paris", "Paris")).score).toBe(1);
    expect((await scoreOne({ type: "exact-match" }, "paris", "Lyon")).pass).toBe(false);
  });
});

describe("scoreOutput: negation", () => {
  it("inverts pass and score", async () => {
    const negated = await scoreOne({ type: "contains", value: "Paris", negate: true }, "Paris");
    expect(negated).toMatchObject({ pass: false, score: 0, negate: true });
    expect(negated.reason).toBe('expected not to contain "Paris"');
    const held = await scoreOne({ type: "contains", value: "Paris", negate: true }, "Lyon");
    expect(held).toMatchObject({ pass: true, score: 1 });
  });

  it("inverts graded scores", async () => {
    // contains-all finds 1 of 2, score 0.5; negated: 1 − 0.5 = 0.5, and it passes.
    const partial = await scoreOne(
      { type: "contains-all", value: ["Paris", "Rome"], negate: true },
      "Paris",
    );
    expect(partial).toMatchObject({ pass: true, score: 0.5 });
    // kitten → sitting scores 1 − 3/7 = 4/7; negated scores 3/7 and fails (3 ≤ 5 edits).
    const far = await scoreOne({ type: "levenshtein", value: "sitting", negate: true }, "kitten");
    expect(far.pass).toBe(false);
    expect(far.score).toBeCloseTo(3 / 7);
  });

  it("never turns a broken assertion into a pass", async () => {
    const regex = await scoreOne({ type: "regex", value: "([", negate: true }, "anything");
    expect(regex.pass).toBe(false);
    expect(regex.score).toBe(0);
    expect(regex.reason).toMatch(/invalid regex/);
    const schema = await scoreOne(
      { type: "is-json", value: { type: "nonsense" }, negate: true },
      "{}",
    );
    expect(schema.pass).toBe(false);
    expect(schema.reason).toMatch(/invalid schema/);
  });

  it("negates cost and latency, as promptfoo's handleCost/handleLatency (`!== inverse`)", async () => {
    const cost = await scoreOne({ type: "cost", threshold: 1, negate: true }, "x");
    expect(cost).toMatchObject({ pass: false, score: 0, negate: true });
    const latency = await scoreOne({ type: "latency", threshold: 1, negate: true }, "x");
    expect(latency).toMatchObject({ pass: true, score: 1, negate: true });
  });

  it("fails a negated cost or latency that is unknown (promptfoo throws, the test errors)", async () => {
    const scored = await scoreOutput(
      makeCase([
        { type: "cost", threshold: 1, negate: true },
        { type: "latency", threshold: 1, negate: true },
      ]),
      "x",
      { costUsd: null, latencyMs: null },
    );
    expect(scored.assertions.map((result) => result.pass)).toEqual([false, false]);
  });

  it("negates llm-rubric: pass flipped, score 1 − score (promptfoo handleLlmRubric)", async () => {
    const judge: Judge = async () => ({
      ok: true,
      pass: true,
      score: 0.8,
      reason: "fine",
      model: "judge",
    });
    const scored = await scoreOutput(
      makeCase([{ type: "llm-rubric", value: "is polite", negate: true }]),
      "x",
      MEASURES,
      judge,
    );
    expect(scored.assertions[0]).toMatchObject({ pass: false, negate: true });
    expect(scored.assertions[0]?.score).toBeCloseTo(0.2, 12);
  });

  it("fails a negated llm-rubric whose judge failed (a grader failure is not inverted)", async () => {
    const judge: Judge = async () => ({ ok: false, message: "judge down", model: "judge" });
    const scored = await scoreOutput(
      makeCase([{ type: "llm-rubric", value: "is polite", negate: true }]),
      "x",
      MEASURES,
      judge,
    );
    expect(scored.assertions[0]?.pass).toBe(false);
  });
});

describe("scoreOutput: case score", () => {
  it("is the weighted mean of assertion scores, and passes only when all pass", async () => {
    const scored = await scoreOutput(
      makeCase([
        { type: "contains", value: "Paris", weight: 3 },
        { type: "contains", value: "Rome" },
      ]),
      "Paris",
      MEASURES,
    );
    // (3·1 + 1·0) / 4 = 0.75
    expect(scored.score).toBe(0.75);
    expect(scored.pass).toBe(false);
  });

  it("never fails a case on a weight-0 assertion (promptfoo runAssertion forces pass)", async () => {
    const scored = await scoreOutput(
      makeCase([
        { type: "contains", value: "Paris" },
        { type: "contains", value: "Rome", weight: 0 },
      ]),
      "Paris",
      MEASURES,
    );
    expect(scored.score).toBe(1);
    expect(scored.pass).toBe(true);
    expect(scored.assertions[1]?.pass).toBe(true);
    expect(scored.assertions[1]?.score).toBe(0);
    expect(scored.assertions[1]?.reason).toMatch(/weight 0/);
  });

  it("falls back to pass ? 1 : 0 when no weight is positive", async () => {
    const testCase = makeCase([
      { type: "contains-all", value: ["Paris", "Rome"], weight: -1 },
      { type: "contains", value: "Paris", weight: -2 },
    ]);
    expect((await scoreOutput(testCase, "Paris", MEASURES)).score).toBe(0);
    expect((await scoreOutput(testCase, "Paris Rome", MEASURES)).score).toBe(1);
  });

  it("never lets NaN escape", async () => {
    const scored = await scoreOutput(
      makeCase([{ type: "contains", value: "Paris", weight: Number.NaN }]),
      "Paris",
      MEASURES,
      async () => ({ ok: true, pass: true, score: Number.NaN, reason: "", model: "m" }),
    );
    expect(scored.score).toBe(1);
    const judged = await scoreOutput(
      makeCase([{ type: "llm-rubric", value: "ok" }]),
      "Paris",
      MEASURES,
      async () => ({ ok: true, pass: true, score: Number.NaN, reason: "fine", model: "m" }),
    );
    expect(judged.score).toBe(0);
    expect(judged.assertions[0]?.score).toBe(0);
  });

  it("passes an empty case with score 1", async () => {
    expect(await scoreOutput(makeCase([]), "x", MEASURES)).toEqual({
      score: 1,
      pass: true,
      assertions: [],
      judge: null,
    });
  });
});

describe("scoreOutput: llm-rubric", () => {
  const rubricCase = makeCase(
    [{ type: "llm-rubric", value: "Names the capital correctly" }],
    "Paris",
  );

  it("sends the rubric, output, last user message and reference to the judge", async () => {
    const requests: Parameters<Judge>[0][] = [];
    const judge: Judge = async (request) => {
      requests.push(request);
      return { ok: true, pass: true, score: 0.9, reason: "Correct capital.", model: "judge/m1" };
    };
    const scored = await scoreOutput(rubricCase, "Paris", MEASURES, judge);
    expect(requests).toEqual([
      {
        rubric: "Names the capital correctly",
        output: "Paris",
        prompt: "What is the capital of France?",
        reference: "Paris",
      },
    ]);
    expect(scored).toMatchObject({ score: 0.9, pass: true });
    expect(scored.assertions[0]?.reason).toBe("Correct capital.");
    expect(scored.judge).toEqual({ model: "judge/m1", reason: "Correct capital." });
  });

  it("clamps the judge's score and follows its pass verdict", async () => {
    const judge: Judge = async () => ({
      ok: true,
      pass: false,
      score: 7,
      reason: "no",
      model: "m",
    });
    const scored = await scoreOutput(rubricCase, "Lyon", MEASURES, judge);
    expect(scored.assertions[0]).toMatchObject({ pass: false, score: 1 });
    expect(scored.pass).toBe(false);
  });

  it("fails without a judge", async () => {
    const scored = await scoreOutput(rubricCase, "Paris", MEASURES);
    expect(scored.assertions[0]).toMatchObject({
      pass: false,
      score: 0,
      reason: "no judge configured",
    });
    expect(scored.judge).toBeNull();
  });

  it("fails with the judge's error message, returned or thrown", async () => {
    const failing: Judge = async (): Promise<JudgeVerdict> => ({
      ok: false,
      message: "judge timed out",
      model: "judge/m1",
    });
    const returned = await scoreOutput(rubricCase, "Paris", MEASURES, failing);
    expect(returned.assertions[0]).toMatchObject({ pass: false, reason: "judge timed out" });
    expect(returned.judge).toEqual({ model: "judge/m1", reason: "judge timed out" });

    const throwing: Judge = async () => {
      throw new Error("router unavailable");
    };
    const thrown = await scoreOutput(rubricCase, "Paris", MEASURES, throwing);
    expect(thrown.assertions[0]).toMatchObject({ pass: false, reason: "router unavailable" });
    expect(thrown.judge).toBeNull();
  });

  it("keeps assertion order and records judge notes in that order", async () => {
    const judge: Judge = async ({ rubric }) => {
      // The first rubric answers last, so completion order differs from assertion order.
      await new Promise((resolve) => setTimeout(resolve, rubric === "first" ? 10 : 0));
      return { ok: true, pass: true, score: 1, reason: `${rubric} ok`, model: "m" };
    };
    const scored = await scoreOutput(
      makeCase([
        { type: "llm-rubric", value: "first" },
        { type: "contains", value: "Paris" },
        { type: "llm-rubric", value: "second" },
      ]),
      "Paris",
      MEASURES,
      judge,
    );
    expect(scored.assertions.map((result) => result.type)).toEqual([
      "llm-rubric",
      "contains",
      "llm-rubric",
    ]);
    expect(scored.judge).toEqual({ model: "m", reason: "first ok\nsecond ok" });
  });
});

describe("scoreOutput: assert-set", () => {
  it("fails a set that has lost its assertions instead of passing it", async () => {
    const scored = await scoreOutput(
      { assertions: [{ type: "assert-set" }], reference: null, messages: [] },
      "anything",
      { costUsd: null, latencyMs: null },
    );
    expect(scored.pass).toBe(false);
    expect(scored.assertions[0]?.reason).toMatch(/no assertions/);
  });

  it("passes an empty set with score 0, as promptfoo's AssertionsResult", async () => {
    const scored = await scoreOutput(
      { assertions: [{ type: "assert-set", assert: [] }], reference: null, messages: [] },
      "anything",
      { costUsd: null, latencyMs: null },
    );
    expect(scored.pass).toBe(true);
  });

  it("keeps the results of the set's assertions, with their metric and weight", async () => {
    const scored = await scoreOutput(
      {
        assertions: [
          {
            type: "assert-set",
            metric: "geo",
            assert: [
              { type: "contains", value: "Paris", weight: 2 },
              { type: "contains", value: "Rome", metric: "it" },
            ],
          },
        ],
        reference: null,
        messages: [],
      },
      "Paris",
      { costUsd: null, latencyMs: null },
    );
    const [set] = scored.assertions;
    expect(set).toMatchObject({ type: "assert-set", pass: false, metric: "geo" });
    expect(set?.assertions).toMatchObject([
      { type: "contains", pass: true, weight: 2 },
      { type: "contains", pass: false, metric: "it" },
    ]);
  });
});

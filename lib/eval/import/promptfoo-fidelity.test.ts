/**
 * Verdict fidelity with promptfoo 0.123.1: each row is a promptfoo file (YAML config, and a CSV
 * tests file where the feature is CSV-only), a model output, and the verdict promptfoo gives that
 * output, with the promptfoo source the verdict follows from. The file goes through Crossbench's
 * importer and scorer; the verdict must be the same. No network: outputs are given.
 */
import { describe, expect, it } from "vitest";
import { expectErrors, expectSuite } from "@/lib/testing/import-results";
import { scoreOutput } from "../assertions";
import type { EvalCase, Judge, TrialMeasures } from "../types";
import { importSuite } from "./index";

const MEASURES: TrialMeasures = { costUsd: 0.0005, latencyMs: 400 };

type Row = {
  /** The feature, and the promptfoo source the expected verdict follows from. */
  name: string;
  /** One test's `vars:` and `assert:` block (YAML, indented for a list item), or a CSV tests file. */
  test?: string;
  csv?: string;
  /** A whole config instead (it may read `tests.csv` from `csv`). */
  config?: string;
  output: string;
  /** The provider's finish reason for the call (default "stop"). */
  finishReason?: string | null;
  /** promptfoo's verdict on `output`. */
  pass: boolean;
};

const PROMPT = "prompts:\n  - 'Answer: {{question}}'\n";

function importRow(row: Row): EvalCase[] {
  const config =
    row.config ??
    (row.csv === undefined
      ? `${PROMPT}tests:\n  - vars:\n      question: q\n${row.test ?? ""}`
      : `${PROMPT}tests: file://tests.csv\n`);
  const suite = expectSuite(
    importSuite({
      fileName: "promptfooconfig.yaml",
      text: config,
      readFile: (file) => (file === "tests.csv" ? (row.csv ?? null) : null),
    }),
  );
  return suite.cases;
}

async function getVerdict(row: Row): Promise<boolean> {
  const cases = importRow(row);
  expect(cases).toHaveLength(1);
  const [testCase] = cases;
  if (testCase === undefined) throw new Error("no case");
  const finishReason = row.finishReason === undefined ? "stop" : row.finishReason;
  return (await scoreOutput(testCase, row.output, { ...MEASURES, finishReason })).pass;
}

const ROWS: Row[] = [
  // src/assertions/index.ts runAssertion: a string value is nunjucks.renderString(value, vars).
  {
    name: "renders a string value with the vars (index.ts runAssertion) — pass",
    test: "      expected: Canberra\n    assert:\n      - type: equals\n        value: '{{expected}}'\n",
    output: "Canberra",
    pass: true,
  },
  {
    name: "renders a string value with the vars (index.ts runAssertion) — fail",
    test: "      expected: Canberra\n    assert:\n      - type: equals\n        value: '{{expected}}'\n",
    output: "{{expected}}",
    pass: false,
  },
  // index.ts runAssertion: each string item of a list value is rendered.
  {
    name: "renders list items with the vars (index.ts runAssertion)",
    test: "      city: Canberra\n    assert:\n      - type: contains-all\n        value: ['{{city}}', Sydney]\n",
    output: "Canberra and Sydney",
    pass: true,
  },
  {
    name: "renders list items with the vars, missing item fails (index.ts runAssertion)",
    test: "      city: Canberra\n    assert:\n      - type: contains-all\n        value: ['{{city}}', Sydney]\n",
    output: "Sydney only",
    pass: false,
  },
  // src/csv.ts assertionFromString + index.ts rendering: CSV `icontains:{{city}}`.
  {
    name: "renders a CSV shorthand value with the row's vars (csv.ts, index.ts)",
    csv: "question,city,__expected\nq,Paris,icontains:{{city}}\n",
    output: "It is PARIS.",
    pass: true,
  },
  {
    name: "renders a CSV shorthand value with the row's vars — fail (csv.ts, index.ts)",
    csv: "question,city,__expected\nq,Paris,icontains:{{city}}\n",
    output: "It is Lyon.",
    pass: false,
  },
  // contains.ts isContainsValue refuses "" (the assertion errors, so the test fails).
  {
    name: "contains whose template renders empty fails (contains.ts isContainsValue)",
    test: "      city: ''\n    assert:\n      - type: contains\n        value: '{{city}}'\n",
    output: "anything",
    pass: false,
  },
  // src/assertions/contains.ts handleContainsAny → src/util/parseCommaSeparatedValues.ts.
  {
    name: 'contains-any splits a quoted string as CSV fields ("Canberra." kept whole)',
    test: "    assert:\n      - type: contains-any\n        value: '\"Canberra.\", Sydney'\n",
    output: "The capital is Canberra.",
    pass: true,
  },
  {
    name: "contains-any with quoted items does not look for the quote characters",
    test: "    assert:\n      - type: contains-any\n        value: '\"Canberra.\", Sydney'\n",
    output: "The capital is Canberra",
    pass: false,
  },
  {
    name: "contains-all keeps a comma inside quotes (parseCommaSeparatedValues)",
    test: "    assert:\n      - type: contains-all\n        value: '\"Paris, France\", Europe'\n",
    output: "Paris, France is in Europe",
    pass: true,
  },
  {
    name: "contains-all with a quoted comma item fails when the pair is split",
    test: "    assert:\n      - type: contains-all\n        value: '\"Paris, France\", Europe'\n",
    output: "Paris is in France, in Europe",
    pass: false,
  },
  // index.ts runAssertion: `if (assertion.weight === 0) return { ...result, pass: true }`.
  {
    name: "a failing weight-0 assertion never fails the test (index.ts runAssertion)",
    test: "    assert:\n      - type: contains\n        value: Paris\n      - type: contains\n        value: Rome\n        weight: 0\n",
    output: "Paris",
    pass: true,
  },
  {
    name: "a weighted assertion still fails the test beside a weight-0 one",
    test: "    assert:\n      - type: contains\n        value: Paris\n      - type: contains\n        value: Rome\n        weight: 0\n",
    output: "Rome",
    pass: false,
  },
  // src/csv.ts assertionFromString trims the value (`value?.trim()`, promptfoo ≥ 0.112.2).
  {
    name: "CSV shorthand trims the space after the colon (csv.ts) — pass",
    csv: "question,__expected\nq,starts-with: Here\n",
    output: "Here is the answer",
    pass: true,
  },
  {
    name: "CSV shorthand trims the space after the colon (csv.ts) — fail",
    csv: "question,__expected\nq,starts-with: Here\n",
    output: " There",
    pass: false,
  },
  // src/csv.ts: levenshtein without (n) gets `threshold || 0.75`; levenshtein.ts: d ≤ threshold.
  {
    name: "CSV levenshtein without (n): threshold 0.75, so an exact match passes (csv.ts)",
    csv: "question,__expected\nq,levenshtein:Paris\n",
    output: "Paris",
    pass: true,
  },
  {
    name: "CSV levenshtein without (n): one edit fails (csv.ts threshold 0.75)",
    csv: "question,__expected\nq,levenshtein:Paris\n",
    output: "Pariss",
    pass: false,
  },
  {
    name: "YAML levenshtein without threshold allows 5 edits (levenshtein.ts `?? 5`)",
    test: "    assert:\n      - type: levenshtein\n        value: Paris\n",
    output: "Pariss",
    pass: true,
  },
  {
    name: "CSV levenshtein(2) uses the given threshold (csv.ts)",
    csv: "question,__expected\nq,levenshtein(2):Paris\n",
    output: "Paaris",
    pass: true,
  },
  // src/assertions/equals.ts handleEquals: an object value deep-equals JSON.parse(output).
  {
    name: "equals with an object value compares JSON structurally (equals.ts)",
    test: "    assert:\n      - type: equals\n        value: { city: Canberra, population: 467194 }\n",
    output: '{"population": 467194, "city": "Canberra"}',
    pass: true,
  },
  {
    name: "equals with an object value fails on different JSON (equals.ts)",
    test: "    assert:\n      - type: equals\n        value: { city: Canberra }\n",
    output: '{"city": "Sydney"}',
    pass: false,
  },
  {
    name: "equals with an object value fails on non-JSON output (equals.ts)",
    test: "    assert:\n      - type: equals\n        value: { city: Canberra }\n",
    output: "Canberra",
    pass: false,
  },
  // src/csv.ts: `cost(0.001):` matches the shorthand with an empty value; cost.ts reads only
  // the threshold.
  {
    name: "CSV cost(0.001): with a trailing colon (csv.ts, cost.ts) — pass",
    csv: "question,__expected\nq,cost(0.001):\n",
    output: "anything",
    pass: true,
  },
  {
    name: "CSV cost(0.0001): with a trailing colon (csv.ts, cost.ts) — fail",
    csv: "question,__expected\nq,cost(0.0001):\n",
    output: "anything",
    pass: false,
  },
  // src/csv.ts: `latency` / `cost` without (n) get threshold 0.75 (ms / USD); latency.ts, cost.ts.
  {
    name: "CSV latency without a threshold gets 0.75 ms, so a real call fails (csv.ts)",
    csv: "question,__expected\nq,latency\n",
    output: "anything",
    pass: false,
  },
  {
    name: "CSV cost without a threshold gets $0.75 (csv.ts, cost.ts)",
    csv: "question,__expected\nq,cost\n",
    output: "anything",
    pass: true,
  },
  // src/assertions/json.ts getJsonSchemaValidator: a string schema is `yaml.load(renderedValue)`.
  {
    name: "is-json with a schema given as a YAML string (json.ts) — pass",
    test: "    assert:\n      - type: is-json\n        value: |\n          type: object\n          required: [city]\n",
    output: '{"city": "Canberra"}',
    pass: true,
  },
  {
    name: "is-json with a schema given as a YAML string (json.ts) — fail",
    test: "    assert:\n      - type: is-json\n        value: |\n          type: object\n          required: [city]\n",
    output: '{"town": "Canberra"}',
    pass: false,
  },
  // promptfoo 0.123.1 src/assertions/levenshtein.ts handleLevenshtein:
  // `pass = levDistance <= threshold !== inverse`.
  {
    name: "not-levenshtein inverts the verdict (levenshtein.ts `!== inverse`) — close fails",
    test: "    assert:\n      - type: not-levenshtein\n        value: Paris\n        threshold: 1\n",
    output: "Pariss",
    pass: false,
  },
  {
    name: "not-levenshtein inverts the verdict (levenshtein.ts `!== inverse`) — far passes",
    test: "    assert:\n      - type: not-levenshtein\n        value: Paris\n        threshold: 1\n",
    output: "London",
    pass: true,
  },
  // src/assertions/cost.ts handleCost, latency.ts handleLatency: `cost <= threshold !== inverse`.
  {
    name: "not-cost passes when the call cost more than the threshold (cost.ts inverse)",
    test: "    assert:\n      - type: not-cost\n        threshold: 0.0001\n",
    output: "anything",
    pass: true,
  },
  {
    name: "not-latency fails when the call was within the threshold (latency.ts inverse)",
    test: "    assert:\n      - type: not-latency\n        threshold: 1000\n",
    output: "anything",
    pass: false,
  },
  {
    name: "CSV not-cost(0.001) inverts the cost check (csv.ts, cost.ts)",
    csv: "question,__expected\nq,not-cost(0.001)\n",
    output: "anything",
    pass: false,
  },
  // src/csv.ts assertionFromString: only a cell starting "grade:" or "llm-rubric:" is a rubric;
  // "not-grade:…" matches no type, so it is equals text.
  {
    name: "CSV not-grade:… is an equals check on the whole cell (csv.ts)",
    csv: "question,__expected\nq,not-grade:is rude\n",
    output: "not-grade:is rude",
    pass: true,
  },
  // src/assertions/contains.ts handleIContainsAny / handleIContainsAll.
  {
    name: "icontains-any ignores case (contains.ts handleIContainsAny)",
    test: "    assert:\n      - type: icontains-any\n        value: [paris, lyon]\n",
    output: "PARIS",
    pass: true,
  },
  {
    name: "icontains-any fails when none is found (contains.ts)",
    test: "    assert:\n      - type: icontains-any\n        value: 'paris, lyon'\n",
    output: "Rome",
    pass: false,
  },
  {
    name: "icontains-all ignores case (contains.ts handleIContainsAll)",
    csv: 'question,__expected\nq,"icontains-all:paris, france"\n',
    output: "Paris is in FRANCE",
    pass: true,
  },
  {
    name: "not-icontains-all passes when one is missing (contains.ts inverse)",
    test: "    assert:\n      - type: not-icontains-all\n        value: [paris, france]\n",
    output: "Paris",
    pass: true,
  },
  // src/assertions/wordCount.ts handleWordCount.
  {
    name: "word-count with a number is an exact count (wordCount.ts)",
    test: "    assert:\n      - type: word-count\n        value: 3\n",
    output: "  one two\nthree ",
    pass: true,
  },
  {
    name: "word-count with { min, max } is an inclusive range (wordCount.ts) — fail",
    test: "    assert:\n      - type: word-count\n        value: { min: 4, max: 6 }\n",
    output: "one two three",
    pass: false,
  },
  {
    name: "word-count from the CSV shorthand (csv.ts, wordCount.ts)",
    csv: "question,__expected\nq,word-count:2\n",
    output: "two words",
    pass: true,
  },
  // src/assertions/assertionsResult.ts testResult: a numeric threshold decides the test's pass.
  {
    name: "test threshold passes on the weighted score despite a failure (assertionsResult.ts)",
    test: "    threshold: 0.5\n    assert:\n      - type: contains\n        value: Paris\n      - type: contains\n        value: Rome\n",
    output: "Paris",
    pass: true,
  },
  {
    name: "test threshold fails below the weighted score (assertionsResult.ts)",
    test: "    threshold: 0.6\n    assert:\n      - type: contains\n        value: Paris\n      - type: contains\n        value: Rome\n",
    output: "Paris",
    pass: false,
  },
  // src/csv.ts testCaseFromCsvRow: `threshold = parseFiniteNumber(value)`, kept unless undefined.
  {
    name: "CSV __threshold decides the test's pass (csv.ts testCaseFromCsvRow)",
    csv: "question,__expected1,__expected2,__threshold\nq,contains:Paris,contains:Rome,0.5\n",
    output: "Paris",
    pass: true,
  },
  {
    name: "CSV __threshold of 0 is a threshold: any score passes (csv.ts parseFiniteNumber)",
    csv: "question,__expected1,__expected2,__threshold\nq,contains:Paris,contains:Rome,0\n",
    output: "Paris",
    pass: true,
  },
  {
    name: "CSV __threshold that is not a whole number literal sets none (csv.ts parseFiniteNumber)",
    csv: "question,__expected1,__expected2,__threshold\nq,contains:Paris,contains:Rome,0.5x\n",
    output: "Paris",
    pass: false,
  },
  // src/csv.ts assertionFromString: `threshold: threshold ?? defaultThreshold`, so (0) stays 0.
  {
    name: "CSV cost(0) keeps threshold 0, so a paid call fails (csv.ts `threshold ?? 0.75`)",
    csv: "question,__expected\nq,cost(0)\n",
    output: "anything",
    pass: false,
  },
  // src/csv.ts getAssertionRegex: the threshold is `\((\d+(?:\.\d+)?)\)`; anything else is no
  // shorthand, so the whole cell is an `equals` value.
  {
    name: "CSV levenshtein(x):… is an equals check on the whole cell (csv.ts getAssertionRegex)",
    csv: "question,__expected\nq,levenshtein(x):Paris\n",
    output: "levenshtein(x):Paris",
    pass: true,
  },
  // src/csv.ts assertionFromString: contains-any/all values go through
  // parseCommaSeparatedAssertionValues, so quotes keep commas in the CSV shorthand too.
  {
    name: "CSV contains-all keeps a quoted comma item whole (csv.ts) — pass",
    csv: 'question,__expected\nq,"contains-all:""Paris, France"", Europe"\n',
    output: "Paris, France is in Europe",
    pass: true,
  },
  {
    name: "CSV contains-all keeps a quoted comma item whole (csv.ts) — fail",
    csv: 'question,__expected\nq,"contains-all:""Paris, France"", Europe"\n',
    output: "Paris is in France, in Europe",
    pass: false,
  },
  // src/csv.ts testCaseFromCsvRow: any column whose name starts with `__expected` is an assertion.
  {
    name: "CSV column __expected_style is an assertion column (csv.ts `startsWith`) — fail",
    csv: "question,__expected_style\nq,icontains:polite\n",
    output: "Rude answer",
    pass: false,
  },
  // src/evaluator.ts prepareTestCaseForEval: `testCase.threshold ?? defaultTest?.threshold`.
  {
    name: "defaultTest.threshold applies to a test without one (evaluator.ts) — pass",
    config: `${PROMPT}defaultTest:\n  threshold: 0.5\ntests:\n  - vars: { question: q }\n    assert:\n      - type: contains\n        value: Paris\n      - type: contains\n        value: Rome\n`,
    output: "Paris",
    pass: true,
  },
  {
    name: "a test's own threshold wins over defaultTest.threshold (evaluator.ts `??`)",
    config: `${PROMPT}defaultTest:\n  threshold: 0.5\ntests:\n  - vars: { question: q }\n    threshold: 0.75\n    assert:\n      - type: contains\n        value: Paris\n      - type: contains\n        value: Rome\n`,
    output: "Paris",
    pass: false,
  },
  {
    name: "defaultTest.threshold applies to CSV tests (evaluator.ts prepareTestCaseForEval)",
    config: `${PROMPT}defaultTest:\n  threshold: 0.5\ntests: file://tests.csv\n`,
    csv: "question,__expected1,__expected2\nq,contains:Paris,contains:Rome\n",
    output: "Paris",
    pass: true,
  },
  // evaluator.ts prepareTestCaseForEval: `options.disableDefaultAsserts === true` drops
  // defaultTest.assert for that test.
  {
    name: "options.disableDefaultAsserts drops defaultTest.assert (evaluator.ts)",
    config: `${PROMPT}defaultTest:\n  assert:\n    - type: contains\n      value: Rome\ntests:\n  - vars: { question: q }\n    options: { disableDefaultAsserts: true }\n    assert:\n      - type: contains\n        value: Paris\n`,
    output: "Paris",
    pass: true,
  },
  {
    name: "defaultTest.assert applies without disableDefaultAsserts (evaluator.ts)",
    config: `${PROMPT}defaultTest:\n  assert:\n    - type: contains\n      value: Rome\ntests:\n  - vars: { question: q }\n    assert:\n      - type: contains\n        value: Paris\n`,
    output: "Paris",
    pass: false,
  },
  // src/assertions/finishReason.ts handleFinishReason: case-insensitive equality with the
  // provider's finish reason (normalised by src/util/finishReason.ts normalizeFinishReason).
  {
    name: "finish-reason equals the provider's finish reason (finishReason.ts) — pass",
    test: "    assert:\n      - type: finish-reason\n        value: stop\n",
    output: "anything",
    finishReason: "stop",
    pass: true,
  },
  {
    name: "finish-reason compares ignoring case (finishReason.ts toLowerCase)",
    test: "    assert:\n      - type: finish-reason\n        value: LENGTH\n",
    output: "anything",
    finishReason: "length",
    pass: true,
  },
  {
    name: "finish-reason fails on another reason (finishReason.ts)",
    test: "    assert:\n      - type: finish-reason\n        value: stop\n",
    output: "anything",
    finishReason: "length",
    pass: false,
  },
  {
    name: "finish-reason: tool calls are tool_calls (util/finishReason.ts FINISH_REASON_MAP)",
    test: "    assert:\n      - type: finish-reason\n        value: tool_calls\n",
    output: "anything",
    finishReason: "tool-calls",
    pass: true,
  },
  {
    name: "finish-reason fails when the provider gave none (finishReason.ts)",
    test: "    assert:\n      - type: finish-reason\n        value: stop\n",
    output: "anything",
    finishReason: null,
    pass: false,
  },
  {
    name: "not-finish-reason passes when the provider gave none (finishReason.ts `pass = inverse`)",
    test: "    assert:\n      - type: not-finish-reason\n        value: stop\n",
    output: "anything",
    finishReason: null,
    pass: true,
  },
  {
    name: "not-finish-reason fails on the same reason (finishReason.ts inverse)",
    test: "    assert:\n      - type: not-finish-reason\n        value: stop\n",
    output: "anything",
    finishReason: "stop",
    pass: false,
  },
  {
    name: "finish-reason from the CSV shorthand (csv.ts, finishReason.ts)",
    csv: "question,__expected\nq,finish-reason:length\n",
    output: "anything",
    finishReason: "length",
    pass: true,
  },
  // src/assertions/index.ts runAssertions: an assert-set is scored by its own AssertionsResult
  // (threshold from the set), then added to the test's result with the set's weight and metric.
  {
    name: "assert-set passes when all its assertions pass (index.ts runAssertions)",
    test: "    assert:\n      - type: assert-set\n        assert:\n          - type: contains\n            value: Paris\n          - type: contains\n            value: France\n",
    output: "Paris, France",
    pass: true,
  },
  {
    name: "assert-set without threshold fails when one fails (assertionsResult.ts testResult)",
    test: "    assert:\n      - type: assert-set\n        assert:\n          - type: contains\n            value: Paris\n          - type: contains\n            value: France\n",
    output: "Paris",
    pass: false,
  },
  {
    name: "assert-set threshold passes on the set's score (assertionsResult.ts `score >= threshold`)",
    test: "    assert:\n      - type: assert-set\n        threshold: 0.5\n        assert:\n          - type: contains\n            value: Paris\n          - type: contains\n            value: France\n",
    output: "Paris",
    pass: true,
  },
  {
    name: "assert-set threshold fails below the set's score (assertionsResult.ts)",
    test: "    assert:\n      - type: assert-set\n        threshold: 0.6\n        assert:\n          - type: contains\n            value: Paris\n          - type: contains\n            value: France\n",
    output: "Paris",
    pass: false,
  },
  {
    name: "a passing assert-set contributes its score, not 1, to a test threshold (index.ts)",
    test: "    threshold: 0.8\n    assert:\n      - type: contains\n        value: Paris\n      - type: assert-set\n        threshold: 0.5\n        assert:\n          - type: contains\n            value: Paris\n          - type: contains\n            value: Rome\n",
    output: "Paris",
    pass: false,
  },
  {
    name: "assert-set weight counts in the test score (index.ts addResult weight)",
    test: "    threshold: 0.7\n    assert:\n      - type: contains\n        value: Paris\n      - type: assert-set\n        weight: 3\n        assert:\n          - type: contains\n            value: Rome\n",
    output: "Paris",
    pass: false,
  },
  {
    name: "a failing assert-set with weight 0 still fails the test (only runAssertion forces weight 0)",
    test: "    assert:\n      - type: contains\n        value: Paris\n      - type: assert-set\n        weight: 0\n        assert:\n          - type: contains\n            value: Rome\n",
    output: "Paris",
    pass: false,
  },
  {
    name: "a weight-0 assertion inside an assert-set is informational (index.ts runAssertion)",
    test: "    assert:\n      - type: assert-set\n        assert:\n          - type: contains\n            value: Paris\n          - type: contains\n            value: Rome\n            weight: 0\n",
    output: "Paris",
    pass: true,
  },
  {
    name: "assert-set values are rendered with the vars (index.ts runAssertion)",
    test: "      city: Paris\n    assert:\n      - type: assert-set\n        assert:\n          - type: contains\n            value: '{{city}}'\n",
    output: "Paris",
    pass: true,
  },
  // src/assertions/rouge.ts handleRougeScore: rouge-n is ROUGE-1 F1 of the lower-cased texts
  // (clipped counts, js-rouge treeBankTokenize), passing at `threshold ?? 0.75`.
  {
    name: "rouge-n passes at ROUGE-1 F1 ≥ 0.75 by default (rouge.ts) — pass",
    test: "    assert:\n      - type: rouge-n\n        value: The cat sat on the mat\n",
    output: "the cat sat on a mat",
    pass: true,
  },
  {
    name: "rouge-n fails below 0.75 by default (rouge.ts)",
    test: "    assert:\n      - type: rouge-n\n        value: The cat sat on the mat\n",
    output: "a dog sat on the rug",
    pass: false,
  },
  {
    name: "rouge-n with a threshold (rouge.ts `assertion.threshold ?? 0.75`)",
    test: "    assert:\n      - type: rouge-n\n        value: The cat sat on the mat\n        threshold: 0.5\n",
    output: "a dog sat on the rug",
    pass: true,
  },
  {
    name: "not-rouge-n inverts the verdict (rouge.ts inverse)",
    test: "    assert:\n      - type: not-rouge-n\n        value: The cat sat on the mat\n",
    output: "a dog sat on the rug",
    pass: true,
  },
  {
    name: "rouge-n from the CSV shorthand (csv.ts threshold default 0.75)",
    csv: "question,__expected\nq,rouge-n:The cat sat on the mat\n",
    output: "The cat sat on the mat.",
    pass: true,
  },
];

describe("promptfoo verdict fidelity", () => {
  it.each(ROWS)("$name", async (row) => {
    expect(await getVerdict(row)).toBe(row.pass);
  });
});

describe("promptfoo verdict fidelity: array vars (src/evaluator.ts generateVarCombinations)", () => {
  const config = `${PROMPT}tests:
  - vars:
      question: [capital of France, capital of Italy]
      style: [short, long]
      facts: [{ a: 1 }]
    assert:
      - type: icontains
        value: '{{style}}'
`;

  it("expands string-list vars into the cartesian product, earlier keys slowest", () => {
    const suite = expectSuite(importSuite({ fileName: "promptfooconfig.yaml", text: config }));
    expect(suite.cases.map((testCase) => testCase.id)).toEqual([
      "t1-v1-p1",
      "t1-v2-p1",
      "t1-v3-p1",
      "t1-v4-p1",
    ]);
    expect(suite.cases.map((testCase) => testCase.messages[0]?.content)).toEqual([
      "Answer: capital of France",
      "Answer: capital of France",
      "Answer: capital of Italy",
      "Answer: capital of Italy",
    ]);
    expect(suite.cases.map((testCase) => testCase.assertions[0]?.value)).toEqual([
      "short",
      "long",
      "short",
      "long",
    ]);
    // A list whose first item is not a string is one value (generateVarCombinations).
    expect(suite.cases[0]?.vars?.facts).toBe('[{"a":1}]');
  });

  it("scores each expanded test with its own vars", async () => {
    const suite = expectSuite(importSuite({ fileName: "promptfooconfig.yaml", text: config }));
    const verdicts = await Promise.all(
      suite.cases.map(
        async (testCase) => (await scoreOutput(testCase, "A short answer", MEASURES)).pass,
      ),
    );
    expect(verdicts).toEqual([true, false, true, false]);
  });

  it("counts the expanded tests against the case limit before expanding", () => {
    const items = Array.from({ length: 200 }, (_, index) => `v${index}`).join(", ");
    const text = `${PROMPT}tests:\n  - vars:\n      question: [${items}]\n      other: [${items}]\n`;
    const result = importSuite({ fileName: "promptfooconfig.yaml", text });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toMatch(/too many cases: 1 prompts × 40000/);
  });
});

describe("promptfoo verdict fidelity: test threshold (src/assertions/assertionsResult.ts)", () => {
  // AssertionsResult.testResult: with a numeric threshold, `pass = score >= threshold`, where the
  // score is the weighted mean of assertion scores (0/1 for contains, contains-all, levenshtein).
  const assertions: EvalCase["assertions"] = [
    { type: "contains", value: "Canberra", weight: 2 },
    { type: "contains-all", value: ["Sydney", "Perth"] },
  ];
  const base: EvalCase = {
    id: "t1-p1",
    category: "general",
    tags: [],
    messages: [{ role: "user", content: "q" }],
    reference: null,
    assertions,
  };
  const cases: { name: string; threshold: number; output: string; pass: boolean }[] = [
    {
      name: "score 2/3 reaches 0.6 although an assertion failed",
      threshold: 0.6,
      output: "Canberra, Sydney",
      pass: true,
    },
    { name: "score 2/3 misses 0.7", threshold: 0.7, output: "Canberra, Sydney", pass: false },
    // contains-all scores 0, not ½, in promptfoo (contains.ts: score: pass ? 1 : 0).
    {
      name: "a half-found contains-all scores 0 toward the threshold",
      threshold: 0.8,
      output: "Canberra, Sydney",
      pass: false,
    },
    {
      name: "score 1/3 misses 0.5 even though one assertion passed",
      threshold: 0.5,
      output: "Sydney and Perth",
      pass: false,
    },
    {
      name: "threshold 0 passes any score (typeof threshold === 'number')",
      threshold: 0,
      output: "nothing",
      pass: true,
    },
  ];
  it.each(cases)("$name", async ({ threshold, output, pass }) => {
    const scored = await scoreOutput({ ...base, threshold }, output, MEASURES);
    expect(scored.pass).toBe(pass);
  });

  it("without a threshold every assertion must pass", async () => {
    expect((await scoreOutput(base, "Canberra, Sydney", MEASURES)).pass).toBe(false);
  });
});

describe("promptfoo fidelity: what the import says", () => {
  function importCsv(csv: string) {
    return importSuite({
      fileName: "promptfooconfig.yaml",
      text: `${PROMPT}tests: file://tests.csv\n`,
      readFile: (file) => (file === "tests.csv" ? csv : null),
    });
  }

  it("warns that a CSV levenshtein without (n) gets promptfoo's 0.75", () => {
    const result = importCsv("question,__expected\nq,levenshtein:Paris\n");
    expect(result.ok && result.warnings.join("\n")).toMatch(/levenshtein.*0\.75.*exact match/);
    expect(result.ok && result.suite.cases[0]?.assertions[0]?.threshold).toBe(0.75);
  });

  it("reads not-levenshtein as a negated levenshtein, without a warning", () => {
    const result = importSuite({
      fileName: "promptfooconfig.yaml",
      text: `${PROMPT}tests:\n  - vars: { question: q }\n    assert:\n      - type: not-levenshtein\n        value: x\n`,
    });
    const suite = expectSuite(result);
    expect(suite.cases[0]?.assertions[0]).toMatchObject({ type: "levenshtein", negate: true });
    expect(result.ok && result.warnings.join("\n")).not.toMatch(/levenshtein/);
  });

  it("refuses a contains-any string with an unterminated quote, with its line", () => {
    const result = importSuite({
      fileName: "promptfooconfig.yaml",
      text: `${PROMPT}tests:\n  - vars: { question: q }\n    assert:\n      - type: contains-any\n        value: '"open, b'\n`,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]?.line).toBe(6);
      expect(result.errors[0]?.message).toMatch(/contains-any: unterminated/);
    }
  });

  it("refuses an assertion value whose template cannot run, naming the test", () => {
    const result = importSuite({
      fileName: "promptfooconfig.yaml",
      text: `${PROMPT}tests:\n  - vars: { question: q }\n    assert:\n      - type: contains\n        value: '{{ question | nosuchfilter }}'\n`,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toMatch(/assertion value .* test 1/);
  });

  it("never executes an assertion value: a call in a template is refused", () => {
    const result = importSuite({
      fileName: "promptfooconfig.yaml",
      text: `${PROMPT}tests:\n  - vars: { question: q }\n    assert:\n      - type: contains\n        value: "{{ question.constructor('return 1')() }}"\n`,
    });
    expect(result.ok).toBe(false);
  });
});

describe("promptfoo fidelity: options.prefix and options.suffix (src/evaluator.ts)", () => {
  // createRunEvalOption: `raw: promptPrefix + prompt.raw + promptSuffix`, the whole then rendered
  // with the vars; appendRunEvalOptionsForTestCase: `testCase.options?.prefix ||
  // defaultTest?.options?.prefix || ""` (the same for suffix).
  function importPrompts(config: string, csv?: string): string[] {
    const suite = expectSuite(
      importSuite({
        fileName: "promptfooconfig.yaml",
        text: config,
        readFile: (file) => (file === "tests.csv" ? (csv ?? null) : null),
      }),
    );
    return suite.cases.map((testCase) => testCase.messages[0]?.content ?? "");
  }

  it("wraps the prompt in the test's prefix and suffix, rendered with the vars", () => {
    const config = `${PROMPT}tests:\n  - vars: { question: q1 }\n    options:\n      prefix: "About {{question}}. "\n      suffix: "\\nBe brief."\n`;
    expect(importPrompts(config)).toEqual(["About q1. Answer: q1\nBe brief."]);
  });

  it("takes defaultTest.options where the test has none, the test's own first", () => {
    const config = `${PROMPT}defaultTest:\n  options: { prefix: "D: ", suffix: " (d)" }\ntests:\n  - vars: { question: q1 }\n  - vars: { question: q2 }\n    options: { prefix: "T: " }\n`;
    expect(importPrompts(config)).toEqual(["D: Answer: q1 (d)", "T: Answer: q2 (d)"]);
  });

  it("reads the CSV __prefix and __suffix columns (src/csv.ts testCaseFromCsvRow)", () => {
    const csv = "question,__prefix,__suffix\nq1,P: ,!\nq2,,\n";
    const config = `${PROMPT}defaultTest:\n  options: { prefix: "D: " }\ntests: file://tests.csv\n`;
    // An empty __prefix is "", so `||` falls back to defaultTest's.
    expect(importPrompts(config, csv)).toEqual(["P: Answer: q1!", "D: Answer: q2"]);
  });

  it.each(["transform", "postprocess", "transformVars"])(
    "refuses options.%s (JavaScript), with its line",
    (key) => {
      const text = `${PROMPT}tests:\n  - vars: { question: q }\n    options:\n      ${key}: output.toUpperCase()\n`;
      const errors = expectErrors(importSuite({ fileName: "promptfooconfig.yaml", text }));
      expect(errors[0]?.line).toBe(6);
      expect(errors[0]?.message).toMatch(new RegExp(`options\\.${key}.*JavaScript`));
    },
  );

  it("refuses defaultTest.options.transform with its line", () => {
    const text = `${PROMPT}defaultTest:\n  options:\n    transform: output.trim()\ntests:\n  - vars: { question: q }\n`;
    const errors = expectErrors(importSuite({ fileName: "promptfooconfig.yaml", text }));
    expect(errors[0]?.line).toBe(5);
  });

  it("does not expand list vars with options.disableVarExpansion (evaluator.ts)", () => {
    const config = `${PROMPT}tests:\n  - vars: { question: [a, b] }\n    options: { disableVarExpansion: true }\n`;
    expect(importPrompts(config)).toHaveLength(1);
  });
});

describe("promptfoo fidelity: metric (src/assertions/index.ts runAssertions)", () => {
  it("keeps each assertion's metric, rendered with the vars (renderMetricName)", async () => {
    const text = `${PROMPT}tests:\n  - vars: { question: q, topic: geo }\n    assert:\n      - type: contains\n        value: Paris\n        metric: '{{topic}}-accuracy'\n      - type: contains\n        value: France\n`;
    const suite = expectSuite(importSuite({ fileName: "promptfooconfig.yaml", text }));
    const [testCase] = suite.cases;
    if (testCase === undefined) throw new Error("no case");
    const scored = await scoreOutput(testCase, "Paris", MEASURES);
    expect(scored.assertions.map((result) => result.metric)).toEqual(["geo-accuracy", undefined]);
  });

  it("puts the CSV __metric on every assertion of the row (src/csv.ts testCaseFromCsvRow)", () => {
    const result = importSuite({
      fileName: "promptfooconfig.yaml",
      text: `${PROMPT}tests: file://tests.csv\n`,
      readFile: () => "question,__expected1,__expected2,__metric\nq,contains:a,contains:b,style\n",
    });
    const suite = expectSuite(result);
    expect(suite.cases[0]?.assertions.map((assertion) => assertion.metric)).toEqual([
      "style",
      "style",
    ]);
  });

  it("no longer warns that metric is ignored", () => {
    const text = `${PROMPT}tests:\n  - vars: { question: q }\n    assert:\n      - type: contains\n        value: a\n        metric: m\n`;
    const result = importSuite({ fileName: "promptfooconfig.yaml", text });
    expect(result.ok && result.warnings.join("\n")).not.toMatch(/metric/);
  });
});

describe("promptfoo fidelity: what promptfoo refuses or cannot run", () => {
  it("refuses an assert-set inside an assert-set (no handler for it in runAssertion)", () => {
    const text = `${PROMPT}tests:\n  - vars: { question: q }\n    assert:\n      - type: assert-set\n        assert:\n          - type: assert-set\n            assert:\n              - type: contains\n                value: a\n`;
    const errors = expectErrors(importSuite({ fileName: "promptfooconfig.yaml", text }));
    expect(errors[0]?.message).toMatch(/assert-set.*inside an assert-set/);
  });

  it("refuses an assert-set without a list of assertions (validateAssertions.ts)", () => {
    const text = `${PROMPT}tests:\n  - vars: { question: q }\n    assert:\n      - type: assert-set\n`;
    const errors = expectErrors(importSuite({ fileName: "promptfooconfig.yaml", text }));
    expect(errors[0]?.line).toBe(6);
  });

  it.each([
    ["exact-match", "Paris"],
    ["numeric", "1"],
    ["rouge-l", "Paris"],
    ["json-schema", "{ type: object }"],
  ])("warns that %s is Crossbench's own type, which promptfoo does not know", (type, value) => {
    const text = `${PROMPT}tests:\n  - vars: { question: q }\n    assert:\n      - type: ${type}\n        value: ${value}\n`;
    const result = importSuite({ fileName: "promptfooconfig.yaml", text });
    expect(result.ok && result.warnings.join("\n")).toMatch(
      new RegExp(`"${type}" is a Crossbench assertion type.*Unknown assertion type`),
    );
  });
});

describe("promptfoo fidelity: Crossbench's own types in a CSV cell", () => {
  it("warns that promptfoo compares such a cell as equals text", () => {
    const result = importSuite({
      fileName: "promptfooconfig.yaml",
      text: `${PROMPT}tests: file://tests.csv\n`,
      readFile: () => "question,__expected\nq,exact-match:Paris\n",
    });
    expect(result.ok && result.warnings.join("\n")).toMatch(/"exact-match".*equals text/);
  });
});

describe("promptfoo fidelity: llm-rubric threshold (src/matchers runJsonGradingPrompt)", () => {
  // `if (typeof threshold === "number" && Number.isFinite(threshold)) pass = pass && score >= threshold`
  const judge: Judge = async () => ({
    ok: true,
    pass: true,
    score: 0.6,
    reason: "mostly polite",
    model: "judge",
  });
  it.each([
    { threshold: 0.7, pass: false },
    { threshold: 0.5, pass: true },
  ])("a judge pass with score 0.6 at threshold $threshold: $pass", async ({ threshold, pass }) => {
    const text = `${PROMPT}tests:\n  - vars: { question: q }\n    assert:\n      - type: llm-rubric\n        value: is polite\n        threshold: ${threshold}\n`;
    const [testCase] = expectSuite(importSuite({ fileName: "promptfooconfig.yaml", text })).cases;
    if (testCase === undefined) throw new Error("no case");
    expect((await scoreOutput(testCase, "Hello", MEASURES, judge)).pass).toBe(pass);
  });
});

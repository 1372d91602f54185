import { describe, expect, it } from "vitest";
import { expectErrors, expectSuite } from "@/lib/testing/import-results";
import { formatImportIssue, importSuite, type ImportIssue } from "./index";

describe("importSuite: dispatch and limits", () => {
  it("formats an issue with file and line", () => {
    expect(
      formatImportIssue({
        file: "tests.csv",
        line: 4,
        message: 'unsupported assertion type "javascript"',
      }),
    ).toBe('tests.csv line 4: unsupported assertion type "javascript"');
    expect(formatImportIssue({ file: "a.yaml", line: null, message: "the file is empty" })).toBe(
      "a.yaml: the file is empty",
    );
  });

  it("rejects unknown extensions, empty files and files over 5 MB", () => {
    expect(expectErrors(importSuite({ fileName: "suite.json", text: "{}" }))[0]?.message).toMatch(
      /unsupported file type/,
    );
    expect(expectErrors(importSuite({ fileName: "suite.jsonl", text: "  \n\n" }))[0]?.message).toBe(
      "the file is empty",
    );
    const big = `${JSON.stringify({ input: "x".repeat(1000), ideal: "y" })}\n`.repeat(5300);
    expect(expectErrors(importSuite({ fileName: "big.jsonl", text: big }))[0]?.message).toMatch(
      /larger than 5 MB/,
    );
  });

  it("rejects more than 10,000 cases, naming the first line over the limit", () => {
    const text = `${JSON.stringify({ input: "q", ideal: "a" })}\n`.repeat(10_001);
    const errors = expectErrors(importSuite({ fileName: "many.jsonl", text }));
    expect(errors).toEqual([
      { file: "many.jsonl", line: 10_001, message: expect.stringMatching(/too many cases/) },
    ]);
  });
});

describe("importSuite: JSONL", () => {
  const text = [
    JSON.stringify({ input: "What is 2+2?", ideal: "4" }),
    "",
    JSON.stringify({
      input: [
        { role: "system", content: "Be terse." },
        { role: "user", content: "Capital of France?" },
      ],
      ideal: ["Paris", "paris, France"],
      category: "reasoning",
      tags: ["geo"],
      assert: [
        { type: "not-contains", value: "London" },
        { type: "latency", threshold: 2000 },
      ],
    }),
  ].join("\n");

  it("reads string and message inputs, ideals, categories, tags and assertions", () => {
    const suite = expectSuite(importSuite({ fileName: "evals/Geo QA.jsonl", text }));
    expect(suite.slug).toBe("geo-qa");
    expect(suite.name).toBe("Geo QA");
    expect(suite.description).toMatch(/JSONL/);
    expect(suite.cases.map((testCase) => testCase.id)).toEqual(["line-1", "line-3"]);
    expect(suite.cases[0]).toMatchObject({
      category: "general",
      messages: [{ role: "user", content: "What is 2+2?" }],
      reference: "4",
      assertions: [{ type: "exact-match", value: "4" }],
    });
    expect(suite.cases[1]).toMatchObject({
      category: "reasoning",
      tags: ["geo"],
      reference: "Paris",
      assertions: [
        { type: "exact-match", value: ["Paris", "paris, France"] },
        { type: "contains", value: "London", negate: true },
        { type: "latency", threshold: 2000 },
      ],
    });
  });

  it("reports every bad line with its number and imports nothing", () => {
    const bad = [
      JSON.stringify({ input: "fine", ideal: "ok" }),
      JSON.stringify({ ideal: "no input" }),
      "{not json",
      JSON.stringify({ input: [{ role: "robot", content: "hi" }] }),
      JSON.stringify({ input: "x", category: "poetry" }),
      JSON.stringify({ input: "x", assert: [{ type: "javascript", value: "output.length > 3" }] }),
      JSON.stringify({ input: "x", assert: [{ type: "regex", value: "(" }] }),
    ].join("\n");
    const errors = expectErrors(importSuite({ fileName: "bad.jsonl", text: bad }));
    expect(errors.map((error) => error.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(errors[0]?.message).toMatch(/input is required/);
    expect(errors[1]?.message).toMatch(/invalid JSON/);
    expect(errors[2]?.message).toMatch(/role must be/);
    expect(errors[3]?.message).toMatch(/category must be one of/);
    expect(formatImportIssue(errors[4] as ImportIssue)).toBe(
      'bad.jsonl line 6: unsupported assertion type "javascript"',
    );
    expect(errors[5]?.message).toMatch(/invalid regular expression/);
  });

  it("is all or nothing: one bad line among good ones returns no suite", () => {
    const lines = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify({ input: `q${i}`, ideal: "a" }),
    );
    lines[2] = "{oops";
    const result = importSuite({ fileName: "qa.jsonl", text: lines.join("\n") });
    expect(result.ok).toBe(false);
    expect(expectErrors(result)).toEqual([
      { file: "qa.jsonl", line: 3, message: expect.stringMatching(/invalid JSON/) },
    ]);
  });

  it("stops listing errors at 50", () => {
    const errors = expectErrors(importSuite({ fileName: "junk.jsonl", text: "x\n".repeat(200) }));
    expect(errors).toHaveLength(50);
    expect(errors.at(-1)?.line).toBe(50);
  });

  it("rejects negating a type that cannot be negated", () => {
    const text = JSON.stringify({ input: "x", assert: [{ type: "not-numeric", value: 1 }] });
    expect(expectErrors(importSuite({ fileName: "n.jsonl", text }))[0]?.message).toMatch(
      /"numeric" cannot be negated/,
    );
  });
});

describe("importSuite: CSV", () => {
  it("reads the listed columns, with shorthand assertions, and warns about unknown ones", () => {
    const text = [
      "prompt,expected,category,tags,system,__expected,__expected2,notes",
      'What is 2+2?,4,math,arith;easy,Be terse.,contains:4,"not-icontains:five",hi',
      '"Summarise:\nline two",,summarization,"a, b",,grade:is a summary,,',
    ].join("\n");
    const result = importSuite({ fileName: "tests.csv", text });
    const suite = expectSuite(result);
    expect(result.ok && result.warnings).toContain('Unknown CSV column "notes" was ignored.');
    expect(suite.description).toMatch(/CSV/);
    expect(suite.cases[0]).toEqual({
      id: "line-2",
      category: "math",
      tags: ["arith", "easy"],
      messages: [
        { role: "system", content: "Be terse." },
        { role: "user", content: "What is 2+2?" },
      ],
      reference: "4",
      assertions: [
        { type: "exact-match", value: "4" },
        { type: "contains", value: "4" },
        { type: "icontains", value: "five", negate: true },
      ],
    });
    expect(suite.cases[1]).toMatchObject({
      id: "line-3",
      tags: ["a", "b"],
      reference: null,
      messages: [{ role: "user", content: "Summarise:\nline two" }],
      assertions: [{ type: "llm-rubric", value: "is a summary" }],
    });
  });

  it("reports the record's first line, even after a multi-line quoted field", () => {
    const text = [
      "input,__expected",
      '"first\nsecond\nthird",contains:x',
      "ok,icontains:y",
      "bad,javascript:output.length > 3",
      "wrong,field,count",
    ].join("\n");
    const errors = expectErrors(importSuite({ fileName: "tests.csv", text }));
    expect(errors.map(formatImportIssue)).toEqual([
      'tests.csv line 6: unsupported assertion type "javascript"',
      "tests.csv line 7: expected 2 fields (as in the header), found 3",
    ]);
  });

  it("needs an input column and a valid category", () => {
    expect(
      expectErrors(importSuite({ fileName: "t.csv", text: "question,answer\nq,a" }))[0],
    ).toEqual({
      file: "t.csv",
      line: 1,
      message: 'the header needs an "input" (or "prompt") column',
    });
    const errors = expectErrors(
      importSuite({ fileName: "t.csv", text: "input,category\nq,poetry\n,math" }),
    );
    expect(errors.map((error) => error.line)).toEqual([2, 3]);
  });

  it("reports an unclosed quote", () => {
    const errors = expectErrors(
      importSuite({ fileName: "t.csv", text: 'input\n"never closed\nq' }),
    );
    expect(errors[0]?.message).toMatch(/invalid CSV: Quote Not Closed/);
  });
});

describe("importSuite: hostile shapes get one clear answer", () => {
  it("refuses a CSV with 100,000 columns in one error", () => {
    const header = ["input", ...Array.from({ length: 99_999 }, (_, i) => `c${i}`)].join(",");
    const errors = expectErrors(importSuite({ fileName: "wide.csv", text: `${header}\nx\n` }));
    expect(errors.map(formatImportIssue)).toEqual([
      "wide.csv line 1: the header has 100,000 columns (at most 500)",
    ]);
  });

  it("lists at most 20 warnings and counts the rest", () => {
    const header = ["input", ...Array.from({ length: 300 }, (_, i) => `extra${i}`)].join(",");
    const row = ["hello", ...Array.from({ length: 300 }, () => "")].join(",");
    const result = importSuite({ fileName: "extra.csv", text: `${header}\n${row}\n` });
    if (!result.ok) throw new Error("expected a suite");
    expect(result.warnings).toHaveLength(21);
    expect(result.warnings.at(-1)).toBe("…and 281 more warnings.");
  });
});

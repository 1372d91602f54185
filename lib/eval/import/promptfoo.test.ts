import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectErrors, expectSuite } from "@/lib/testing/import-results";
import { formatImportIssue, importSuite, type ImportResult } from "./index";

function filesFrom(files: Record<string, string>) {
  return (relativePath: string) => files[relativePath] ?? null;
}

describe("importSuite: promptfoo config", () => {
  const config = `description: Greetings
prompts:
  - 'Say hello in {{ language }}'
  - raw: 'Greet {{ name }} in {{ language }}'
    label: greet
providers:
  - openai:gpt-4.1
defaultTest:
  vars:
    name: Ada
  assert:
    - type: not-icontains
      value: sorry
tests:
  - description: french
    vars:
      language: French
    metadata:
      category: classification
    assert:
      - type: icontains
        value: bonjour
      - type: cost
        threshold: 0.01
  - vars:
      language: German
      name: { first: Kurt }
    assert:
      - type: contains-any
        value: [hallo, guten tag]
`;

  it("makes one case per prompt × test with rendered text, merged defaults and vars", () => {
    const result = importSuite({ fileName: "greetings.yaml", text: config });
    const suite = expectSuite(result);
    expect(suite).toMatchObject({ slug: "greetings", name: "Greetings" });
    expect(suite.description).toMatch(/promptfoo/);
    expect(result.ok && result.warnings.join(" ")).toMatch(/providers are ignored/);
    expect(suite.cases.map((testCase) => testCase.id)).toEqual([
      "t1-p1",
      "t1-p2",
      "t2-p1",
      "t2-p2",
    ]);
    expect(suite.cases[1]).toEqual({
      id: "t1-p2",
      category: "classification",
      tags: ["greet", "french"],
      messages: [{ role: "user", content: "Greet Ada in French" }],
      reference: null,
      assertions: [
        { type: "icontains", value: "sorry", negate: true },
        { type: "icontains", value: "bonjour" },
        { type: "cost", threshold: 0.01 },
      ],
      vars: { name: "Ada", language: "French" },
    });
    expect(suite.cases[2]).toMatchObject({
      category: "general",
      tags: ["prompt-1"],
      messages: [{ role: "user", content: "Say hello in German" }],
      vars: { language: "German", name: '{"first":"Kurt"}' },
    });
    expect(suite.cases[3]?.assertions[1]).toEqual({
      type: "contains-any",
      value: ["hallo", "guten tag"],
    });
  });

  it("points each bad assertion at its YAML line and imports nothing", () => {
    const text = `prompts: ['Hi {{ x }}']
tests:
  - vars: { x: 1 }
    assert:
      - type: equals
        value: ok
      - type: similar
        value: hello
  - vars: { x: 2 }
    assert:
      - type: javascript
        value: output.length > 3
      - type: latency
      - type: not-numeric
        value: 1
      - type: json-schema
        value: "not an object"
`;
    const errors = expectErrors(importSuite({ fileName: "promptfooconfig.yaml", text }));
    expect(errors.map(formatImportIssue)).toEqual([
      'promptfooconfig.yaml line 7: unsupported assertion type "similar"',
      'promptfooconfig.yaml line 11: unsupported assertion type "javascript"',
      "promptfooconfig.yaml line 13: latency: needs a numeric threshold (max ms)",
      'promptfooconfig.yaml line 14: assertion type "numeric" cannot be negated ("not-numeric")',
      "promptfooconfig.yaml line 16: json-schema: value must be a JSON Schema object",
    ]);
  });

  it("reports YAML syntax and structure errors with their lines", () => {
    const syntax = expectErrors(
      importSuite({ fileName: "c.yml", text: "prompts:\n  - 'a\ntests: [" }),
    );
    expect(syntax[0]?.message).toMatch(/invalid YAML/);
    expect(syntax[0]?.line).not.toBeNull();
    const structure = expectErrors(
      importSuite({ fileName: "c.yml", text: "prompts:\n  - hi\ntests:\n  - vars: [1, 2]\n" }),
    );
    expect(structure).toEqual([
      { file: "c.yml", line: 4, message: "tests[0].vars: vars must be a mapping" },
    ]);
    const missing = expectErrors(importSuite({ fileName: "c.yml", text: "description: x\n" }));
    expect(missing.map((issue) => issue.message)).toEqual([
      expect.stringMatching(/prompts is required/),
      expect.stringMatching(/tests is required/),
    ]);
  });

  it("names a missing referenced file", () => {
    const text = "prompts:\n  - file://prompts.txt\ntests: file://tests.csv\n";
    const errors = expectErrors(importSuite({ fileName: "c.yaml", text, readFile: filesFrom({}) }));
    expect(errors.map(formatImportIssue)).toEqual([
      "c.yaml line 2: file not found: prompts.txt",
      "c.yaml line 3: file not found: tests.csv",
    ]);
    const outside = expectErrors(
      importSuite({
        fileName: "c.yaml",
        text: "prompts: ['x']\ntests: file://../secret.csv\n",
        readFile: filesFrom({}),
      }),
    );
    expect(outside[0]?.message).toMatch(/must be a path inside the suite's folder/);
  });

  it("reports template syntax errors at the prompt's line and render errors at the test's line", () => {
    const prompts = "Fine {{ a }}\n---\nFirst line\nBroken {{ a ( }}\n";
    const syntax = expectErrors(
      importSuite({
        fileName: "c.yaml",
        text: "prompts: [file://prompts.txt]\ntests:\n  - vars: { a: 1 }\n",
        readFile: filesFrom({ "prompts.txt": prompts }),
      }),
    );
    expect(syntax).toEqual([
      {
        file: "prompts.txt",
        line: 4,
        message: expect.stringMatching(/^prompt 2 \(prompts\.txt#2\) has a template error/),
      },
    ]);
    const render = expectErrors(
      importSuite({
        fileName: "c.yaml",
        text: "prompts: ['Tone: {{ (style | load).tone }}']\ntests:\n  - vars: { style: '{\"tone\": \"x\"}' }\n  - vars: { style: 'not json' }\n",
      }),
    );
    expect(render).toEqual([
      {
        file: "c.yaml",
        line: 4,
        message: expect.stringMatching(/^prompt 1 \(prompt-1\) failed to render for test 2/),
      },
    ]);
  });

  it("refuses calls in templates and leaves computed lookups inert", () => {
    const text = `prompts: ['{{ range.constructor("return 1")() }}', 'x{{ cycler["const" + "ructor"] }}']\ntests:\n  - vars: {}\n`;
    const errors = expectErrors(importSuite({ fileName: "evil.yaml", text }));
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/^prompt 1 .* only range\(\) may be called/),
    ]);
    const inert = importSuite({
      fileName: "ok.yaml",
      text: `prompts: ['x{{ cycler["const" + "ructor"] }}{{ name["constructor"] }}']\ntests:\n  - vars: { name: Ada }\n`,
    });
    expect(inert.ok && inert.suite.cases.map((c) => c.messages.at(-1)?.content)).toEqual(["x"]);
  });

  it("rejects more than 10,000 prompt × test cases", () => {
    const tests = Array.from({ length: 5001 }, (_, i) => `  - vars: { i: ${i} }`).join("\n");
    const errors = expectErrors(
      importSuite({ fileName: "big.yaml", text: `prompts: [a, b]\ntests:\n${tests}\n` }),
    );
    expect(errors[0]?.message).toMatch(/too many cases: 2 prompts × 5001 tests/);
  });

  it("reads a CSV tests file, reporting bad shorthand at the CSV line", () => {
    const csv =
      'q,__expected,__description\nhi,icontains:hello,greeting\n"two\nlines",python:check.py,\n';
    const errors = expectErrors(
      importSuite({
        fileName: "c.yaml",
        text: "prompts: ['{{ q }}']\ntests: file://tests.csv\n",
        readFile: filesFrom({ "tests.csv": csv }),
      }),
    );
    expect(errors.map(formatImportIssue)).toEqual([
      'tests.csv line 3: unsupported assertion type "python"',
    ]);
  });
});

describe("importSuite: the promptfoo examples", () => {
  const root = "/work/shared/data/promptfoo-examples";
  function importExample(folder: string): ImportResult {
    const dir = path.join(root, folder);
    const readFile = (relativePath: string) => {
      try {
        return readFileSync(path.join(dir, relativePath), "utf8");
      } catch {
        return null;
      }
    };
    const fileName = "promptfooconfig.yaml";
    return importSuite({
      fileName,
      text: readFileSync(path.join(dir, fileName), "utf8"),
      readFile,
    });
  }

  it("imports getting-started: 2 prompts × 2 tests", () => {
    const suite = expectSuite(importExample("getting-started"));
    expect(suite.name).toBe("Getting started");
    expect(suite.cases).toHaveLength(4);
    expect(suite.cases[0]?.messages).toEqual([
      { role: "user", content: "Convert this English to French: Hello world" },
    ]);
    expect(suite.cases[3]).toMatchObject({
      id: "t2-p2",
      messages: [{ role: "user", content: "Translate to Spanish: Where is the library?" }],
      assertions: [{ type: "icontains", value: "Dónde está la biblioteca" }],
    });
  });

  it("imports simple-csv: 2 prompts from prompts.txt × 4 tests from tests.csv", () => {
    const suite = expectSuite(importExample("simple-csv"));
    expect(suite.name).toBe("A translator built with LLM");
    expect(suite.cases).toHaveLength(8);
    const first = suite.cases[0];
    expect(first?.id).toBe("t1-p1");
    expect(first?.messages[0]?.content).toContain("- Tone: formal\n- Length: brief");
    expect(first?.messages[0]?.content).toContain(
      'Rephrase the following text in French:\n"Hello world"',
    );
    expect(suite.cases[1]?.messages[0]?.content).toContain(
      'Follow the style configuration: {"tone":"formal","length":"brief"}.',
    );
    expect(suite.cases.map((testCase) => testCase.assertions)).toEqual(
      ["bonjour", "bonjour", "faim", "faim", "Ahoy", "Ahoy", "grub", "grub"].map((value) => [
        { type: "icontains", value },
      ]),
    );
    expect(first?.vars).toEqual({
      language: "French",
      body: "Hello world",
      style_config: '{"tone":"formal","length":"brief"}',
    });
  });
});

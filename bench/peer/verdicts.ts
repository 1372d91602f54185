import { readFileSync } from "node:fs";
import pg from "pg";
import { getTrialNamedScores } from "@/lib/eval/named-metrics";
import type { AssertionResult } from "@/lib/eval/types";

/** One assertion's verdict as either tool reports it. */
export type AssertionVerdict = { type: string; pass: boolean; reason: string };

/** One test's verdict in one tool. */
export type TestVerdict = {
  /** Position in the tool's expanded test list (promptfoo's testIdx, Crossbench's case position). */
  index: number;
  description: string | null;
  vars: Record<string, string>;
  prompt: string | null;
  output: string | null;
  pass: boolean | null;
  error: string | null;
  /** Flattened: an assert-set's own verdict, then its members'. */
  assertions: AssertionVerdict[];
  /** Named metrics (an assertion's `metric`): name → the test's score under it. */
  namedScores: Record<string, number>;
};

function stringifyVars(vars: unknown): Record<string, string> {
  if (typeof vars !== "object" || vars === null) return {};
  return Object.fromEntries(
    Object.entries(vars).map(([key, value]) => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
}

type PromptfooComponent = {
  pass?: boolean;
  reason?: string;
  assertion?: { type?: string } | null;
};

type PromptfooResult = {
  testIdx?: number;
  promptIdx?: number;
  vars?: unknown;
  success?: boolean;
  prompt?: { raw?: string };
  response?: { output?: unknown; error?: string } | null;
  testCase?: { description?: string };
  namedScores?: Record<string, unknown>;
  gradingResult?: { componentResults?: PromptfooComponent[] } | null;
};

/**
 * Reads promptfoo's `-o out.json` (`results.results[]`): one verdict per test of the first prompt,
 * ordered by testIdx.
 */
export function readPromptfooVerdicts(file: string): TestVerdict[] {
  const json = JSON.parse(readFileSync(file, "utf8")) as {
    results?: { results?: PromptfooResult[] };
  };
  const results = (json.results?.results ?? []).filter((result) => (result.promptIdx ?? 0) === 0);
  return results
    .map((result, position): TestVerdict => {
      const output = result.response?.output;
      return {
        index: result.testIdx ?? position,
        description: result.testCase?.description ?? null,
        vars: stringifyVars(result.vars),
        prompt: result.prompt?.raw ?? null,
        output:
          typeof output === "string" ? output : output == null ? null : JSON.stringify(output),
        pass: typeof result.success === "boolean" ? result.success : null,
        error: result.response?.error ?? null,
        assertions: (result.gradingResult?.componentResults ?? []).map((component) => ({
          // promptfoo reports an assert-set's own result without an assertion.
          type: component.assertion?.type ?? "(assert-set)",
          pass: component.pass === true,
          reason: component.reason ?? "",
        })),
        namedScores: Object.fromEntries(
          Object.entries(result.namedScores ?? {}).filter(
            (entry): entry is [string, number] => typeof entry[1] === "number",
          ),
        ),
      };
    })
    .sort((a, b) => a.index - b.index);
}

function flattenAssertions(results: readonly AssertionResult[]): AssertionVerdict[] {
  return results.flatMap((result) => [
    {
      type: `${result.negate ? "not-" : ""}${result.type}`,
      pass: result.pass,
      reason: result.reason,
    },
    ...flattenAssertions(result.assertions ?? []),
  ]);
}

/** Reads the verdict of every trial of a Crossbench run, in the suite's case order. */
export async function readCrossbenchVerdicts(
  databaseUrl: string,
  runId: string,
): Promise<TestVerdict[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      position: number;
      tags: string[];
      vars: unknown;
      messages: { role: string; content: string }[];
      output: string | null;
      pass: boolean | null;
      status: string;
      errorMessage: string | null;
      assertions: AssertionResult[] | null;
    }>(
      `SELECT c."position", c."tags", c."vars", c."messages", t."output", t."pass", t."status",
              t."errorMessage", t."assertions"
         FROM "Trial" t
         JOIN "EvalRun" r ON r."id" = t."runId"
         JOIN "SuiteCase" c ON c."suiteId" = r."suiteId" AND c."id" = t."caseId"
        WHERE t."runId" = $1
        ORDER BY c."position", t."repeat"`,
      [runId],
    );
    return rows.map((row) => ({
      index: row.position,
      // Tags are [prompt label, description?] for an imported promptfoo test.
      description: row.tags[1] ?? null,
      vars: stringifyVars(row.vars),
      prompt: row.messages.findLast((message) => message.role === "user")?.content ?? null,
      output: row.output,
      pass: row.status === "ok" ? row.pass : null,
      error: row.status === "ok" ? null : (row.errorMessage ?? "error"),
      assertions: flattenAssertions(row.assertions ?? []),
      namedScores: Object.fromEntries(
        [...getTrialNamedScores(row.assertions ?? [])].map(([name, { score }]) => [name, score]),
      ),
    }));
  } finally {
    await client.end();
  }
}

/** One promptfoo test and the Crossbench case matched to it. */
export type VerdictPair = {
  promptfoo: TestVerdict;
  crossbench: TestVerdict | null;
  isSameOutput: boolean;
  isAgreed: boolean;
  /**
   * Every assertion's verdict matches too, in order (promptfoo lists an assert-set's own result
   * followed by its members'). A test can agree overall for a different reason; this catches it.
   */
  isEveryAssertionAgreed: boolean;
  /** Same named metrics with the same scores (within 1e-9). */
  isSameNamedScores: boolean;
};

function isSameScores(a: Record<string, number>, b: Record<string, number>): boolean {
  const names = Object.keys(a);
  return (
    names.length === Object.keys(b).length &&
    names.every((name) => Math.abs((a[name] ?? Number.NaN) - (b[name] ?? Number.NaN)) < 1e-9)
  );
}

function isSameVars(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * Matches tests one to one: by position when the vars agree there (the importer keeps
 * promptfoo's order), else by the first unmatched case with the same vars and description.
 */
export function pairVerdicts(promptfoo: TestVerdict[], crossbench: TestVerdict[]): VerdictPair[] {
  const used = new Set<number>();
  return promptfoo.map((test, position) => {
    const atPosition = crossbench[position];
    let match: TestVerdict | null = null;
    if (atPosition && !used.has(position) && isSameVars(test.vars, atPosition.vars)) {
      match = atPosition;
      used.add(position);
    } else {
      const found = crossbench.findIndex(
        (candidate, index) =>
          !used.has(index) &&
          isSameVars(test.vars, candidate.vars) &&
          candidate.description === test.description,
      );
      if (found >= 0) {
        match = crossbench[found] ?? null;
        used.add(found);
      }
    }
    const isAgreed = match !== null && match.pass !== null && match.pass === test.pass;
    return {
      promptfoo: test,
      crossbench: match,
      isSameOutput: match !== null && match.output === test.output,
      isAgreed,
      isSameNamedScores: match !== null && isSameScores(test.namedScores, match.namedScores),
      isEveryAssertionAgreed:
        isAgreed &&
        match !== null &&
        match.assertions.length === test.assertions.length &&
        match.assertions.every(
          (assertion, index) => assertion.pass === test.assertions[index]?.pass,
        ),
    };
  });
}

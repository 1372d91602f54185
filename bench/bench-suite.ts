import { BUILTIN_SUITES } from "@/lib/eval/suites";
import type { EvalCase, Suite } from "@/lib/eval/types";

/** The built-in cases without judge assertions, cycled to the size the trial count needs. */
export function benchSuite(caseCount: number): Suite {
  const pool: EvalCase[] = BUILTIN_SUITES.flatMap((suite) =>
    suite.cases.map((testCase) => ({
      id: testCase.id,
      category: testCase.category,
      tags: testCase.tags,
      messages: testCase.messages,
      reference: testCase.reference,
      assertions: testCase.assertions.filter((a) => a.type !== "llm-rubric"),
    })),
  );
  const cases = Array.from({ length: caseCount }, (_, index) => {
    const source = pool[index % pool.length]!;
    return { ...source, id: `bench-${String(index).padStart(5, "0")}` };
  });
  return {
    slug: "bench-eval",
    name: "Benchmark suite",
    description: "Built-in cases, cycled.",
    cases,
  };
}

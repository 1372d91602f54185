import { describe, expect, it } from "vitest";
import type { PairSummary } from "@/lib/eval/summary";
import {
  describeNoOtherRun,
  describeRunAgainstRunProblem,
  describeRunDifference,
  describeRunDirection,
  describeRunOverlap,
  describeRunAgainstRunSource,
  describeRunSchedule,
  describeUnfinishedRuns,
  runOptionLabel,
  type RunSide,
} from "./run-vs-run";

const pair = (fields: Partial<PairSummary>): PairSummary => ({
  n: 84,
  meanA: 0.8,
  meanB: 0.83,
  difference: -0.031,
  low: -0.05,
  high: -0.012,
  verdict: "different",
  margin: 0.02,
  casesNeeded: null,
  mcnemar: null,
  ...fields,
});

const target = (isSimulated = false) => ({
  label: "Claude Sonnet 4.6 on Bedrock",
  isSimulated,
});

const compared = (p: PairSummary | null, isSimulated = false) => ({
  a: target(isSimulated),
  b: target(false),
  pair: p,
});

const side = (fields: Partial<RunSide>): RunSide => ({
  id: "run-a",
  name: "Nightly (07 Dec)",
  status: "completed",
  isTerminal: true,
  createdAt: new Date("2026-12-07T06:00:00Z"),
  finishedAt: null,
  isSimulated: false,
  storedTrials: 84,
  expectedTrials: 84,
  suite: { id: "s1", name: "Factual questions", caseCount: 84 },
  schedule: null,
  catalogSnapshot: null,
  ...fields,
});

describe("describeRunDifference", () => {
  it("says a drop with its size, interval, common cases and verdict", () => {
    expect(describeRunDifference(compared(pair({})), "Nightly (06 Dec)")).toBe(
      "Claude Sonnet 4.6 on Bedrock scored 3.1 points lower than in “Nightly (06 Dec)” (95% CI −5.0 to −1.2, 84 common cases): different.",
    );
  });

  it("says a rise, and marks a simulated target", () => {
    const text = describeRunDifference(
      compared(pair({ difference: 0.031, low: 0.012, high: 0.05 }), true),
      "Nightly (06 Dec)",
    );
    expect(text).toBe(
      "Claude Sonnet 4.6 on Bedrock scored 3.1 points higher than in “Nightly (06 Dec)” (95% CI +1.2 to +5.0, 84 common cases, simulated): different.",
    );
  });

  it("says an equivalent score is the same within the margin, with the signed difference", () => {
    const text = describeRunDifference(
      compared(pair({ difference: -0.004, low: -0.011, high: 0.003, verdict: "equivalent" })),
      "Nightly (06 Dec)",
    );
    expect(text).toBe(
      "Claude Sonnet 4.6 on Bedrock scored the same as in “Nightly (06 Dec)” within ±2 points (−0.4 points, 95% CI −1.1 to +0.3, 84 common cases): equivalent.",
    );
  });

  it("says what an inconclusive verdict needs, in the product's one wording", () => {
    const text = describeRunDifference(
      compared(
        pair({
          n: 1,
          difference: 0.012,
          low: -0.02,
          high: 0.04,
          verdict: "inconclusive",
          casesNeeded: 242,
        }),
      ),
      "B",
    );
    expect(text).toBe(
      "Claude Sonnet 4.6 on Bedrock scored 1.2 points higher than in “B” (95% CI −2.0 to +4.0, 1 common case): inconclusive; about 242 cases would settle it (1 now; margin ±2 points, 80% power).",
    );
  });

  it("does not call a difference that rounds to zero higher or lower", () => {
    const text = describeRunDifference(
      compared(pair({ difference: -0.0004, low: -0.03, high: 0.03, verdict: "inconclusive" })),
      "B",
    );
    expect(text).toMatch(/scored the same as in “B” \(0\.0 points, 95% CI −3\.0 to \+3\.0/);
    expect(text).not.toMatch(/higher|lower/);
  });

  it("says when a target has no common case", () => {
    expect(describeRunDifference(compared(null), "B")).toBe(
      "Claude Sonnet 4.6 on Bedrock has no case scored in both runs, so it has no paired difference with “B”.",
    );
  });
});

describe("the page's other sentences", () => {
  const a = side({});
  const b = side({
    id: "run-b",
    name: "Nightly (06 Dec)",
    createdAt: new Date("2026-12-06T06:00:00Z"),
  });

  it("states the direction of every difference and which run is earlier", () => {
    expect(describeRunDirection({ a, b, margin: 0.02 })).toBe(
      "Each difference is this run − the other run: “Nightly (07 Dec)” − “Nightly (06 Dec)” (an earlier run), in points, paired over the cases both runs scored for that target, with its 95% CI and a verdict at a margin of ±2 points.",
    );
    expect(describeRunDirection({ a: b, b: a, margin: 0.02 })).toMatch(/\(a later run\)/);
  });

  it("counts what the runs share", () => {
    const t = { id: "t", label: "x", kind: "offering", isSimulated: false, summary: null as never };
    expect(
      describeRunOverlap({
        matched: [{ a: t, b: t, pair: null }],
        onlyA: [t, t],
        onlyB: [],
        commonCases: 84,
      }),
    ).toBe(
      "84 cases scored in both runs; 1 target in both, 2 only in this run, none only in the other run.",
    );
  });

  it("gives each reason there is nothing to pair", () => {
    const view = { a, b, matched: [] };
    expect(describeRunAgainstRunProblem("same-run", { ...view, b: a })).toMatch(
      /^Both sides are “Nightly \(07 Dec\)”/,
    );
    expect(
      describeRunAgainstRunProblem("different-suites", {
        ...view,
        b: side({ name: "Other", suite: { id: "s2", name: "Maths", caseCount: 10 } }),
      }),
    ).toBe(
      "“Nightly (07 Dec)” ran the suite “Factual questions” and “Other” ran “Maths”: runs are compared case by case, so both must have run the same suite. Choose a run of “Factual questions”.",
    );
    expect(describeRunAgainstRunProblem("no-common-targets", view)).toMatch(/share no target/);
    expect(describeRunAgainstRunProblem("no-common-cases", view)).not.toMatch(/not finished/);
    expect(
      describeRunAgainstRunProblem("no-common-cases", { ...view, b: side({ isTerminal: false }) }),
    ).toMatch(/has not finished/);
    expect(describeNoOtherRun({ name: a.name, suiteName: a.suite.name })).toMatch(
      /only run of the suite “Factual questions”/,
    );
  });

  it("labels picker options with status, day, schedule and simulated", () => {
    expect(
      runOptionLabel({
        id: "r",
        name: "Nightly (06 Dec)",
        status: "completed",
        createdAt: new Date("2026-12-06T06:00:00Z"),
        isSimulated: true,
        suiteId: "s1",
        suiteName: "Factual questions",
        schedule: { id: "s", name: "Nightly", version: 3 },
      }),
    ).toBe("Nightly (06 Dec) · Completed · 2026-12-06 · schedule “Nightly”, version 3 · simulated");
    expect(describeRunSchedule({ id: "s", name: "Nightly", version: null })).toBe(
      "schedule “Nightly”",
    );
  });

  it("says which run is unfinished, and where the figures come from", () => {
    expect(describeUnfinishedRuns({ a, b })).toBeNull();
    expect(
      describeUnfinishedRuns({
        a: side({ status: "running", isTerminal: false, storedTrials: 40 }),
        b,
      }),
    ).toBe(
      "“Nightly (07 Dec)” is still running (40 of 84 trials): the figures below will change until it finishes.",
    );
    const both = describeUnfinishedRuns({
      a: side({ status: "queued", isTerminal: false, storedTrials: 0 }),
      b: { ...b, status: "running", isTerminal: false },
    });
    expect(both).toMatch(
      /still queued \(0 of 84 trials\) and “Nightly \(06 Dec\)” is still running/,
    );
    expect(both).toMatch(/until they finish\.$/);
    expect(
      describeRunAgainstRunSource({
        a: side({ catalogSnapshot: { source: "seed", takenAt: new Date("2026-12-01T00:00:00Z") } }),
        b,
      }),
    ).toBe(
      "This run “Nightly (07 Dec)” (Completed, 2026-12-07; catalogue snapshot seed, 2026-12-01) against “Nightly (06 Dec)” (Completed, 2026-12-06; catalogue snapshot not recorded), suite “Factual questions”.",
    );
  });
});

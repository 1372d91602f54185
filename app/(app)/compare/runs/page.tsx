import { ArrowLeftRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { ChartFrame, DataTable } from "@/components/compare/chart-frame";
import { ParityChart } from "@/components/compare/parity-chart";
import { CompareViewTabs, runAgainstRunHref } from "@/components/compare/run-vs-run-links";
import { RunVsRunPicker } from "@/components/compare/run-vs-run-picker";
import {
  RunVsRunMetricsTable,
  RunVsRunScoreTable,
  RunVsRunSentences,
  RunVsRunUnmatched,
} from "@/components/compare/run-vs-run-table";
import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { RunStatusBadge, SimulatedBadge } from "@/components/runs/run-badges";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { prepareParity } from "@/lib/charts/parity";
import { formatDateTime, formatScore, formatSignedPoints } from "@/lib/format";
import { hasRole } from "@/lib/schemas/roles";
import {
  getRunAgainstRunPicker,
  getRunAgainstRunView,
} from "@/lib/server/domain/comparisons/run-vs-run";
import { AppError } from "@/lib/server/domain/errors";
import { requirePageCaller } from "@/lib/server/http/session";
import { getDb } from "@/lib/server/ops/db";
import {
  describeMissingRun,
  describeNoOtherRun,
  describeRunAgainstRunChart,
  describeRunAgainstRunProblem,
  describeRunAgainstRunSource,
  describeRunDirection,
  describeRunOverlap,
  describeRunSchedule,
  describeUnfinishedRuns,
  RUN_AGAINST_RUN_METRICS_NOTE,
  RUN_AGAINST_RUN_PROBLEM_TITLES,
  RUN_UNMATCHED_NOTE,
  type RunSide,
} from "@/lib/views/run-vs-run";

const TITLE = "Run against run";
const DESCRIPTION =
  "The same targets in two runs of one suite, paired over the cases both runs scored: did a score move since the last run?";

export const metadata: Metadata = { title: TITLE };

// Reads the latest runs at request time.
export const dynamic = "force-dynamic";

const PATH = "/compare/runs";

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text ? text : undefined;
}

/** The result, or null when the run it names does not exist. */
async function unlessNotFound<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

function RunHeading({ label, run }: { label: string; run: RunSide }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="flex flex-wrap items-center gap-2">
        <Link
          href={`/runs/${encodeURIComponent(run.id)}`}
          className="font-medium underline underline-offset-2"
        >
          {run.name}
        </Link>
        <RunStatusBadge status={run.status} />
        {run.isSimulated ? <SimulatedBadge /> : null}
        <span className="text-muted-foreground">
          {formatDateTime(run.createdAt)}
          {run.schedule ? `; ${describeRunSchedule(run.schedule)}` : "; launched by hand"}
        </span>
      </dd>
    </>
  );
}

export default async function RunAgainstRunPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const caller = await requirePageCaller("viewer");
  const search = await searchParams;
  const db = getDb();
  const askedA = first(search.a);
  const chosen = askedA ? await unlessNotFound(getRunAgainstRunPicker(caller, db, askedA)) : null;
  const picker = chosen ?? (await getRunAgainstRunPicker(caller, db));
  const isAMissing = askedA !== undefined && chosen === null;
  const run = picker.run;
  // A "b" chosen for a run that was not found belongs to that run, not to the one shown instead.
  const runB = (isAMissing ? undefined : first(search.b)) ?? picker.suggestedOtherId;
  const view =
    run && runB
      ? await unlessNotFound(getRunAgainstRunView(caller, db, { runA: run.id, runB }))
      : null;
  const isBMissing = run !== null && runB !== null && view === null;

  const header = (
    <>
      <PageHeader title={TITLE} description={DESCRIPTION} />
      <CompareViewTabs current="runs" />
      <RunVsRunPicker
        action={PATH}
        runs={picker.runs}
        runId={run?.id ?? null}
        others={picker.others}
        otherId={view?.b.id ?? runB}
      />
      {isAMissing ? <Alert variant="error">{describeMissingRun("this")}</Alert> : null}
      {isBMissing ? <Alert variant="error">{describeMissingRun("other")}</Alert> : null}
    </>
  );

  if (!run) {
    return (
      <>
        {header}
        <EmptyState
          icon={areas.compare.icon}
          title="No run yet"
          description="Two runs of the same suite appear here side by side: each target's score in both, the paired difference over the cases both scored with its 95% CI and verdict, pass rate and latency."
          nextStep={
            hasRole(caller.role, "operator") ? (
              <>
                Launch a run, then another of the same suite (or schedule it):{" "}
                <Link href="/runs/new" className="underline underline-offset-2">
                  New run
                </Link>
                .
              </>
            ) : (
              "An operator needs to launch two runs of the same suite, or schedule one."
            )
          }
        />
      </>
    );
  }
  if (!runB) {
    return (
      <>
        {header}
        <EmptyState
          icon={areas.compare.icon}
          title="Nothing to compare this run with"
          description={describeNoOtherRun(run)}
          nextStep={
            hasRole(caller.role, "operator") ? (
              <>
                Launch it again with the same settings:{" "}
                <Link
                  href={`/runs/new?from=${encodeURIComponent(run.id)}`}
                  className="underline underline-offset-2"
                >
                  Launch again
                </Link>
                .
              </>
            ) : (
              "An operator can launch it again with the same settings."
            )
          }
        />
      </>
    );
  }
  if (!view) return header;

  const unfinished = describeUnfinishedRuns(view);
  const otherName = view.b.name;
  const isSimulated = view.a.isSimulated || view.b.isSimulated;
  const parity = prepareParity(
    view.matched.map((comparison) => ({
      id: comparison.a.id,
      label: comparison.a.label,
      platform: comparison.a.label,
      isSimulated: comparison.a.isSimulated || comparison.b.isSimulated,
      isReference: false,
      score: comparison.a.summary.score,
      pair: comparison.pair,
    })),
    view.margin,
  );

  return (
    <>
      {header}
      <section aria-labelledby="run-vs-run-runs" className="flex flex-col gap-2">
        <h2 id="run-vs-run-runs" className="sr-only">
          The two runs
        </h2>
        <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          <RunHeading label="This run" run={view.a} />
          <RunHeading label="Other run" run={view.b} />
        </dl>
        {view.a.id !== view.b.id ? (
          <Button asChild variant="outline" size="sm" className="self-start">
            <Link href={runAgainstRunHref(view.b.id, view.a.id)}>
              <ArrowLeftRight aria-hidden />
              Swap the runs
            </Link>
          </Button>
        ) : null}
      </section>

      {unfinished ? <Alert variant="info">{unfinished}</Alert> : null}

      {view.problem ? (
        <EmptyState
          icon={areas.compare.icon}
          title={RUN_AGAINST_RUN_PROBLEM_TITLES[view.problem]}
          description={describeRunAgainstRunProblem(view.problem, view)}
        >
          {view.problem === "no-common-targets" ? (
            <RunVsRunUnmatched onlyA={view.onlyA} onlyB={view.onlyB} />
          ) : null}
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="run-vs-run-scores" className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center gap-2">
              <h2 id="run-vs-run-scores" className="text-lg font-semibold">
                Score in both runs
              </h2>
              {isSimulated ? <SimulatedBadge /> : null}
            </div>
            <p className="max-w-prose text-sm text-muted-foreground">
              {describeRunDirection(view)} {describeRunOverlap(view)}
            </p>
            <RunVsRunScoreTable comparisons={view.matched} />
            <RunVsRunSentences comparisons={view.matched} otherRunName={otherName} />
          </section>

          <ChartFrame
            id="run-vs-run-chart"
            title={`Difference against “${otherName}”, per target`}
            description={describeRunAgainstRunChart(view)}
            source={describeRunAgainstRunSource(view)}
            isSimulated={isSimulated}
            table={
              <DataTable
                caption="This run's score and the paired difference against the other run, per target"
                head={[
                  "Target",
                  "Score, this run (points)",
                  "95% CI",
                  "Difference, this − other (points)",
                  "95% CI",
                  "Verdict",
                  "Common cases",
                ]}
                rows={parity.rows.map((row) => [
                  row.label,
                  formatScore(row.score?.value),
                  row.score
                    ? `${formatScore(row.score.low)} to ${formatScore(row.score.high)}`
                    : "—",
                  formatSignedPoints(row.difference?.value),
                  row.difference
                    ? `${formatSignedPoints(row.difference.low)} to ${formatSignedPoints(row.difference.high)}`
                    : "—",
                  row.difference?.verdict ?? "—",
                  row.difference?.n ?? 0,
                ])}
              />
            }
          >
            <ParityChart chart={parity} referenceLabel={`“${otherName}”`} />
          </ChartFrame>

          <section aria-labelledby="run-vs-run-metrics" className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center gap-2">
              <h2 id="run-vs-run-metrics" className="text-lg font-semibold">
                Pass rate and latency, side by side
              </h2>
              {isSimulated ? <SimulatedBadge /> : null}
            </div>
            <p className="max-w-prose text-sm text-muted-foreground">
              {RUN_AGAINST_RUN_METRICS_NOTE}
            </p>
            <RunVsRunMetricsTable comparisons={view.matched} />
          </section>

          {view.onlyA.length || view.onlyB.length ? (
            <section aria-labelledby="run-vs-run-unmatched" className="flex flex-col gap-3">
              <h2 id="run-vs-run-unmatched" className="text-lg font-semibold">
                Targets in one run only
              </h2>
              <p className="max-w-prose text-sm text-muted-foreground">{RUN_UNMATCHED_NOTE}</p>
              <RunVsRunUnmatched onlyA={view.onlyA} onlyB={view.onlyB} />
            </section>
          ) : null}
        </>
      )}
    </>
  );
}

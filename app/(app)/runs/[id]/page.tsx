import { Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { cancelRunAction, deleteRunAction } from "../actions";
import { listCellRepeatsAction } from "./actions";
import { RunAgainstRunLinks } from "@/components/compare/run-vs-run-links";
import { CancelRunButton } from "@/components/runs/cancel-run-button";
import {
  DisagreementFilter,
  DisagreementNote,
  RunResultViewSwitch,
} from "@/components/runs/case-matrix";
import { CaseMatrixTable } from "@/components/runs/case-matrix-table";
import { DeleteRunButton } from "@/components/runs/delete-run-button";
import { NamedMetricsTable } from "@/components/runs/named-metrics-table";
import { PairComparison } from "@/components/runs/pair-comparison";
import { QueueStanding } from "@/components/runs/queue-standing";
import { RunAutoRefresh } from "@/components/runs/run-auto-refresh";
import {
  RunStatusBadge,
  SharedSimulatedIcon,
  SimulatedBadge,
  SimulatedBadgeIcon,
} from "@/components/runs/run-badges";
import { RunNextSteps } from "@/components/runs/run-next-steps";
import { RouterAuditList } from "@/components/routing/router-audit";
import { RunResultsTable } from "@/components/runs/run-results-table";
import { RunScoresChart } from "@/components/runs/run-scores-chart";
import { TrialFilters } from "@/components/runs/trial-filters";
import { TrialsPager, TrialsTable } from "@/components/runs/trials-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  formatCount,
  formatDateTime,
  formatDay,
  formatEta,
  formatUsd,
  formatWholePercent,
} from "@/lib/format";
import { groupNamedMetrics } from "@/lib/views/named-metrics";
import { targetRow } from "@/lib/views/runs";
import { describeRouterAudits } from "@/lib/views/router-audit";
import { getRoutingView } from "@/lib/server/domain/comparisons/routing";
import { findPreviousScheduledRun } from "@/lib/server/domain/comparisons/run-vs-run";
import { prepareRunScores } from "@/lib/charts/run-scores";
import { hasRole } from "@/lib/schemas/roles";
import { caseMatrixFilterSchema, pairSchema, type CaseMatrixFilter } from "@/lib/schemas/runs";
import { getDb } from "@/lib/server/ops/db";
import { AppError } from "@/lib/server/domain/errors";
import { decodeRouteParam } from "@/lib/server/http/route-params";
import { getQueueStanding } from "@/lib/server/domain/runs/run-queue";
import { listRunCaseMatrix } from "@/lib/server/domain/runs/case-matrix";
import { getRunViewVersion, reuseRunView } from "@/lib/server/domain/runs/run-view-cache";
import { getRunPageView } from "@/lib/server/domain/runs/run-view-page";
import { keepFirstRepeats } from "@/lib/server/domain/runs/run-view-repeats";
import {
  getRunPair,
  getRunServedModels,
  getRunView,
  listRunTrials,
  type RunView,
} from "@/lib/server/domain/runs/runs";
import { requirePageCaller } from "@/lib/server/http/session";

export const metadata: Metadata = { title: "Run" };

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text ? text : undefined;
}

/** The page's search params without empty values, for links and hidden form fields. */
function query(values: Record<string, string | number | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== "" && value !== "all") result[key] = String(value);
  }
  return result;
}

function href(path: string, values: Record<string, string>, hash?: string): string {
  const search = new URLSearchParams(values).toString();
  return `${path}${search ? `?${search}` : ""}${hash ? `#${hash}` : ""}`;
}

type Caller = Parameters<typeof getRunView>[0];

async function loadRun(caller: Caller, runId: string, version: string | null) {
  try {
    return await getRunPageView(caller, getDb(), runId, version);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** A target that picks an offering per call: a routing policy, or a cloud's own router. */
const choosesPerCall = (target: { kind: string }) =>
  target.kind === "policy" || target.kind === "router";

/** "Model on Platform" for the offerings that served routing targets (rollups and this page's trials). */
async function servedByLabels(
  run: RunView,
  trialIds: (string | null)[],
): Promise<Map<string, string>> {
  const ids = [
    ...new Set([
      ...run.targets.flatMap((t) => (t.kind === "policy" ? Object.keys(t.summary.servedBy) : [])),
      ...trialIds.filter((id): id is string => id !== null),
    ]),
  ];
  if (ids.length === 0) return new Map();
  const rows = await getDb().offering.findMany({
    where: { id: { in: ids } },
    select: { id: true, model: { select: { name: true } }, platform: { select: { name: true } } },
  });
  return new Map(rows.map((row) => [row.id, `${row.model.name} on ${row.platform.name}`]));
}

export default async function RunPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const caller = await requirePageCaller("viewer");
  const runId = decodeRouteParam((await params).id);
  if (runId === null) notFound();
  const search = await searchParams;
  const db = getDb();
  // Caller-independent data of a finished run is computed once per version and shared; what the
  // caller may do (cancel, delete, report) is decided below, per request.
  const version = await getRunViewVersion(db, runId);
  const { view: run, namedMetrics } = await loadRun(caller, runId, version);
  const reuse = <T,>(part: string, key: unknown, compute: () => Promise<T>) =>
    reuseRunView(caller, runId, version, part, key, compute);

  const filter: CaseMatrixFilter = caseMatrixFilterSchema.parse({
    target: first(search.target),
    category: first(search.category),
    outcome: first(search.outcome),
    q: first(search.q),
    page: first(search.page),
    view: first(search.view),
    disagree: first(search.disagree),
  });
  const isByCase = filter.view === "cases";
  const pair = pairSchema.safeParse({ a: first(search.a), b: first(search.b) });
  const targetIds = run.targets.map((t) => t.id);
  const pairA =
    pair.success && pair.data.a && targetIds.includes(pair.data.a) ? pair.data.a : targetIds[0];
  const pairB =
    pair.success && pair.data.b && targetIds.includes(pair.data.b)
      ? pair.data.b
      : (targetIds.find((t) => t !== pairA) ?? pairA);

  const hasRouters = run.targets.some((t) => t.kind === "router");
  const [trials, matrix, pairResult, standing, servedModels, routing, previousRun] =
    await Promise.all([
      isByCase ? null : reuse("trials", filter, () => listRunTrials(caller, db, runId, filter)),
      isByCase
        ? reuse("matrix", filter, async () =>
            keepFirstRepeats(await listRunCaseMatrix(caller, db, runId, filter)),
          )
        : null,
      pairA && pairB && pairA !== pairB
        ? reuse("pair", [pairA, pairB], () => getRunPair(caller, db, runId, pairA, pairB))
        : null,
      run.status === "queued" ? getQueueStanding(caller, db, runId) : null,
      reuse("served", null, () => getRunServedModels(caller, db, runId)),
      // The measured audit of the run's cloud routers, once the run has finished.
      hasRouters && run.status === "completed" ? getRoutingView(caller, db, runId) : null,
      findPreviousScheduledRun(caller, db, runId),
    ]);
  const routerAudits = routing ? describeRouterAudits(routing.audit, run.isSimulated) : [];
  const policyTargets = new Set(run.targets.filter(choosesPerCall).map((t) => t.id));
  const labels = await reuse("labels", isByCase ? null : filter, () =>
    servedByLabels(
      run,
      (trials?.rows ?? []).map((row) => (policyTargets.has(row.targetId) ? row.servedBy : null)),
    ),
  );

  const path = `/runs/${encodeURIComponent(run.id)}`;
  const trialQuery = query({
    target: filter.target,
    category: filter.category,
    outcome: filter.outcome,
    q: filter.q,
  });
  const filterQuery = {
    ...trialQuery,
    ...query({ disagree: isByCase && filter.disagree ? "on" : "" }),
  };
  // "By case" is the default view, so only "Trials" goes into the URL.
  const viewQuery = query({ view: isByCase ? "" : "trials" });
  const pairQuery = query({ a: pairA, b: pairB });
  const shown = matrix ?? trials ?? { rows: [], total: 0, pageSize: 1 };
  const pages = Math.max(1, Math.ceil(shown.total / shown.pageSize));
  const isOperator = hasRole(caller.role, "operator");
  const canCancel = isOperator && !run.isTerminal;
  const canDelete = isOperator && run.isTerminal;
  // Routing replays completed runs with two or more single-offering targets; the report builder
  // takes runs that have ended.
  const singleTargets = run.targets.filter(
    (t) => t.kind === "offering" && t.offeringIds.length === 1,
  ).length;
  const progress = run.expectedTrials > 0 ? run.storedTrials / run.expectedTrials : 0;
  const chart = prepareRunScores(
    run.targets.map((target) => ({
      id: target.id,
      label: target.label,
      isSimulated: target.isSimulated,
      score: target.summary.score,
    })),
  );
  const targetOptions = run.targets.map((target) => ({ id: target.id, label: target.label }));
  const namedMetricGroups = groupNamedMetrics(run.targets, namedMetrics);

  // The simulated badges (header, results, grid columns) share one drawing of their icon.
  const hasSimulated = run.isSimulated || run.targets.some((target) => target.isSimulated);

  return (
    <>
      {hasSimulated ? <SimulatedBadgeIcon /> : null}
      <RunAutoRefresh isTerminal={run.isTerminal} />
      <header className="flex flex-col gap-3">
        <p className="text-sm">
          <Link href="/runs" className="underline underline-offset-2">
            ← All runs
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight md:text-3xl">{run.name}</h1>
          <RunStatusBadge status={run.status} />
          {run.isSimulated ? <SimulatedBadge className="text-sm" hasSharedIcon /> : null}
        </div>
        {run.statusMessage ? (
          <p className="text-sm text-muted-foreground">{run.statusMessage}</p>
        ) : null}
        <RunNextSteps
          runId={run.id}
          canCompare={run.targets.length >= 2}
          canRoute={run.status === "completed" && (singleTargets >= 2 || hasRouters)}
          canReport={run.isTerminal && hasRole(caller.role, "analyst")}
          canLaunchAgain={isOperator}
        />
        <RunAgainstRunLinks runId={run.id} previousRunId={previousRun?.id ?? null} />
      </header>

      {run.isSimulated ? (
        <Alert variant="info" className="border-amber-500/50 bg-amber-500/10">
          <SharedSimulatedIcon />
          <div>
            <p className="font-medium">Simulated run</p>
            <p>
              At least one target{run.judgeLabel ? " or the judge" : ""} ran against the local
              emulator, not a real platform. Scores, latencies, errors and costs of simulated
              targets are produced by deterministic simulated models: use them to try Crossbench
              out, not to choose a platform.
            </p>
          </div>
        </Alert>
      ) : null}

      <section aria-labelledby="run-progress" className="flex flex-col gap-3">
        <h2 id="run-progress" className="sr-only">
          Progress
        </h2>
        <div className="flex flex-col gap-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
            <span>
              <span className="font-medium tabular-nums">
                {formatCount(run.storedTrials)} of {formatCount(run.expectedTrials)}
              </span>{" "}
              trials stored ({formatWholePercent(progress)})
            </span>
            <span className="text-muted-foreground">
              {run.status === "running" ? `About ${formatEta(run.etaMs)} left · ` : ""}
              {formatCount(run.errors)} error{run.errors === 1 ? "" : "s"} · cost so far{" "}
              {formatUsd(run.spentUsd)}
              {run.budgetUsd !== null
                ? ` of a ${formatUsd(run.budgetUsd)} budget${
                    run.heldUsd > 0
                      ? ` (${formatUsd(run.heldUsd)} held for calls in flight, at their most expensive)`
                      : ""
                  }`
                : " (no budget cap)"}
            </span>
          </div>
          <div
            role="progressbar"
            aria-label="Trials stored"
            aria-valuemin={0}
            aria-valuemax={run.expectedTrials}
            aria-valuenow={run.storedTrials}
            className="h-2 w-full overflow-hidden rounded-full bg-secondary"
          >
            <div
              className="h-full rounded-full bg-primary transition-[width]"
              style={{ width: `${Math.min(100, progress * 100)}%` }}
            />
          </div>
          {standing ? <QueueStanding standing={standing} /> : null}
        </div>
        {canCancel ? <CancelRunButton runId={run.id} cancelRun={cancelRunAction} /> : null}
        {canDelete ? (
          <DeleteRunButton runId={run.id} trials={run.storedTrials} deleteRun={deleteRunAction} />
        ) : null}
      </section>

      <section aria-labelledby="run-parameters">
        <h2 id="run-parameters" className="mb-2 text-lg font-semibold">
          Parameters
        </h2>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-muted-foreground">Suite</dt>
          <dd>
            <Link href={`/runs/suites/${run.suite.id}`} className="underline underline-offset-2">
              {run.suite.name}
            </Link>{" "}
            ({run.suite.caseCount} cases)
          </dd>
          <dt className="text-muted-foreground">Sampling</dt>
          <dd>
            temperature {run.temperature}, max {formatCount(run.maxTokens)} tokens, {run.repeats}{" "}
            repeat{run.repeats === 1 ? "" : "s"} per case,{" "}
            {run.stream
              ? "streamed (time to first token measured)"
              : "not streamed (time to first token not measured)"}
          </dd>
          <dt className="text-muted-foreground">Limits</dt>
          <dd>
            {run.concurrency} calls in flight across the run
            {run.platformConcurrency ? `, at most ${run.platformConcurrency} per platform` : ""}
            {run.requestsPerMinute
              ? `, ${run.requestsPerMinute} requests per minute per platform`
              : ""}
            {run.budgetUsd !== null ? `, budget ${formatUsd(run.budgetUsd)}` : ", no budget cap"}
          </dd>
          <dt className="text-muted-foreground">Judge</dt>
          <dd>{run.judgeLabel ?? "— (no rubric assertions)"}</dd>
          <dt className="text-muted-foreground">Catalogue snapshot</dt>
          <dd>
            {run.catalogSnapshot
              ? `${run.catalogSnapshot.source}, taken ${formatDay(run.catalogSnapshot.takenAt)} (prices as of then)`
              : "—"}
          </dd>
          <dt className="text-muted-foreground">Launched</dt>
          <dd>
            {formatDateTime(run.createdAt)} by {run.launchedBy ?? "—"}
            {run.origin === "cli" && run.launchedBy !== "command line" ? " (command line)" : ""}
            {run.finishedAt ? `; finished ${formatDateTime(run.finishedAt)}` : ""}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="run-results" className="flex flex-col gap-3">
        <h2 id="run-results" className="text-lg font-semibold">
          Results per target
        </h2>
        <RunResultsTable
          hasSharedSimulatedIcon={hasSimulated}
          rows={run.targets.map((target) => ({
            ...targetRow(target),
            // A cloud's router: the models it chose, as recorded (catalogue id, or the raw id
            // when unmapped). A routing policy: the offerings it chose.
            servedBy: (target.kind === "router"
              ? Object.entries(servedModels.get(target.id) ?? {})
              : target.kind === "policy"
                ? Object.entries(target.summary.servedBy).map(
                    ([offeringId, calls]): [string, number] => [
                      labels.get(offeringId) ?? offeringId,
                      calls,
                    ],
                  )
                : []
            )
              .sort((x, y) => y[1] - x[1])
              .map(([label, calls]) => ({ label, calls })),
          }))}
        />
        {chart.isEmpty ? (
          <p className="rounded-xl border border-dashed p-4 text-sm text-muted-foreground">
            The score chart appears once a case has been scored.
          </p>
        ) : (
          <RunScoresChart chart={chart} isSimulated={run.isSimulated} />
        )}
      </section>

      {namedMetricGroups.length > 0 ? (
        <section aria-labelledby="run-named-metrics" className="flex flex-col gap-3">
          <h2 id="run-named-metrics" className="text-lg font-semibold">
            Named metrics
          </h2>
          <p className="max-w-prose text-sm text-muted-foreground">
            Scores grouped by the <code>metric</code> each assertion names, over every stored trial
            of each target: the weighted mean of the assertions under that name, as promptfoo
            reports it.
          </p>
          <NamedMetricsTable groups={namedMetricGroups} />
        </section>
      ) : null}

      {routerAudits.length > 0 ? (
        <section
          aria-labelledby="run-router-audit"
          id="router-audit"
          className="flex flex-col gap-3"
        >
          <h2 id="run-router-audit" className="text-lg font-semibold">
            Model routers, measured
          </h2>
          <p className="max-w-prose text-sm text-muted-foreground">
            Which models each router chose, by provider group, against its own pool choosing on
            measured quality and cost alone, and against Crossbench&apos;s quality-threshold policy
            on the same cases.{" "}
            <Link
              href={`/routing?run=${encodeURIComponent(run.id)}`}
              className="underline underline-offset-2"
            >
              Open it on Routing
            </Link>
          </p>
          <RouterAuditList audits={routerAudits} isSimulated={run.isSimulated} />
        </section>
      ) : null}

      {run.targets.length >= 2 ? (
        <section aria-labelledby="run-pair" id="pair" className="flex flex-col gap-3">
          <h2 id="run-pair" className="text-lg font-semibold">
            Paired comparison
          </h2>
          <PairComparison
            action={`${path}#pair`}
            hidden={{ ...filterQuery, ...viewQuery }}
            targets={targetOptions}
            a={pairA}
            b={pairB}
            result={pairResult}
            isSimulated={run.isSimulated}
          />
        </section>
      ) : null}

      <section aria-labelledby="run-trials" id="trials" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="run-trials" className="text-lg font-semibold">
            Per-case results ({formatCount(shown.total)} {isByCase ? "cases" : "trials"}
            {Object.keys(filterQuery).length ? " match" : ""})
          </h2>
          <span className="flex gap-2">
            <Button asChild variant="outline" size="sm">
              <a href={`${path}/trials.csv`} download>
                <Download aria-hidden />
                Trials CSV
              </a>
            </Button>
            <Button asChild variant="outline" size="sm">
              <a href={`${path}/trials.json`} download>
                <Download aria-hidden />
                Trials JSON
              </a>
            </Button>
          </span>
        </div>
        <RunResultViewSwitch
          view={filter.view}
          hrefFor={(view) =>
            href(
              path,
              {
                ...(view === "cases" ? filterQuery : trialQuery),
                ...pairQuery,
                ...query({ view: view === "cases" ? "" : view }),
              },
              "trials",
            )
          }
        />
        <TrialFilters
          action={`${path}#trials`}
          hidden={{ ...pairQuery, ...viewQuery }}
          filter={filter}
          targets={targetOptions}
          categories={run.categories}
        >
          {isByCase ? <DisagreementFilter isChecked={filter.disagree} /> : null}
        </TrialFilters>
        {isByCase ? <DisagreementNote /> : null}
        {shown.rows.length === 0 ? (
          <p className="rounded-xl border border-dashed p-6 text-sm text-muted-foreground">
            {shown.total === 0 && Object.keys(filterQuery).length === 0
              ? run.isTerminal
                ? "This run stored no trials."
                : "No trial stored yet: rows appear here as the workers finish them."
              : isByCase
                ? "No case matches these filters."
                : "No trial matches these filters."}
          </p>
        ) : (
          <>
            {matrix ? (
              <CaseMatrixTable runId={run.id} matrix={matrix} listRepeats={listCellRepeatsAction} />
            ) : null}
            {trials ? (
              <TrialsTable
                rows={trials.rows.map((row) => ({
                  ...row,
                  servedBy:
                    policyTargets.has(row.targetId) && row.servedBy
                      ? (labels.get(row.servedBy) ?? row.servedBy)
                      : null,
                }))}
              />
            ) : null}
            <TrialsPager
              page={filter.page}
              pages={pages}
              label={isByCase ? "Case pages" : "Trial pages"}
              hrefFor={(page) =>
                href(
                  path,
                  { ...filterQuery, ...viewQuery, ...pairQuery, page: String(page) },
                  "trials",
                )
              }
            />
          </>
        )}
      </section>
    </>
  );
}

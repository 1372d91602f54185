import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { saveRoutingPolicyAction } from "./actions";
import { EmptyState } from "@/components/empty-state";

import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { CsvDownload } from "@/components/routing/csv-download";
import { NeutralityChart } from "@/components/routing/neutrality-chart";
import { RouterAuditList } from "@/components/routing/router-audit";
import { PolicyTable } from "@/components/routing/policy-table";
import { RoutingChart } from "@/components/routing/routing-chart";
import { RunPicker } from "@/components/routing/run-picker";
import { SavePolicyForm } from "@/components/routing/save-policy-form";
import { SimulatedBadge } from "@/components/runs/run-badges";
import { formatCount, formatDay } from "@/lib/format";
import {
  formatRoutingCsv,
  prepareNeutrality,
  preparePolicyRows,
  prepareRoutingChart,
} from "@/lib/charts/routing";
import { hasRole } from "@/lib/schemas/roles";
import { routingSearchSchema } from "@/lib/schemas/routing";
import { getDb } from "@/lib/server/ops/db";
import { AppError } from "@/lib/server/domain/errors";
import { getRoutingView, listRoutingRuns } from "@/lib/server/domain/comparisons/routing";
import { describeRouterAudits } from "@/lib/views/router-audit";
import type { Caller } from "@/lib/server/domain/caller";
import { requirePageCaller } from "@/lib/server/http/session";

const area = areas.routing;

export const metadata: Metadata = { title: area.label };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) || undefined;

async function loadView(caller: Caller, runId: string) {
  try {
    return await getRoutingView(caller, getDb(), runId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

function ChartSource({
  n,
  run,
  snapshot,
  isSimulated,
}: {
  n: number;
  run: { id: string; name: string };
  snapshot: string;
  isSimulated: boolean;
}) {
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
      <span>
        n = {formatCount(n)} cases · run{" "}
        <Link href={`/runs/${encodeURIComponent(run.id)}`} className="underline underline-offset-2">
          {run.name}
        </Link>{" "}
        · prices from catalogue snapshot {snapshot}
      </span>
      {isSimulated ? <SimulatedBadge /> : null}
    </p>
  );
}

type RoutingView = Awaited<ReturnType<typeof getRoutingView>>;
type Prepared = { chart: ReturnType<typeof prepareRoutingChart>; csv: string };

/**
 * The chart and the CSV of a view, prepared once per view object and scale: a finished run's view
 * is one shared object per version of the run and the catalogue (getRoutingView's cache), so what
 * is derived from it lives and goes with it.
 */
const preparedByView = new WeakMap<RoutingView, Map<string, Prepared>>();

function prepareOnce(view: RoutingView, scale: "linear" | "log", snapshot: string): Prepared {
  const byScale = preparedByView.get(view) ?? new Map<string, Prepared>();
  preparedByView.set(view, byScale);
  let prepared = byScale.get(scale);
  if (!prepared) {
    const { simulation: sim, run } = view;
    prepared = {
      chart: prepareRoutingChart(sim, { scale }),
      csv: formatRoutingCsv(sim, { runId: run.id, snapshot, isSimulated: run.isSimulated }),
    };
    byScale.set(scale, prepared);
  }
  return prepared;
}

export default async function RoutingPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const caller = await requirePageCaller("viewer");
  const search = await searchParams;
  const { run: requested, scale } = routingSearchSchema.parse({
    run: first(search.run),
    scale: first(search.scale),
  });
  const runs = await listRoutingRuns(caller, getDb());
  const header = <PageHeader title={area.label} description={area.description} />;
  const runId = requested ?? runs[0]?.id;
  if (!runId) {
    return (
      <>
        {header}
        <EmptyState
          icon={area.icon}
          title="No finished run to simulate yet"
          description="Routing policies are simulated on the recorded trials of a completed run with at least two single-offering targets: single targets, random mix, quality threshold, cascade and oracle, plotted quality against cost, with the share of traffic each sends to each vendor group. A run with a cloud's own router as a target gets a measured neutrality audit of that router."
          nextStep={
            <>
              Launch a run with at least two offerings from{" "}
              <Link href="/runs/new" className="underline underline-offset-2">
                New run
              </Link>
              ; when it completes, it appears here. No provider is called by the simulation.
            </>
          }
        />
      </>
    );
  }

  const view = await loadView(caller, runId);
  const { simulation: sim, run } = view;
  const snapshot = run.catalogSnapshot
    ? `${run.catalogSnapshot.source}, ${formatDay(run.catalogSnapshot.takenAt)}`
    : "unknown";
  const pickerRuns = runs.map((r) => ({
    id: r.id,
    label: `${r.name} — ${r.suiteName}, ${r.singleTargets} targets${r.routerTargets > 0 ? ` and ${r.routerTargets} cloud router${r.routerTargets === 1 ? "" : "s"}` : ""}, ${formatDay(r.createdAt)}${r.isSimulated ? " (simulated)" : ""}`,
  }));
  if (!pickerRuns.some((r) => r.id === run.id))
    pickerRuns.unshift({ id: run.id, label: `${run.name} (${run.status})` });
  const { chart, csv } = prepareOnce(view, scale, snapshot);
  const neutrality = prepareNeutrality(sim);
  const audits = describeRouterAudits(view.audit, run.isSimulated);
  const rows = preparePolicyRows(sim);
  const threshold = sim.policies.find((p) => p.kind === "threshold");
  const defaultThreshold = threshold?.curve[threshold.operatingIndex]?.param ?? 0.8;
  const labelOf = (id: string | null) => sim.targets.find((t) => t.id === id)?.label ?? "—";
  const canSave = hasRole(caller.role, "analyst");
  const source = (
    <ChartSource n={sim.n} run={run} snapshot={snapshot} isSimulated={run.isSimulated} />
  );
  const exclusions = sim.exclusions;
  const hasExclusions =
    exclusions.targets.length > 0 ||
    exclusions.casesMissingCost > 0 ||
    exclusions.casesMissingScore > 0 ||
    view.ignoredTargets.length > 0;

  return (
    <>
      {header}
      <RunPicker runs={pickerRuns} selected={run.id} scale={scale} />

      {run.status !== "completed" ? (
        <p className="rounded-xl border border-dashed p-4 text-sm text-muted-foreground">
          This run is {run.status.replace("_", " ")}: the simulation uses the cases it recorded, and
          policies can be saved only from a completed run.
        </p>
      ) : null}

      {hasExclusions ? (
        <section aria-label="Left out of the simulation" className="text-sm text-muted-foreground">
          <p className="font-medium text-foreground">Left out (gaps, not zeros):</p>
          <ul className="list-disc pl-5">
            {exclusions.targets.map((t) => (
              <li key={t.id}>
                {t.label}: {t.reason}.
              </li>
            ))}
            {exclusions.casesMissingScore > 0 ? (
              <li>
                {exclusions.casesMissingScore} case
                {exclusions.casesMissingScore === 1 ? "" : "s"} some target has no scored trial for.
              </li>
            ) : null}
            {exclusions.casesMissingCost > 0 ? (
              <li>
                {exclusions.casesMissingCost} case{exclusions.casesMissingCost === 1 ? "" : "s"}{" "}
                some target has no known cost for.
              </li>
            ) : null}
            {view.ignoredTargets.map((label) => (
              <li key={label}>
                {label}: a routing target already; only single offerings are replayed.
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {audits.length > 0 ? (
        <section aria-labelledby="routing-router-audit" className="flex flex-col gap-3">
          <div className="flex flex-col gap-1">
            <h2 id="routing-router-audit" className="text-lg font-semibold">
              Model routers, measured
            </h2>
            <p className="max-w-prose text-sm text-muted-foreground">
              What each model router in this run did, call by call: which models served it, by
              provider group (the platform owner&apos;s own models and the vendors it has invested
              in count to its group), against what its own pool would do choosing on measured
              quality and cost alone, and against Crossbench&apos;s quality-threshold policy on the
              same cases. Nothing here is assumed: every figure comes from recorded trials.
            </p>
            {source}
          </div>
          <RouterAuditList audits={audits} isSimulated={run.isSimulated} />
        </section>
      ) : null}

      {chart.isEmpty ? (
        <EmptyState
          icon={area.icon}
          title="Nothing to simulate in this run"
          description="A simulation needs at least one single-offering target with scored, priced cases; this run has none (see what was left out above)."
          nextStep={
            <>
              Launch a run with at least two offerings that have prices from{" "}
              <Link href="/runs/new" className="underline underline-offset-2">
                New run
              </Link>
              .
            </>
          }
        />
      ) : (
        <>
          <section aria-labelledby="routing-frontier" className="flex flex-col gap-3">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="flex flex-col gap-1">
                <h2 id="routing-frontier" className="text-lg font-semibold">
                  Quality against cost, by routing policy
                </h2>
                <p className="max-w-prose text-sm text-muted-foreground">
                  Mean score (points, 0–100) against cost in USD per 1,000 cases, replayed from the
                  run&apos;s recorded trials. Curves are swept policies (threshold, random mix); the
                  large dot on a curve is its operating point (the cheapest reaching 95% of the best
                  single target&apos;s score). The dashed line is the Pareto frontier over every
                  point.
                </p>
                {source}
              </div>
              <CsvDownload csv={csv} fileName={`routing-${run.id}.csv`} label="Points CSV" />
            </div>
            {chart.scaleNote ? (
              <p className="text-xs text-muted-foreground">{chart.scaleNote}</p>
            ) : null}
            <RoutingChart chart={chart} />
            <h3 className="text-base font-semibold">Policies (table view of the chart)</h3>
            <PolicyTable rows={rows} />
            <details className="text-sm text-muted-foreground">
              <summary className="cursor-pointer">How these numbers are defined</summary>
              <dl className="mt-2 grid max-w-prose gap-2">
                <dt className="font-medium text-foreground">Mean score, cost, n</dt>
                <dd>
                  Every policy is measured on the same {sim.n} cases (those every kept target scored
                  and priced). Repeats are averaged per case; a case&apos;s cost is the mean cost of
                  one call at the run&apos;s catalogue prices, and a cascade pays for every call it
                  tries.
                </dd>
                <dt className="font-medium text-foreground">Quality threshold</dt>
                <dd>
                  Each case&apos;s quality estimates are learned on the other half of the cases (a
                  fixed split by hashing case ids with the run id), so no case routes on its own
                  result.
                </dd>
                <dt className="font-medium text-foreground">AIQ</dt>
                <dd>
                  Area under the policy&apos;s quality-cost curve (RouterBench): cost normalised to
                  0–1 over the cheapest to the dearest point on this page, quality the best a random
                  mix of the policy&apos;s points reaches at that cost (0 below its cheapest point).
                  A single point at normalised cost c with score q has AIQ = q × (1 − c).
                </dd>
                <dt className="font-medium text-foreground">CPT(50%), CPT(80%)</dt>
                <dd>
                  Threshold router only (RouteLLM): the least share of calls to the best single
                  target ({labelOf(sim.strongId)}) among the swept thresholds that closes 50% or 80%
                  of the score gap between the cheapest target ({labelOf(sim.weakId)}) and the best.
                </dd>
                <dt className="font-medium text-foreground">Oracle and cascade</dt>
                <dd>
                  Both read the recorded score as if it were known in advance: they are upper
                  bounds, not routers you could deploy as they are.
                </dd>
              </dl>
            </details>
          </section>

          <section aria-labelledby="routing-neutrality" className="flex flex-col gap-3">
            <div className="flex flex-col gap-1">
              <h2 id="routing-neutrality" className="text-lg font-semibold">
                Share of calls by vendor group, per routing policy
              </h2>
              <p className="max-w-prose text-sm text-muted-foreground">
                Where each of Crossbench&apos;s routing policies sends its calls at its operating
                point, by model vendor, replayed on this run&apos;s single targets. The clouds&apos;
                own routers are not emulated here: run them as targets to measure them.
              </p>
              {source}
            </div>
            {neutrality.isEmpty ? (
              <p className="rounded-xl border border-dashed p-4 text-sm text-muted-foreground">
                No routing policy to audit: a run needs at least two priced single-offering targets.
              </p>
            ) : (
              <NeutralityChart chart={neutrality} />
            )}
          </section>

          <section aria-labelledby="routing-save" className="flex flex-col gap-3">
            <h2 id="routing-save" className="text-lg font-semibold">
              Save as routing target
            </h2>
            {!canSave ? (
              <p className="text-sm text-muted-foreground">
                Analysts and above can save a policy; it can then be launched as a run target.
              </p>
            ) : run.status !== "completed" || sim.targets.length < 2 ? (
              <p className="text-sm text-muted-foreground">
                A policy can be saved from a completed run with at least two priced targets.
              </p>
            ) : (
              <SavePolicyForm
                runId={run.id}
                defaultName={`${run.name} — threshold router`.slice(0, 80)}
                defaultThreshold={defaultThreshold}
                canMix={sim.weakId !== null && sim.weakId !== sim.strongId}
                weakLabel={labelOf(sim.weakId)}
                strongLabel={labelOf(sim.strongId)}
                savePolicy={saveRoutingPolicyAction}
              />
            )}
          </section>
        </>
      )}
    </>
  );
}

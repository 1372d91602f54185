import { ArrowRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { ChartFrame, DataTable } from "@/components/compare/chart-frame";
import { CompareMetricsTable } from "@/components/compare/compare-metrics-table";
import { ComparePicker } from "@/components/compare/compare-picker";
import { CostQualityChart } from "@/components/compare/cost-quality-chart";
import { LatencyChart } from "@/components/compare/latency-chart";
import { ParityChart } from "@/components/compare/parity-chart";
import { ParityHeatmap } from "@/components/compare/parity-heatmap";
import { CompareViewTabs } from "@/components/compare/run-vs-run-links";
import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { RunStatusBadge, SimulatedBadge } from "@/components/runs/run-badges";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { prepareHeatmap } from "@/lib/charts/heatmap";
import { prepareLatencyRanges } from "@/lib/charts/latency";
import { prepareParity } from "@/lib/charts/parity";
import { prepareCostQuality } from "@/lib/charts/pareto";
import {
  formatCount,
  formatDay,
  formatMargin,
  formatMs,
  formatPointsDifference,
  formatScore,
  formatSignedPoints,
  formatUsd,
} from "@/lib/format";
import { RUN_STATUS_LABELS } from "@/lib/schemas/runs";
import { hasRole } from "@/lib/schemas/roles";
import { getCompareView, type CompareTarget } from "@/lib/server/domain/comparisons/compare";
import { targetRow } from "@/lib/views/runs";
import { getDb } from "@/lib/server/ops/db";
import { requirePageCaller } from "@/lib/server/http/session";

const area = areas.compare;

export const metadata: Metadata = { title: area.label };

// Reads the latest runs at request time.
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text ? text : undefined;
}

function all(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value : value ? [value] : []).filter(Boolean);
}

export default async function ComparePage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const caller = await requirePageCaller("viewer");
  const search = await searchParams;
  const view = await getCompareView(caller, getDb(), {
    runId: first(search.run),
    modelId: first(search.model),
    targetIds: all(search.t),
    referenceId: first(search.ref),
  });
  const canLaunch = hasRole(caller.role, "operator");
  const run = view.run;

  if (!run) {
    return (
      <>
        <PageHeader title={area.label} description={area.description} />
        <CompareViewTabs current="targets" />
        <EmptyState
          icon={area.icon}
          title="Nothing to compare yet"
          description="Parity per platform appears here: each target's score with its 95% CI, the paired difference against a reference with a verdict, latency, speed, cost and errors, a category heat map and cost against quality."
          nextStep={
            canLaunch ? (
              <>
                Launch a run with the same model on two or more platforms:{" "}
                <Link href="/runs/new" className="underline underline-offset-2">
                  New run
                </Link>
                .
              </>
            ) : (
              "An operator needs to launch a run with the same model on two or more platforms."
            )
          }
        />
      </>
    );
  }

  const byId = new Map(view.targets.map((t) => [t.id, t]));
  const selected = view.selected
    .map((id) => byId.get(id))
    .filter((t): t is CompareTarget => t !== undefined);
  const reference = view.referenceId ? byId.get(view.referenceId) : undefined;
  const modelName = view.models.find((m) => m.modelId === view.modelId)?.modelName ?? null;
  // A model's targets differ by platform; an arbitrary set is told apart by its full label.
  const nameOf = (t: CompareTarget) => (view.mode === "model" ? t.platformName : t.label);
  const referenceName = reference ? nameOf(reference) : "—";
  const source = `Run “${run.name}” (${RUN_STATUS_LABELS[run.status]}, ${formatDay(run.createdAt)}), suite ${run.suite.name}; catalogue snapshot ${
    run.catalogSnapshot
      ? `${run.catalogSnapshot.source}, ${formatDay(run.catalogSnapshot.takenAt)}`
      : "not recorded"
  }.`;
  const hasParity = selected.length >= 2;
  const nCases = Math.max(0, ...Object.values(view.pairs).map((p) => p?.n ?? 0));

  const parity = prepareParity(
    selected.map((t) => {
      const pair = view.pairs[t.id] ?? null;
      return {
        id: t.id,
        label: t.label,
        platform: nameOf(t),
        isSimulated: t.isSimulated,
        isReference: t.id === view.referenceId,
        score: t.summary.score,
        pair,
      };
    }),
  );
  const latency = prepareLatencyRanges(
    selected.map((t) => ({
      id: t.id,
      label: nameOf(t),
      isSimulated: t.isSimulated,
      n:
        t.summary.trials -
        (t.summary.errorRate ? Math.round(t.summary.errorRate.value * t.summary.trials) : 0),
      ttftMs: t.summary.ttftMs,
      latencyMs: t.summary.latencyMs,
    })),
  );
  const heatmap = prepareHeatmap({
    rows: view.categories,
    columns: selected
      .filter((t) => t.id !== view.referenceId)
      .map((t) => ({ id: t.id, label: nameOf(t), isReference: false })),
    cells: view.categoryDifferences
      .filter((c) => c.targetId !== view.referenceId)
      .map((c) => ({ row: c.category, column: c.targetId, difference: c.difference, n: c.n })),
    minScale: 0.05,
  });
  const costQuality = prepareCostQuality(
    view.targets.map((t) => ({
      id: t.id,
      label: t.label,
      isSimulated: t.isSimulated,
      costPer1kUsd: t.summary.costPer1kUsd,
      score: t.summary.score,
    })),
  );
  const emptyNext = canLaunch ? (
    <Button asChild variant="outline" size="sm" className="self-start">
      <Link href="/runs/new">
        Launch a run with the same model on two or more platforms
        <ArrowRight aria-hidden />
      </Link>
    </Button>
  ) : (
    <span>An operator can launch a run with the same model on two or more platforms.</span>
  );

  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <CompareViewTabs current="targets" />
      <ComparePicker
        action="/compare"
        runs={view.runs.map((r) => ({
          id: r.id,
          label: `${r.name} · ${RUN_STATUS_LABELS[r.status]} · ${formatDay(r.createdAt)} · ${r.targets} targets${r.isSimulated ? " · simulated" : ""}`,
        }))}
        runId={run.id}
        models={view.models.map((m) => ({
          id: m.modelId,
          label: `${m.modelName} (${m.platforms} platform${m.platforms === 1 ? "" : "s"})`,
        }))}
        modelId={view.modelId}
        targets={view.targets.map((t) => ({ id: t.id, label: t.label }))}
        selected={view.selected}
        referenceId={view.referenceId}
      />

      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>
          Comparing{" "}
          <span className="font-medium">
            {modelName
              ? `${modelName} on ${selected.length} targets`
              : `${selected.length} targets`}
          </span>{" "}
          of{" "}
          <Link
            href={`/runs/${encodeURIComponent(run.id)}`}
            className="underline underline-offset-2"
          >
            {run.name}
          </Link>{" "}
          against <span className="font-medium">{referenceName}</span>
        </span>
        <RunStatusBadge status={run.status} />
        {run.isSimulated ? <SimulatedBadge /> : null}
      </div>

      {!run.isTerminal ? (
        <Alert variant="info">
          <p>
            This run is still {run.status === "queued" ? "queued" : "running"} (
            {formatCount(run.storedTrials)} of {formatCount(run.expectedTrials)} trials): the
            figures below will change until it finishes.
          </p>
        </Alert>
      ) : null}

      {!hasParity ? (
        <EmptyState
          icon={area.icon}
          title="Choose at least two targets"
          description={
            view.models.some((m) => m.platforms >= 2)
              ? "Pick a model above that this run evaluated on several platforms, or tick two or more targets."
              : "This run has no model on two or more platforms. Tick two or more of its targets above to compare them anyway."
          }
          nextStep={emptyNext}
        />
      ) : (
        <>
          <ChartFrame
            id="parity-scores"
            title={`Score and parity against ${referenceName}`}
            description={`Left: mean of per-case scores in points (0–100) with its 95% bootstrap CI, n = cases scored. Right: paired difference (target − ${referenceName}) in points, 95% CI, verdict at a margin of ${formatMargin(parity.margin)}; n = cases scored on both (up to ${nCases}).`}
            source={source}
            isSimulated={run.isSimulated}
            table={
              <DataTable
                caption="Score and paired difference per target"
                head={[
                  "Target",
                  "Mean score (points)",
                  "95% CI",
                  "n cases",
                  "Difference vs reference (points)",
                  "95% CI",
                  "Verdict",
                  "n paired",
                ]}
                rows={parity.rows.map((row) => [
                  row.label + (row.isReference ? " (reference)" : ""),
                  formatScore(row.score?.value),
                  row.score
                    ? `${formatScore(row.score.low)} to ${formatScore(row.score.high)}`
                    : "—",
                  row.score?.n ?? "—",
                  formatSignedPoints(row.difference?.value),
                  row.difference
                    ? `${formatSignedPoints(row.difference.low)} to ${formatSignedPoints(row.difference.high)}`
                    : "—",
                  row.difference?.verdict ?? (row.isReference ? "reference" : "—"),
                  row.difference?.n ?? "—",
                ])}
              />
            }
          >
            {parity.isEmpty ? (
              <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
                No case has been scored yet on these targets: the chart appears once one has.
              </p>
            ) : (
              <ParityChart chart={parity} referenceLabel={referenceName} />
            )}
          </ChartFrame>

          <ChartFrame
            id="parity-latency"
            title="Time to first token and total latency"
            description={`Milliseconds on a log scale, read from the run's latency histograms (±2.5%): p50 to p95 as a bar, p99 as the whisker. n = successful calls per target, in the table.${run.stream ? "" : " This run was not streamed, so time to first token was not measured."}`}
            source={source}
            isSimulated={run.isSimulated}
            table={
              <DataTable
                caption="Latency percentiles per target"
                head={[
                  "Target",
                  "n calls",
                  "TTFT p50",
                  "TTFT p95",
                  "TTFT p99",
                  "Latency p50",
                  "Latency p95",
                  "Latency p99",
                ]}
                rows={selected.map((t) => [
                  nameOf(t),
                  latency.rows.find((r) => r.id === t.id)?.n ?? "—",
                  formatMs(t.summary.ttftMs.p50),
                  formatMs(t.summary.ttftMs.p95),
                  formatMs(t.summary.ttftMs.p99),
                  formatMs(t.summary.latencyMs.p50),
                  formatMs(t.summary.latencyMs.p95),
                  formatMs(t.summary.latencyMs.p99),
                ])}
              />
            }
          >
            {latency.isEmpty ? (
              <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
                No call has succeeded yet on these targets: latencies appear once one has.
              </p>
            ) : (
              <LatencyChart chart={latency} />
            )}
          </ChartFrame>

          <section aria-labelledby="parity-metrics" className="flex flex-col gap-2">
            <div className="flex flex-wrap items-center gap-2">
              <h2 id="parity-metrics" className="text-lg font-semibold">
                Speed, cost and errors
              </h2>
              {run.isSimulated ? <SimulatedBadge /> : null}
            </div>
            <p className="text-sm text-muted-foreground">
              Output speed: median tokens/s after the first token. Cost per 1,000 cases: USD at the
              run&apos;s catalogue prices, per 1,000 calls that returned an output. Error rate:
              share of trials that failed, Wilson 95% CI, n = trials. {source}
            </p>
            <CompareMetricsTable
              rows={selected.map((t) => ({
                ...targetRow({ ...t, label: nameOf(t) }),
                isReference: t.id === view.referenceId,
              }))}
            />
          </section>

          <ChartFrame
            id="parity-heatmap"
            title={`Score difference vs ${referenceName}, by category`}
            description={`Mean paired difference (target − ${referenceName}) in points over the category's cases scored on both; n per cell. Orange: below the reference; blue: above; colour saturates at ${formatMargin(heatmap.scale)}. Hatched cells have no paired case (not zero).`}
            source={source}
            isSimulated={run.isSimulated}
            table={
              <DataTable
                caption="Score difference by category"
                head={["Category", ...heatmap.columns.map((c) => `${c.label} (points; n)`)]}
                rows={heatmap.rows.map((row, r) => [
                  row,
                  ...(heatmap.cells[r] ?? []).map((cell) =>
                    cell.isGap
                      ? "no paired case"
                      : `${formatPointsDifference(cell.difference)}; n = ${cell.n}`,
                  ),
                ])}
              />
            }
          >
            {heatmap.isEmpty ? (
              <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
                No category has a case scored on both a target and the reference yet.
              </p>
            ) : (
              <ParityHeatmap chart={heatmap} referenceLabel={referenceName} />
            )}
          </ChartFrame>
        </>
      )}

      <ChartFrame
        id="cost-quality"
        title="Cost against quality, every target of this run"
        description={`x: USD per 1,000 cases at the run's catalogue prices; y: mean score in points (0–100) with its 95% CI. The line joins the Pareto frontier: targets that nothing else beats on both cost and score. n = ${costQuality.points.length} of ${view.targets.length} targets.`}
        source={source}
        isSimulated={run.isSimulated}
        table={
          <DataTable
            caption="Cost and score per target"
            head={[
              "Target",
              "Cost per 1,000 cases",
              "Mean score",
              "95% CI",
              "n cases",
              "Pareto frontier",
            ]}
            rows={[
              ...costQuality.points.map((p) => [
                p.label,
                formatUsd(p.cost),
                formatScore(p.score),
                `${formatScore(p.low)} to ${formatScore(p.high)}`,
                p.n,
                p.isFrontier ? "yes" : "no",
              ]),
              ...costQuality.missing.map((m) => [
                m.label,
                m.reason === "no cost" ? "unknown" : "—",
                m.reason === "no score" ? "not scored" : "—",
                "—",
                "—",
                "—",
              ]),
            ]}
          />
        }
      >
        {costQuality.isEmpty ? (
          <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
            No target has both a known cost and a scored case yet.
          </p>
        ) : (
          <>
            <CostQualityChart chart={costQuality} />
            {costQuality.missing.length ? (
              <p className="text-xs text-muted-foreground">
                Not plotted: {costQuality.missing.map((m) => `${m.label} (${m.reason})`).join("; ")}
                .
              </p>
            ) : null}
          </>
        )}
      </ChartFrame>
    </>
  );
}

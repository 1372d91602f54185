import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { SnapshotNote } from "@/components/catalog/snapshot-note";
import { PriceChangeNotes } from "@/components/charts/price-change-notes";
import { PriceComparisonChart } from "@/components/charts/price-comparison-chart";
import { HoverNote } from "@/components/ui/hover-note";
import { Sparkline } from "@/components/charts/sparkline";
import { TrendChart } from "@/components/charts/trend-chart";
import { PageHeader } from "@/components/page-header";
import { SimulatedBadge } from "@/components/runs/run-badges";
import { Badge } from "@/components/ui/badge";
import { TableFrame } from "@/components/ui/table-frame";
import {
  formatDateTime,
  formatDay,
  formatMs,
  formatScore,
  formatScoreInterval,
  formatTokens,
  formatTokensPerSecond,
  formatUsdPerMillion,
} from "@/lib/format";
import { preparePriceChangeNotes, preparePriceComparison } from "@/lib/charts/price-comparison";
import { prepareSparkline } from "@/lib/charts/trend";
import { CAPABILITIES } from "@/lib/catalog/types";
import { hasRole } from "@/lib/schemas/roles";
import { getLatestSnapshot, getModelDetail } from "@/lib/server/domain/catalog/catalog";
import {
  getOfferingHistory,
  listModelPriceChanges,
  type History,
} from "@/lib/server/domain/history/history";
import { getDb } from "@/lib/server/ops/db";
import { decodeRouteParam } from "@/lib/server/http/route-params";
import { requirePageCaller } from "@/lib/server/http/session";

type Props = { params: Promise<{ id: string[] }> };

const MEASURED_HEAD = [
  "Platform",
  "Latest completed run",
  { label: "Score (points), 95% CI", className: "text-right" },
  { label: "Latency p50", className: "text-right" },
  { label: "Output speed", className: "text-right" },
  "Score over its runs",
];

/**
 * What runs measured of the model: per platform, its latest completed run's score, latency and
 * speed with a link to the run and a sparkline of the score, then the platforms overlaid over time.
 */
function MeasuredSection({
  history,
  platformNames,
  canLaunch,
}: {
  history: History;
  /** Every platform that offers the model, by id, to name the ones not measured yet. */
  platformNames: Map<string, string>;
  canLaunch: boolean;
}) {
  const rows = history.series.flatMap((series) => {
    const points = [...series.points].sort(
      (a, b) => new Date(a.finishedAt).getTime() - new Date(b.finishedAt).getTime(),
    );
    const latest = points[points.length - 1];
    return latest ? [{ series, latest, sparkline: prepareSparkline(points, "score") }] : [];
  });
  const measured = new Set(rows.map((row) => row.series.id));
  const notMeasured = [...platformNames]
    .filter(([id]) => !measured.has(id))
    .map(([, name]) => name);
  return (
    <section aria-labelledby="measured-heading" className="flex flex-col gap-3">
      <h2 id="measured-heading" className="text-lg font-semibold">
        Measured
      </h2>
      {rows.length === 0 ? (
        <div className="flex flex-col gap-2 rounded-xl border border-dashed p-4 text-sm">
          <p>
            No completed run has measured this model yet. Each platform&apos;s latest score, latency
            and output speed appear here, with their trend, after a run calls one of its offerings.
          </p>
          <p className="text-muted-foreground">
            {canLaunch ? (
              <>
                <Link href="/runs/new" className="font-medium text-foreground underline">
                  New run
                </Link>
                : pick a suite and this model on the platforms to compare.
              </>
            ) : (
              "An operator launches one from Runs → New run."
            )}
          </p>
        </div>
      ) : (
        <>
          <p className="max-w-prose text-sm text-muted-foreground">
            Each platform&apos;s latest completed run with a target calling this model there: mean
            score of its cases in points (0–100) with the 95% confidence interval and n cases
            scored, median latency of its successful calls, and median output speed. The small line
            is the score over that platform&apos;s runs, oldest to latest.
          </p>
          <TableFrame
            caption="Latest measurements of this model on each platform"
            head={MEASURED_HEAD}
          >
            {rows.map(({ series, latest, sparkline }) => (
              <tr key={series.id} className="border-t align-middle">
                <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                  <Link
                    href={`/catalog/platforms/${encodeURIComponent(series.id)}`}
                    className="hover:underline"
                  >
                    {series.label}
                  </Link>
                </th>
                <td className="px-3 py-2">
                  <span className="flex flex-wrap items-center gap-2">
                    <Link
                      href={`/runs/${encodeURIComponent(latest.runId)}`}
                      className="underline underline-offset-2"
                    >
                      {latest.runName}
                    </Link>
                    {latest.isSimulated ? <SimulatedBadge /> : null}
                  </span>
                  <span className="block text-xs text-muted-foreground">
                    {formatDateTime(latest.finishedAt)}
                  </span>
                </td>
                <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                  {latest.score ? (
                    <>
                      <span className="font-medium">{formatScore(latest.score.value)}</span>{" "}
                      {formatScoreInterval(latest.score.low, latest.score.high)}
                      <span className="block text-xs text-muted-foreground">
                        n = {latest.score.n} cases
                      </span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                  {formatMs(latest.latencyMs.p50)}
                </td>
                <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                  {formatTokensPerSecond(latest.outputTokensPerSecond)}
                </td>
                <td className="px-3 py-2">
                  <Sparkline sparkline={sparkline} />
                </td>
              </tr>
            ))}
          </TableFrame>
          {notMeasured.length ? (
            <p className="text-xs text-muted-foreground">
              Not measured yet: {notMeasured.join(", ")}.
            </p>
          ) : null}
          <h3 className="text-base font-semibold">Parity over time</h3>
          <TrendChart history={history} seriesKind="platform" />
        </>
      )}
    </section>
  );
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: decodeRouteParam(id.join("/")) ?? "Model" };
}

export default async function ModelPage({ params }: Props) {
  const caller = await requirePageCaller("viewer");
  const parts = (await params).id.map(decodeRouteParam);
  if (parts.some((part) => part === null)) notFound();
  const modelId = parts.join("/");
  const db = getDb();
  const [detail, snapshot, history, priceChanges] = await Promise.all([
    getModelDetail(caller, db, modelId),
    getLatestSnapshot(caller, db),
    getOfferingHistory(caller, db, { modelId }),
    listModelPriceChanges(caller, db, { modelId }),
  ]);
  if (!detail) notFound();
  const { model, offerings } = detail;
  const chart = preparePriceComparison(offerings);
  const platformNames = new Map(offerings.map((o) => [o.platformId, o.platformName]));

  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link href="/catalog" className="hover:underline">
          Catalog
        </Link>{" "}
        / {model.vendor}
      </nav>
      <PageHeader
        title={model.name}
        description={`${model.id} · family ${model.family} · ${model.openWeights ? "open weights" : "proprietary"}${model.releaseDate ? ` · released ${formatDay(model.releaseDate)}` : ""} · offered on ${new Set(offerings.map((o) => o.platformId)).size} platforms`}
      />
      {snapshot ? (
        <SnapshotNote
          source={snapshot.source}
          takenAt={formatDay(snapshot.takenAt)}
          loadedAt={formatDay(snapshot.createdAt)}
        />
      ) : null}

      <section
        aria-labelledby="prices-heading"
        className="flex flex-col gap-3 rounded-xl border bg-card p-4"
      >
        <h2 id="prices-heading" className="text-lg font-semibold">
          Price by platform
        </h2>
        {chart.points.length ? (
          <PriceComparisonChart chart={chart} title={`${model.name}: price on each platform`} />
        ) : (
          <p className="text-sm text-muted-foreground">
            No platform lists a price for this model in this snapshot.
          </p>
        )}
        <PriceChangeNotes {...preparePriceChangeNotes(priceChanges)} />
      </section>

      <MeasuredSection
        history={history}
        platformNames={platformNames}
        canLaunch={hasRole(caller.role, "operator")}
      />

      <section aria-labelledby="parity-heading" className="flex flex-col gap-3">
        <h2 id="parity-heading" className="text-lg font-semibold">
          Context and capability parity ({offerings.length} offerings)
        </h2>
        <div className="overflow-x-auto rounded-xl border">
          <table className="w-full text-sm">
            <thead className="bg-muted/50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Platform
                </th>
                <th scope="col" className="px-3 py-2">
                  Native id
                </th>
                <th scope="col" className="px-3 py-2">
                  Input / output $/1M
                </th>
                <th scope="col" className="px-3 py-2">
                  Context
                </th>
                <th scope="col" className="px-3 py-2">
                  Max output
                </th>
                {CAPABILITIES.map((capability) => (
                  <th key={capability} scope="col" className="px-2 py-2 text-center text-xs">
                    {capability}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2">
                  API styles
                </th>
                <th scope="col" className="px-3 py-2">
                  Regions
                </th>
                <th scope="col" className="px-3 py-2">
                  Lifecycle
                </th>
                <th scope="col" className="px-3 py-2">
                  Source
                </th>
              </tr>
            </thead>
            <tbody>
              {offerings.map((offering) => (
                <tr
                  key={offering.id}
                  className={
                    offering.withdrawnAt
                      ? "border-t align-top text-muted-foreground line-through"
                      : "border-t align-top"
                  }
                >
                  <th scope="row" className="px-3 py-1.5 text-left font-medium whitespace-nowrap">
                    <Link
                      href={`/catalog/platforms/${offering.platformId}`}
                      className="hover:underline"
                    >
                      {offering.platformName}
                    </Link>
                  </th>
                  <td className="px-3 py-1.5">
                    <code className="text-xs whitespace-nowrap">{offering.nativeId}</code>
                  </td>
                  <td className="px-3 py-1.5 tabular-nums whitespace-nowrap">
                    <HoverNote
                      id={`price-in-${offering.id}`}
                      note={`Input price from ${offering.priceSources.input}`}
                    >
                      {formatUsdPerMillion(offering.inputPrice)}
                    </HoverNote>{" "}
                    /{" "}
                    <HoverNote
                      id={`price-out-${offering.id}`}
                      note={`Output price from ${offering.priceSources.output}`}
                    >
                      {formatUsdPerMillion(offering.outputPrice)}
                    </HoverNote>
                  </td>
                  <td className="px-3 py-1.5 tabular-nums">
                    {formatTokens(offering.contextWindow)}
                  </td>
                  <td className="px-3 py-1.5 tabular-nums">
                    {formatTokens(offering.maxOutputTokens)}
                  </td>
                  {CAPABILITIES.map((capability) => {
                    const has = offering.capabilities.includes(capability);
                    return (
                      <td key={capability} className="px-2 py-1.5 text-center">
                        <span aria-label={has ? `${capability}: yes` : `${capability}: not listed`}>
                          {has ? "✓" : "—"}
                        </span>
                      </td>
                    );
                  })}
                  <td className="min-w-40 px-3 py-1.5 text-xs">
                    {offering.apiStyles.join(", ") || "—"}
                  </td>
                  <td className="px-3 py-1.5 text-xs">{offering.regions.join(", ") || "—"}</td>
                  <td className="px-3 py-1.5">
                    <Badge variant={offering.lifecycle === "ga" ? "secondary" : "outline"}>
                      {offering.lifecycle}
                    </Badge>
                    {offering.withdrawnAt ? (
                      <span className="mt-1 block text-xs no-underline">
                        withdrawn {formatDay(offering.withdrawnAt)}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-1.5 text-xs whitespace-nowrap">
                    <a
                      href={offering.sourceUrl}
                      target="_blank"
                      rel="noreferrer"
                      className="hover:underline"
                    >
                      {formatDay(offering.snapshotDate)}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-xs text-muted-foreground">
          — means the source does not list the capability or limit, not that it is absent.
        </p>
      </section>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { SnapshotNote } from "@/components/catalog/snapshot-note";
import { PriceComparisonChart } from "@/components/charts/price-comparison-chart";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { formatDay, formatTokens, formatUsdPerMillion } from "@/lib/format";
import { preparePriceComparison } from "@/lib/charts/price-comparison";
import { CAPABILITIES } from "@/lib/catalog/types";
import { getLatestSnapshot, getModelDetail } from "@/lib/server/domain/catalog/catalog";
import { getDb } from "@/lib/server/ops/db";
import { decodeRouteParam } from "@/lib/server/http/route-params";
import { requirePageCaller } from "@/lib/server/http/session";

type Props = { params: Promise<{ id: string[] }> };

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
  const [detail, snapshot] = await Promise.all([
    getModelDetail(caller, db, modelId),
    getLatestSnapshot(caller, db),
  ]);
  if (!detail) notFound();
  const { model, offerings } = detail;
  const chart = preparePriceComparison(offerings);

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
      </section>

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
                <tr key={offering.id} className="border-t align-top">
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
                    {formatUsdPerMillion(offering.inputPrice)} /{" "}
                    {formatUsdPerMillion(offering.outputPrice)}
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

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { SnapshotNote } from "@/components/catalog/snapshot-note";
import { ReliabilityChart } from "@/components/history/reliability-chart";
import { BandBadge } from "@/components/lockin/band-badge";
import { PageHeader } from "@/components/page-header";
import { prepareReliability } from "@/lib/charts/trend-reliability";
import { formatDay, formatRisk } from "@/lib/format";
import { hasRole } from "@/lib/schemas/roles";
import { getLatestSnapshot, getPlatformDetail } from "@/lib/server/domain/catalog/catalog";
import {
  getPlatformLockinScores,
  type PlatformLockinScores,
} from "@/lib/server/domain/catalog/platforms-list";
import { getPlatformReliability } from "@/lib/server/domain/history/history";
import { getDb } from "@/lib/server/ops/db";
import { requirePageCaller } from "@/lib/server/http/session";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).id };
}

function share(part: number, whole: number): string {
  return whole ? `${Math.round((100 * part) / whole)}% (${part} of ${whole} models)` : "—";
}

/** The platform's lock-in score as the Lock-in page scores it, with what it is computed on. */
function LockinScore({
  platformId,
  scores,
}: {
  platformId: string;
  scores: PlatformLockinScores | null;
}) {
  const mine = scores?.byPlatform[platformId];
  return (
    <section aria-labelledby="lockin-heading" className="flex flex-col gap-2">
      <h2 id="lockin-heading" className="text-lg font-semibold">
        Lock-in risk
      </h2>
      {!scores ? (
        <p className="text-sm text-muted-foreground">
          The lock-in score could not be computed right now.
        </p>
      ) : mine && mine.score !== null && mine.band ? (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-xl font-semibold tabular-nums">{formatRisk(mine.score)}</span>
          <span className="text-muted-foreground">of 100</span>
          <BandBadge band={mine.band} />
          {mine.coverageGap ? (
            <span className="text-muted-foreground">
              (partial) Not ranked with the others: {mine.coverageGap}.
            </span>
          ) : null}
        </p>
      ) : (
        <p className="text-sm">
          Not scored: {mine?.unscoredReason ?? "not in the lock-in scores"}.
        </p>
      )}
      <p className="max-w-prose text-xs text-muted-foreground">
        Score 0–100 (0 = free to leave, 100 = locked in)
        {scores
          ? ` for ${scores.isExampleProfile ? "the example workload profile" : "your workload profile"}, ${scores.isDefaultWeights ? "default weights" : "your weights"}; catalogue snapshot ${scores.snapshot ? `${scores.snapshot.source}, ${formatDay(scores.snapshot.takenAt)}` : "not recorded"}`
          : ""}
        .{" "}
        <Link href="/lock-in" className="underline underline-offset-2">
          Open Lock-in
        </Link>{" "}
        for the factors, weights and evidence.
      </p>
    </section>
  );
}

export default async function PlatformPage({ params }: Props) {
  const caller = await requirePageCaller("viewer");
  const { id } = await params;
  const db = getDb();
  const [detail, snapshot] = await Promise.all([
    getPlatformDetail(caller, db, id),
    getLatestSnapshot(caller, db),
  ]);
  if (!detail) notFound();
  const [lockin, reliability] = await Promise.all([
    getPlatformLockinScores(caller, db),
    getPlatformReliability(caller, db, { platformId: detail.platform.id }),
  ]);
  const reliabilityChart = prepareReliability(reliability.points);
  const figures = [
    { label: "Offerings", value: String(detail.offerings) },
    { label: "Canonical models", value: String(detail.models) },
    { label: "Exclusive models", value: String(detail.exclusiveModels.length) },
    {
      label: `First-party (${detail.platform.owner})`,
      value: share(detail.firstPartyModels, detail.models),
    },
    {
      label: `Invested-in vendors${detail.investedVendors.length ? ` (${detail.investedVendors.join(", ")})` : ""}`,
      value: detail.investedVendors.length
        ? share(detail.investedInModels, detail.models)
        : "none documented",
    },
  ];

  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link href="/catalog" className="hover:underline">
          Catalog
        </Link>{" "}
        /{" "}
        <Link href="/catalog/platforms" className="hover:underline">
          platforms
        </Link>
      </nav>
      <PageHeader
        title={detail.platform.name}
        description={`${detail.platform.kind.replace("_", " ")} run by ${detail.platform.owner}. Live offerings only (retired ones are left out).`}
      />
      {snapshot ? (
        <SnapshotNote
          source={snapshot.source}
          takenAt={formatDay(snapshot.takenAt)}
          loadedAt={formatDay(snapshot.createdAt)}
        />
      ) : null}
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {figures.map((figure) => (
          <div key={figure.label} className="rounded-lg border bg-card p-4">
            <dt className="text-sm text-muted-foreground">{figure.label}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums">{figure.value}</dd>
          </div>
        ))}
      </dl>

      <LockinScore platformId={detail.platform.id} scores={lockin} />

      <section aria-labelledby="reliability-heading" className="flex flex-col gap-3">
        <h2 id="reliability-heading" className="text-lg font-semibold">
          Measured reliability
        </h2>
        <p className="max-w-prose text-sm text-muted-foreground">
          Error rate by kind (rate limit, timeout, server…) in each of the latest completed runs
          with a target calling this platform alone, as a share of that run&apos;s trials here.
        </p>
        <ReliabilityChart chart={reliabilityChart} />
        {reliabilityChart.isEmpty && hasRole(caller.role, "operator") ? (
          <p className="text-sm">
            <Link href="/runs/new" className="underline underline-offset-2">
              New run
            </Link>{" "}
            against one of this platform&apos;s offerings to measure it.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="exclusive-heading" className="flex flex-col gap-2">
        <h2 id="exclusive-heading" className="text-lg font-semibold">
          Offered nowhere else
        </h2>
        {detail.exclusiveModels.length ? (
          <ul className="flex flex-wrap gap-2 text-sm">
            {detail.exclusiveModels.map((model) => (
              <li key={model.id}>
                <Link
                  href={`/catalog/models/${model.id}`}
                  className="rounded-md border px-2 py-1 hover:bg-accent"
                >
                  {model.name} <span className="text-muted-foreground">({model.vendor})</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">
            {detail.offerings
              ? "Every model here is also sold on another platform."
              : "The catalogue lists no live offerings on this platform, so it has no models of its own to show."}
          </p>
        )}
      </section>

      <section aria-labelledby="styles-heading" className="flex flex-col gap-2">
        <h2 id="styles-heading" className="text-lg font-semibold">
          API styles
        </h2>
        {detail.apiStyles.length ? (
          <ul className="flex flex-wrap gap-2 text-sm">
            {detail.apiStyles.map((style) => (
              <li key={style.style} className="rounded-md border px-2 py-1">
                {style.style}{" "}
                <span className="text-muted-foreground">({style.offerings} offerings)</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">None recorded: no live offerings.</p>
        )}
      </section>

      <section aria-labelledby="regions-heading" className="flex flex-col gap-2">
        <h2 id="regions-heading" className="text-lg font-semibold">
          Regions ({detail.regions.length})
        </h2>
        <p className="text-sm">{detail.regions.join(", ") || "No regions listed."}</p>
        <p className="text-xs text-muted-foreground">
          Source:{" "}
          <a
            href={detail.platform.sourceUrl}
            className="hover:underline"
            target="_blank"
            rel="noreferrer"
          >
            {detail.platform.sourceUrl}
          </a>
        </p>
      </section>
    </>
  );
}

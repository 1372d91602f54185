import type { Metadata } from "next";
import Link from "next/link";

import { SnapshotNote } from "@/components/catalog/snapshot-note";
import { EmptyState } from "@/components/empty-state";
import { BandBadge } from "@/components/lockin/band-badge";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { TableFrame } from "@/components/ui/table-frame";
import { formatCount, formatDay, formatRisk } from "@/lib/format";
import { getLatestSnapshot } from "@/lib/server/domain/catalog/catalog";
import {
  getPlatformLockinScores,
  listPlatformSummaries,
} from "@/lib/server/domain/catalog/platforms-list";
import { getDb } from "@/lib/server/ops/db";
import { requirePageCaller } from "@/lib/server/http/session";

export const metadata: Metadata = { title: "Platforms" };

const KIND_LABELS: Record<string, string> = {
  cloud: "cloud",
  vendor_api: "vendor API",
  self_hosted: "self-hosted",
};

const HEAD = [
  "Platform",
  "Kind",
  "Run by",
  { label: "Live offerings", className: "text-right" },
  { label: "Models", className: "text-right" },
  { label: "Completed runs that measured it", className: "text-right" },
  "Last measured (UTC)",
  "Lock-in risk (0–100)",
];

/** Every catalogue platform: its kind, size, how often it was measured and its lock-in score. */
export default async function PlatformsPage() {
  const caller = await requirePageCaller("viewer");
  const db = getDb();
  const [platforms, snapshot, lockin] = await Promise.all([
    listPlatformSummaries(caller, db),
    getLatestSnapshot(caller, db),
    getPlatformLockinScores(caller, db),
  ]);

  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link href="/catalog" className="hover:underline">
          Catalog
        </Link>{" "}
        / platforms
      </nav>
      <PageHeader
        title="Platforms"
        description="Every platform in the catalogue: what it sells, how often Crossbench has measured it, and how hard it would be to leave."
      />
      {snapshot ? (
        <SnapshotNote
          source={snapshot.source}
          takenAt={formatDay(snapshot.takenAt)}
          loadedAt={formatDay(snapshot.createdAt)}
        />
      ) : null}
      {platforms.length === 0 ? (
        <EmptyState
          icon={areas.catalog.icon}
          title="No catalogue loaded yet"
          description="The platforms appear here once the catalogue is loaded, each with its offerings, the runs that measured it and its lock-in score."
          nextStep="An admin loads the catalogue with npm run catalog:sync (LiteLLM or models.dev), or restarts Crossbench to load the curated seed into an empty database."
        />
      ) : (
        <section aria-labelledby="platforms-heading" className="flex flex-col gap-3">
          <h2 id="platforms-heading" className="text-lg font-semibold">
            {formatCount(platforms.length)} platform{platforms.length === 1 ? "" : "s"}
          </h2>
          <TableFrame
            caption="Platforms with their live offerings, the completed runs that measured them and their lock-in risk"
            head={HEAD}
          >
            {platforms.map((platform) => {
              const score = lockin?.byPlatform[platform.id];
              return (
                <tr key={platform.id} className="border-t align-top">
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link
                      href={`/catalog/platforms/${encodeURIComponent(platform.id)}`}
                      className="underline-offset-2 hover:underline"
                    >
                      {platform.name}
                    </Link>
                  </th>
                  <td className="px-3 py-2">{KIND_LABELS[platform.kind] ?? platform.kind}</td>
                  <td className="px-3 py-2">{platform.owner}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatCount(platform.offerings)}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatCount(platform.models)}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatCount(platform.measuredRuns)}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {platform.lastMeasuredAt
                      ? formatDay(platform.lastMeasuredAt)
                      : "not measured yet"}
                  </td>
                  <td className="px-3 py-2">
                    {score && score.score !== null && score.band ? (
                      <span className="flex flex-wrap items-center gap-2">
                        <span className="font-medium tabular-nums">{formatRisk(score.score)}</span>
                        <BandBadge band={score.band} />
                        {score.coverageGap ? (
                          <span className="basis-full text-xs text-muted-foreground">
                            Partial, not ranked: {score.coverageGap}
                          </span>
                        ) : null}
                      </span>
                    ) : (
                      <span className="text-muted-foreground">
                        {score?.unscoredReason ? `not scored: ${score.unscoredReason}` : "—"}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </TableFrame>
          <p className="max-w-prose text-xs text-muted-foreground">
            Live offerings leave retired ones out. A run measured a platform when one of its targets
            called that platform alone (an offering on it); routing policies and routers across
            several platforms are not counted. Lock-in risk: 0 = free to leave, 100 = locked in,
            {lockin
              ? ` for ${lockin.isExampleProfile ? "the example workload profile" : "your workload profile"} with ${lockin.isDefaultWeights ? "default weights" : "your weights"}`
              : " not available right now"}
            .{" "}
            <Link href="/lock-in" className="underline underline-offset-2">
              Open Lock-in
            </Link>{" "}
            for the factors and evidence.
          </p>
        </section>
      )}
    </>
  );
}

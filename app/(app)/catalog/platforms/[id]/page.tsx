import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { SnapshotNote } from "@/components/catalog/snapshot-note";
import { PageHeader } from "@/components/page-header";
import { formatDay } from "@/lib/format";
import { getLatestSnapshot, getPlatformDetail } from "@/lib/server/domain/catalog/catalog";
import { getDb } from "@/lib/server/ops/db";
import { requirePageCaller } from "@/lib/server/http/session";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).id };
}

function share(part: number, whole: number): string {
  return whole ? `${Math.round((100 * part) / whole)}% (${part} of ${whole} models)` : "—";
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
        / platforms
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

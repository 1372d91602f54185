import type { Metadata } from "next";
import Link from "next/link";

import { AccessMatrix } from "@/components/catalog/access-matrix";
import { CatalogFiltersForm } from "@/components/catalog/catalog-filters";
import { OfferingsTable } from "@/components/catalog/offerings-table";
import { SnapshotNote } from "@/components/catalog/snapshot-note";
import { EmptyState } from "@/components/empty-state";
import { areas } from "@/components/nav-items";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { prepareAccessMatrix } from "@/lib/charts/access-matrix";
import { formatCount, formatDay } from "@/lib/format";
import {
  MATRIX_PAGE_SIZE,
  OFFERING_SORTS,
  catalogQuery,
  parseCatalogFilters,
} from "@/lib/schemas/catalog";
import {
  getAccessMatrix,
  getFilterOptions,
  getLatestSnapshot,
  listOfferings,
} from "@/lib/server/domain/catalog/catalog";
import { getDb } from "@/lib/server/ops/db";
import { requirePageCaller } from "@/lib/server/http/session";
import { getMatrixCellAction } from "./actions";

const area = areas.catalog;

export const metadata: Metadata = { title: area.label };

export default async function CatalogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const caller = await requirePageCaller("viewer");
  const filters = parseCatalogFilters(await searchParams);
  const db = getDb();
  const [snapshot, options, matrixData, offerings] = await Promise.all([
    getLatestSnapshot(caller, db),
    getFilterOptions(caller, db),
    getAccessMatrix(caller, db, filters),
    listOfferings(caller, db, filters),
  ]);

  if (!snapshot || (offerings.total === 0 && !catalogQuery(filters))) {
    return (
      <>
        <PageHeader title={area.label} description={area.description} />
        <EmptyState
          icon={area.icon}
          title="No catalogue loaded yet"
          description="The access matrix will appear here: which models are sold on which platform, in which regions, at what price and through which API, each row with its source and snapshot date."
          nextStep="An admin loads the catalogue with npm run catalog:sync (LiteLLM or models.dev), or restarts Crossbench to load the curated seed into an empty database."
        />
      </>
    );
  }

  const matrix = prepareAccessMatrix(matrixData);
  const rowPages = Math.max(1, Math.ceil(matrix.rows.length / MATRIX_PAGE_SIZE));
  const rowPage = Math.min(filters.rows, rowPages);
  const firstRow = (rowPage - 1) * MATRIX_PAGE_SIZE;
  const shownRows = matrix.rows.slice(firstRow, firstRow + MATRIX_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(offerings.total / offerings.pageSize));
  const sortHref = Object.fromEntries(
    OFFERING_SORTS.map((sort) => [
      sort,
      {
        asc: `/catalog${catalogQuery(filters, { sort, dir: "asc", page: 1 })}#offerings`,
        desc: `/catalog${catalogQuery(filters, { sort, dir: "desc", page: 1 })}#offerings`,
      },
    ]),
  );

  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <SnapshotNote
        source={snapshot.source}
        takenAt={formatDay(snapshot.takenAt)}
        loadedAt={formatDay(snapshot.createdAt)}
      />
      <p className="text-sm">
        <Link href="/catalog/platforms" className="underline underline-offset-2">
          All platforms
        </Link>
        : each one&apos;s offerings, measured runs and lock-in score.
      </p>
      <CatalogFiltersForm filters={filters} options={options} />

      <section aria-labelledby="matrix-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="matrix-heading" className="text-lg font-semibold">
            Access matrix: {matrix.rows.length}{" "}
            {filters.view === "families" ? "families" : "models"} × {matrix.columns.length}{" "}
            platforms
          </h2>
          <p className="text-sm text-muted-foreground">
            Cell: cheapest blended price (3 input : 1 output), USD per 1M tokens; dashed = preview,
            struck = deprecated, — = not offered. Select a cell for its offerings, regions and
            sources.
          </p>
        </div>
        {matrix.isEmpty ? (
          <p className="rounded-xl border border-dashed p-6 text-sm text-muted-foreground">
            No offering matches these filters.{" "}
            <Link href="/catalog" className="underline">
              Reset the filters
            </Link>
            .
          </p>
        ) : (
          <>
            <AccessMatrix
              matrix={{ ...matrix, rows: shownRows }}
              rowHrefPrefix={filters.view === "models" ? "/catalog/models/" : undefined}
              filters={filters}
              loadCell={getMatrixCellAction}
            />
            {rowPages > 1 ? (
              <nav
                aria-label="Access matrix rows"
                className="flex flex-wrap items-center gap-3 text-sm"
              >
                <span className="text-muted-foreground">
                  {filters.view === "families" ? "Families" : "Models"} {firstRow + 1}–
                  {firstRow + shownRows.length} of {formatCount(matrix.rows.length)}
                </span>
                {rowPage > 1 ? (
                  <Link
                    href={`/catalog${catalogQuery(filters, { rows: rowPage - 1 })}#matrix-heading`}
                    className="underline underline-offset-2"
                  >
                    Previous {MATRIX_PAGE_SIZE}
                  </Link>
                ) : null}
                {rowPage < rowPages ? (
                  <Link
                    href={`/catalog${catalogQuery(filters, { rows: rowPage + 1 })}#matrix-heading`}
                    className="underline underline-offset-2"
                  >
                    Next{" "}
                    {Math.min(MATRIX_PAGE_SIZE, matrix.rows.length - firstRow - MATRIX_PAGE_SIZE)}
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </>
        )}
      </section>

      <section id="offerings" aria-labelledby="offerings-heading" className="flex flex-col gap-3">
        <h2 id="offerings-heading" className="text-lg font-semibold">
          Offerings ({formatCount(offerings.total)})
        </h2>
        <OfferingsTable
          rows={offerings.rows.map((row) => ({
            // Only what the table shows: each field is sent once per row in the page's payload.
            modelId: row.modelId,
            modelName: row.modelName,
            vendor: row.vendor,
            platformId: row.platformId,
            platformName: row.platformName,
            nativeId: row.nativeId,
            inputPrice: row.inputPrice,
            outputPrice: row.outputPrice,
            blendedPrice: row.blendedPrice,
            contextWindow: row.contextWindow,
            maxOutputTokens: row.maxOutputTokens,
            regions: row.regions,
            apiStyles: row.apiStyles,
            lifecycle: row.lifecycle,
            snapshotDate: formatDay(row.snapshotDate),
            sourceUrl: row.sourceUrl,
            withdrawnOn: row.withdrawnAt ? formatDay(row.withdrawnAt) : null,
          }))}
          sort={filters.sort}
          dir={filters.dir}
          sortHref={sortHref}
          csvHref={`/catalog/offerings.csv${catalogQuery({ ...filters, page: 1 })}`}
        />
        <nav
          aria-label="Offerings pages"
          className="flex items-center justify-between gap-2 text-sm"
        >
          <span className="text-muted-foreground">
            Page {filters.page} of {pages}
          </span>
          <span className="flex gap-2">
            {filters.page > 1 ? (
              <Button asChild variant="outline" size="sm">
                <Link
                  href={`/catalog${catalogQuery(filters, { page: filters.page - 1 })}#offerings`}
                >
                  Previous
                </Link>
              </Button>
            ) : null}
            {filters.page < pages ? (
              <Button asChild variant="outline" size="sm">
                <Link
                  href={`/catalog${catalogQuery(filters, { page: filters.page + 1 })}#offerings`}
                >
                  Next
                </Link>
              </Button>
            ) : null}
          </span>
        </nav>
      </section>
    </>
  );
}

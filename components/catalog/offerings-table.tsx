"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type VisibilityState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, Columns3, Download } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";

import { Button } from "@/components/ui/button";
import { formatTokens, formatUsdPerMillion } from "@/lib/format";

export type OfferingTableRow = {
  modelId: string;
  modelName: string;
  vendor: string;
  platformId: string;
  platformName: string;
  nativeId: string;
  inputPrice: number | null;
  outputPrice: number | null;
  blendedPrice: number | null;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  regions: string[];
  apiStyles: string[];
  lifecycle: string;
  snapshotDate: string;
  sourceUrl: string;
  /** The date a full sync of its source stopped listing it, or null while listed. */
  withdrawnOn: string | null;
};

/** Column id → the server's sort key, for the columns the server can sort. */
const SORTABLE: Record<string, string> = {
  modelName: "model",
  vendor: "vendor",
  platformName: "platform",
  inputPrice: "input",
  outputPrice: "output",
  blendedPrice: "blended",
  contextWindow: "context",
  snapshotDate: "updated",
};

const columns: ColumnDef<OfferingTableRow>[] = [
  {
    id: "modelName",
    accessorKey: "modelName",
    header: "Model",
    cell: ({ row }) => (
      <span className="flex flex-col">
        <Link
          href={`/catalog/models/${row.original.modelId}`}
          className={`font-medium hover:underline ${row.original.withdrawnOn ? "line-through" : ""}`}
        >
          {row.original.modelName}
        </Link>
        {row.original.withdrawnOn ? (
          <span className="text-xs text-muted-foreground">
            Withdrawn {row.original.withdrawnOn}
          </span>
        ) : null}
      </span>
    ),
  },
  { id: "vendor", accessorKey: "vendor", header: "Vendor" },
  {
    id: "platformName",
    accessorKey: "platformName",
    header: "Platform",
    cell: ({ row }) => (
      <Link href={`/catalog/platforms/${row.original.platformId}`} className="hover:underline">
        {row.original.platformName}
      </Link>
    ),
  },
  {
    id: "nativeId",
    accessorKey: "nativeId",
    header: "Native id",
    cell: ({ getValue }) => <code className="text-xs break-all">{String(getValue())}</code>,
  },
  {
    id: "inputPrice",
    accessorKey: "inputPrice",
    header: "Input $/1M",
    cell: ({ row }) => formatUsdPerMillion(row.original.inputPrice),
  },
  {
    id: "outputPrice",
    accessorKey: "outputPrice",
    header: "Output $/1M",
    cell: ({ row }) => formatUsdPerMillion(row.original.outputPrice),
  },
  {
    id: "blendedPrice",
    accessorKey: "blendedPrice",
    header: "Blended 3:1 $/1M",
    cell: ({ row }) => formatUsdPerMillion(row.original.blendedPrice),
  },
  {
    id: "contextWindow",
    accessorKey: "contextWindow",
    header: "Context (tokens)",
    cell: ({ row }) => formatTokens(row.original.contextWindow),
  },
  {
    id: "maxOutputTokens",
    accessorKey: "maxOutputTokens",
    header: "Max output (tokens)",
    cell: ({ row }) => formatTokens(row.original.maxOutputTokens),
  },
  { id: "regions", header: "Regions", cell: ({ row }) => row.original.regions.join(", ") || "—" },
  {
    id: "apiStyles",
    header: "API styles",
    cell: ({ row }) => row.original.apiStyles.join(", ") || "—",
  },
  { id: "lifecycle", accessorKey: "lifecycle", header: "Lifecycle" },
  {
    id: "snapshotDate",
    accessorKey: "snapshotDate",
    header: "Snapshot",
    cell: ({ row }) => (
      <a href={row.original.sourceUrl} className="hover:underline" rel="noreferrer" target="_blank">
        {row.original.snapshotDate}
      </a>
    ),
  },
];

const DEFAULT_HIDDEN: VisibilityState = {
  maxOutputTokens: false,
  regions: false,
  lifecycle: false,
};
const STORAGE_KEY = "crossbench.offerings.columns";

/**
 * The offerings table: rows come sorted, filtered and paged from the server (so it stays fast with
 * the whole catalogue loaded); TanStack Table renders them and keeps the column choice.
 */
export function OfferingsTable({
  rows,
  sort,
  dir,
  sortHref,
  csvHref,
}: {
  rows: OfferingTableRow[];
  sort: string;
  dir: "asc" | "desc";
  sortHref: Record<string, { asc: string; desc: string }>;
  csvHref: string;
}) {
  const [visibility, setVisibility] = useState<VisibilityState>(DEFAULT_HIDDEN);
  const [isPickerOpen, setIsPickerOpen] = useState(false);

  useEffect(() => {
    try {
      const saved = window.localStorage.getItem(STORAGE_KEY);
      if (saved) setVisibility(JSON.parse(saved) as VisibilityState);
    } catch {
      // A broken saved choice falls back to the default columns.
    }
  }, []);

  // TanStack Table's functions cannot be memoised by the React Compiler, which this app does not use.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    state: { columnVisibility: visibility },
    onColumnVisibilityChange: (updater) => {
      setVisibility((current) => {
        const next = typeof updater === "function" ? updater(current) : updater;
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
        return next;
      });
    },
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
  });

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="outline"
          size="sm"
          aria-expanded={isPickerOpen}
          aria-controls="column-picker"
          onClick={() => setIsPickerOpen((open) => !open)}
        >
          <Columns3 aria-hidden />
          Columns
        </Button>
        <Button asChild variant="outline" size="sm">
          <a href={csvHref} download>
            <Download aria-hidden />
            Download CSV
          </a>
        </Button>
      </div>
      <fieldset
        id="column-picker"
        hidden={!isPickerOpen}
        className="flex flex-wrap gap-x-4 gap-y-2 rounded-lg border p-3 text-sm"
      >
        <legend className="px-1 font-medium">Visible columns</legend>
        {table.getAllLeafColumns().map((column) => (
          <label key={column.id} className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={column.getIsVisible()}
              onChange={column.getToggleVisibilityHandler()}
            />
            {String(column.columnDef.header)}
          </label>
        ))}
      </fieldset>
      <div className="overflow-x-auto rounded-xl border">
        {/* Cell padding and alignment are set once here rather than on each of the rows' cells. */}
        <table className="w-full text-sm [&_td]:px-3 [&_td]:py-1.5 [&_td]:align-top [&_td]:tabular-nums">
          <thead className="bg-muted/50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const key = SORTABLE[header.column.id];
                  const isSorted = key !== undefined && key === sort;
                  const href = key ? sortHref[key] : undefined;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        isSorted ? (dir === "asc" ? "ascending" : "descending") : undefined
                      }
                      className="px-3 py-2 text-left font-medium whitespace-nowrap"
                    >
                      {href ? (
                        <Link
                          href={isSorted && dir === "asc" ? href.desc : href.asc}
                          className="inline-flex items-center gap-1 hover:underline"
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {isSorted ? (
                            dir === "asc" ? (
                              <ArrowUp aria-hidden className="size-3.5" />
                            ) : (
                              <ArrowDown aria-hidden className="size-3.5" />
                            )
                          ) : null}
                        </Link>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                className={row.original.withdrawnOn ? "border-t text-muted-foreground" : "border-t"}
              >
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={
                      row.original.withdrawnOn && cell.column.id !== "modelName"
                        ? "line-through"
                        : undefined
                    }
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

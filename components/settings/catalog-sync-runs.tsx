import { formatCount, formatDateTime } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { TableFrame } from "@/components/ui/table-frame";
import type { CatalogSyncRunItem } from "@/lib/schemas/catalog-sync-schedule";

const SOURCE_LABELS: Record<string, string> = { litellm: "LiteLLM", "models-dev": "models.dev" };

const STATUS_LABELS: Record<CatalogSyncRunItem["status"], string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
};

const STATUS_CLASSES: Record<CatalogSyncRunItem["status"], string> = {
  queued: "",
  running: "",
  succeeded: "border-emerald-600/50 bg-emerald-500/10 text-emerald-800 dark:text-emerald-300",
  failed: "border-destructive/50 bg-destructive/10 text-destructive",
};

const HEAD = [
  "Source",
  "Trigger",
  { label: "Queued at (UTC)", className: "whitespace-nowrap" },
  "Status",
  ...["Created", "Updated", "Unchanged", "Price changes"].map((label) => ({
    label,
    className: "text-right",
  })),
  "Report",
];

const time = (value: Date) => (
  <time dateTime={value.toISOString()}>{formatDateTime(value).replace(" UTC", "")}</time>
);

/** The latest syncs the worker ran or will run, newest first, with what each did or why it failed. */
export function CatalogSyncRuns({ runs }: { runs: readonly CatalogSyncRunItem[] }) {
  if (runs.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        No scheduled sync has run yet. The first runs at the next fire time, or choose Sync now.
      </p>
    );
  }
  return (
    <TableFrame
      caption="Latest scheduled and requested catalogue syncs, newest first; counts are offerings"
      head={HEAD}
      variant="card"
    >
      {runs.map((run) => (
        <tr key={run.id} className="align-top">
          <th scope="row" className="px-3 py-3 text-left font-medium">
            <div className="flex flex-col">
              <span>{SOURCE_LABELS[run.source] ?? run.source}</span>
              <span
                title={run.url}
                className="max-w-56 truncate text-xs font-normal text-muted-foreground"
              >
                {run.url}
              </span>
            </div>
          </th>
          <td className="px-3 py-3 text-muted-foreground">
            {run.trigger === "schedule" ? "Schedule" : "Sync now"}
          </td>
          <td className="px-3 py-3 whitespace-nowrap text-muted-foreground tabular-nums">
            {time(run.createdAt)}
          </td>
          <td className="px-3 py-3">
            <div className="flex max-w-sm flex-col gap-1">
              <Badge variant="outline" className={STATUS_CLASSES[run.status]}>
                {STATUS_LABELS[run.status]}
              </Badge>
              {run.finishedAt ? (
                <span className="text-xs text-muted-foreground tabular-nums">
                  finished {time(run.finishedAt)}
                </span>
              ) : null}
              {run.error ? <span className="text-sm text-destructive">{run.error}</span> : null}
            </div>
          </td>
          {(["created", "updated", "unchanged", "priceChanges"] as const).map((key) => (
            <td key={key} className="px-3 py-3 text-right tabular-nums">
              {run.counts ? formatCount(run.counts[key]) : "–"}
            </td>
          ))}
          <td className="px-3 py-3">
            {run.snapshotId ? (
              <a
                href={`/settings/catalog/snapshots/${encodeURIComponent(run.snapshotId)}/report.json`}
                className="text-sm font-medium underline underline-offset-4"
              >
                Report
                <span className="sr-only">
                  {" "}
                  of the {SOURCE_LABELS[run.source] ?? run.source} sync
                </span>{" "}
                (JSON)
              </a>
            ) : (
              <span className="text-muted-foreground">–</span>
            )}
          </td>
        </tr>
      ))}
    </TableFrame>
  );
}

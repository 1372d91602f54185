import { formatCount, formatDateTime, formatDay } from "@/lib/format";
import { TableFrame } from "@/components/ui/table-frame";

type Counts = { platforms: number; models: number; offerings: number; ties: number };

export interface CatalogSnapshotItem {
  id: string;
  source: string;
  sourceUrl: string;
  takenAt: Date;
  createdAt: Date;
  createdBy: { name: string; email: string } | null;
  counts: {
    created: Counts;
    updated: Counts;
    unchanged: Counts;
    skipped: number;
    priceChanges: number;
  } | null;
}

const SOURCE_LABELS: Record<string, string> = {
  seed: "Curated seed",
  litellm: "LiteLLM",
  "models-dev": "models.dev",
};

function CountsCell({ counts }: { counts: Counts | undefined }) {
  if (!counts) return <span className="text-muted-foreground">–</span>;
  const rest = [
    counts.models ? `${counts.models} models` : null,
    counts.platforms ? `${counts.platforms} platforms` : null,
    counts.ties ? `${counts.ties} ties` : null,
  ].filter(Boolean);
  return (
    <div className="flex flex-col items-end">
      <span className="tabular-nums">{formatCount(counts.offerings)}</span>
      {rest.length > 0 ? (
        <span className="text-xs text-muted-foreground">{rest.join(", ")}</span>
      ) : null}
    </div>
  );
}

const HEAD = [
  "Source",
  { label: "Facts as of", className: "whitespace-nowrap" },
  { label: "Loaded at (UTC)", className: "whitespace-nowrap" },
  "By",
  ...["Created", "Updated", "Unchanged", "Skipped"].map((label) => ({
    label,
    className: "text-right",
  })),
];

/** Every catalogue snapshot, newest first: where it came from, when, by whom, and what it did. */
export function CatalogSnapshots({ snapshots }: { snapshots: readonly CatalogSnapshotItem[] }) {
  if (snapshots.length === 0) {
    return <p className="text-sm text-muted-foreground">No snapshot has been loaded yet.</p>;
  }
  return (
    <TableFrame
      caption="Catalogue snapshots, newest first; counts are offerings, with other kinds below"
      head={HEAD}
      variant="card"
    >
      {snapshots.map((snapshot) => (
        <tr key={snapshot.id} className="align-top">
          <th scope="row" className="px-3 py-3 text-left font-medium">
            <div className="flex flex-col">
              <span>{SOURCE_LABELS[snapshot.source] ?? snapshot.source}</span>
              <span
                title={snapshot.sourceUrl}
                className="max-w-56 truncate text-xs font-normal text-muted-foreground"
              >
                {snapshot.sourceUrl}
              </span>
            </div>
          </th>
          <td className="px-3 py-3 whitespace-nowrap tabular-nums">
            <time dateTime={snapshot.takenAt.toISOString()}>{formatDay(snapshot.takenAt)}</time>
          </td>
          <td className="px-3 py-3 whitespace-nowrap text-muted-foreground tabular-nums">
            <time dateTime={snapshot.createdAt.toISOString()}>
              {formatDateTime(snapshot.createdAt).replace(" UTC", "")}
            </time>
          </td>
          <td className="px-3 py-3 text-muted-foreground">
            {snapshot.createdBy ? (
              <span title={snapshot.createdBy.email}>{snapshot.createdBy.name}</span>
            ) : (
              "–"
            )}
          </td>
          <td className="px-3 py-3 text-right">
            <CountsCell counts={snapshot.counts?.created} />
          </td>
          <td className="px-3 py-3 text-right">
            <CountsCell counts={snapshot.counts?.updated} />
          </td>
          <td className="px-3 py-3 text-right">
            <CountsCell counts={snapshot.counts?.unchanged} />
          </td>
          <td className="px-3 py-3 text-right tabular-nums">
            {snapshot.counts ? formatCount(snapshot.counts.skipped) : "–"}
          </td>
        </tr>
      ))}
    </TableFrame>
  );
}

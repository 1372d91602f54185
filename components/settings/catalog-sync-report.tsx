import { CheckCircle2, FlaskConical } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { TableFrame } from "@/components/ui/table-frame";
import { CATALOG_SOURCE_INFO, type CatalogSyncSummary } from "@/lib/schemas/catalog-sync";
import { formatCount } from "@/lib/format";

const KINDS = [
  ["offerings", "Offerings"],
  ["models", "Models"],
  ["platforms", "Platforms"],
  ["ties", "Vendor ties"],
] as const;

const OUTCOMES = [
  ["created", "Created"],
  ["updated", "Updated"],
  ["unchanged", "Unchanged"],
] as const;

const plural = (count: number, one: string, many = `${one}s`) =>
  `${formatCount(count)} ${count === 1 ? one : many}`;

/** What a sync did, or for a dry run would do: counts per kind, skips by reason, first changes. */
export function CatalogSyncReport({ report }: { report: CatalogSyncSummary }) {
  const headingId = `sync-report-${report.snapshotId ?? "dry-run"}`;
  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-5 rounded-xl border bg-card p-5 text-card-foreground shadow-xs"
    >
      <div className="flex flex-col gap-1">
        <h3 id={headingId} className="flex items-center gap-2 text-base font-semibold">
          {report.dryRun ? (
            <FlaskConical aria-hidden className="size-4 text-primary" />
          ) : (
            <CheckCircle2 aria-hidden className="size-4 text-primary" />
          )}
          {report.dryRun
            ? "Dry run report: nothing was written"
            : "Sync report: new snapshot saved"}
        </h3>
        <p className="text-sm text-muted-foreground">
          {CATALOG_SOURCE_INFO[report.source].label} from{" "}
          <span className="break-all">{report.from}</span>, facts as of {report.takenAt}.
        </p>
      </div>

      <TableFrame
        caption="Rows by kind and outcome"
        variant="ruled"
        className="rounded-lg"
        head={[
          "Kind",
          ...OUTCOMES.map(([key, label]) => ({
            label: report.dryRun && key !== "unchanged" ? `${label} (would be)` : label,
            className: "text-right",
          })),
        ]}
      >
        {KINDS.map(([kind, label]) => (
          <tr key={kind}>
            <th scope="row" className="px-3 py-2 text-left font-medium">
              {label}
            </th>
            {OUTCOMES.map(([outcome]) => (
              <td key={outcome} className="px-3 py-2 text-right tabular-nums">
                {formatCount(report.counts[outcome][kind])}
              </td>
            ))}
          </tr>
        ))}
      </TableFrame>
      <p className="text-sm">
        Price changes: {plural(report.priceChanges, "offering")} with a new price
        {report.dryRun ? " would get a price history row." : " got a price history row."}
      </p>

      <div className="flex flex-col gap-2">
        <h4 className="text-sm font-semibold">
          Skipped: {plural(report.skippedTotal, "entry", "entries")}
        </h4>
        {report.skipped.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing was skipped.</p>
        ) : (
          <ul className="flex flex-col gap-2 text-sm">
            {report.skipped.map((group) => (
              <li key={group.reason} className="flex flex-col gap-1">
                <span className="flex flex-wrap items-center gap-2">
                  <Badge variant="secondary" className="tabular-nums">
                    {formatCount(group.count)}
                  </Badge>
                  <span>{group.reason}</span>
                </span>
                <span className="pl-1 text-muted-foreground">
                  e.g.{" "}
                  {group.examples.map((key, index) => (
                    <span key={key}>
                      {index > 0 ? ", " : null}
                      <code className="font-mono text-xs break-all">{key}</code>
                    </span>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>

      <OfferingList
        title={report.dryRun ? "Withdrawn (would be)" : "Withdrawn"}
        caption={
          report.dryRun
            ? "Offerings the source no longer lists, that this sync would mark withdrawn"
            : "Offerings the source no longer lists, marked withdrawn"
        }
        rows={report.withdrawn}
        total={report.withdrawnTotal}
      />
      <OfferingList
        title={report.dryRun ? "Restored (would be)" : "Restored"}
        caption="Withdrawn offerings the source lists again"
        rows={report.restored}
        total={report.restoredTotal}
      />

      <div className="flex flex-col gap-2">
        <h4 className="text-sm font-semibold">
          {report.conflictsTotal === 0
            ? "Conflicts between sources: none"
            : report.conflictsTotal > report.conflicts.length
              ? `Conflicts between sources: the first ${report.conflicts.length} of ${formatCount(report.conflictsTotal)}`
              : `Conflicts between sources: ${formatCount(report.conflictsTotal)}`}
        </h4>
        {report.conflicts.length > 0 ? (
          <>
            <p className="text-sm text-muted-foreground">
              Where this source and the one that set a field disagree by more than 1%, the value of
              the higher source stands: the curated seed, then LiteLLM, then models.dev.
            </p>
            <TableFrame
              caption="Fields on which two sources disagree, with the value kept"
              variant="ruled"
              className="rounded-lg"
              head={["Platform", "Native id", "Field", "Kept", "Not taken"]}
            >
              {report.conflicts.map((conflict) => (
                <tr key={`${conflict.platformId}:${conflict.nativeId}:${conflict.field}`}>
                  <td className="px-3 py-2 whitespace-nowrap">{conflict.platformId}</td>
                  <td className="px-3 py-2 font-mono text-xs break-all">{conflict.nativeId}</td>
                  <td className="px-3 py-2">{conflict.field}</td>
                  <td className="px-3 py-2">
                    {conflict.kept.value}{" "}
                    <span className="text-muted-foreground">({conflict.kept.source})</span>
                  </td>
                  <td className="px-3 py-2">
                    {conflict.other.value}{" "}
                    <span className="text-muted-foreground">({conflict.other.source})</span>
                  </td>
                </tr>
              ))}
            </TableFrame>
          </>
        ) : null}
      </div>

      {report.dryRun ? (
        <div className="flex flex-col gap-2">
          <h4 className="text-sm font-semibold">
            {report.changesTotal === 0
              ? "Offering changes: none"
              : report.changesTotal > report.changes.length
                ? `Offering changes: the first ${report.changes.length} of ${formatCount(report.changesTotal)}`
                : `Offering changes: ${formatCount(report.changesTotal)}`}
          </h4>
          {report.changes.length > 0 ? (
            <TableFrame
              caption="Offerings that would change"
              variant="ruled"
              className="rounded-lg"
              head={["Platform", "Native id", "Change"]}
            >
              {report.changes.map((change) => (
                <tr key={`${change.platformId}:${change.nativeId}`}>
                  <td className="px-3 py-2 whitespace-nowrap">{change.platformId}</td>
                  <td className="px-3 py-2 font-mono text-xs break-all">{change.nativeId}</td>
                  <td className="px-3 py-2">{change.fields.join(", ")}</td>
                </tr>
              ))}
            </TableFrame>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** Offerings withdrawn or restored by a sync: the first few in a table, and how many in all. */
function OfferingList({
  title,
  caption,
  rows,
  total,
}: {
  title: string;
  caption: string;
  rows: CatalogSyncSummary["withdrawn"];
  total: number;
}) {
  return (
    <div className="flex flex-col gap-2">
      <h4 className="text-sm font-semibold">
        {total === 0
          ? `${title}: none`
          : total > rows.length
            ? `${title}: the first ${rows.length} of ${plural(total, "offering")}`
            : `${title}: ${plural(total, "offering")}`}
      </h4>
      {rows.length > 0 ? (
        <TableFrame
          caption={caption}
          variant="ruled"
          className="rounded-lg"
          head={["Platform", "Native id", "Model"]}
        >
          {rows.map((row) => (
            <tr key={`${row.platformId}:${row.nativeId}`}>
              <td className="px-3 py-2 whitespace-nowrap">{row.platformId}</td>
              <td className="px-3 py-2 font-mono text-xs break-all">{row.nativeId}</td>
              <td className="px-3 py-2">{row.modelId}</td>
            </tr>
          ))}
        </TableFrame>
      ) : null}
    </div>
  );
}

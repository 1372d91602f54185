import { Database } from "lucide-react";

/** Which catalogue snapshot the numbers on a page come from, and when it was taken. */
export function SnapshotNote({
  source,
  takenAt,
  loadedAt,
}: {
  source: string;
  takenAt: string;
  loadedAt: string;
}) {
  return (
    <p className="flex items-center gap-2 text-sm text-muted-foreground">
      <Database aria-hidden className="size-4" />
      <span>
        Catalogue snapshot: <span className="font-medium text-foreground">{source}</span>, facts as
        of <time dateTime={takenAt}>{takenAt}</time>, loaded{" "}
        <time dateTime={loadedAt}>{loadedAt}</time>. Prices in USD per 1M tokens.
      </span>
    </p>
  );
}

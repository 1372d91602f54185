import type { PriceChangeNote } from "@/lib/charts/price-comparison";

/**
 * The price chart's dated annotations: each catalogue price change with the day of the snapshot
 * that brought it. Draws what preparePriceChangeNotes decided.
 */
export function PriceChangeNotes({
  notes,
  more,
}: {
  notes: readonly PriceChangeNote[];
  more: number;
}) {
  if (notes.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        No price change recorded: every sync so far brought the same prices.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <h3 className="text-sm font-medium">Price changes, newest first</h3>
      <ol className="flex flex-col gap-1 text-sm">
        {notes.map((note) => (
          <li key={note.key} className="flex flex-wrap gap-x-2">
            <time dateTime={note.date} className="font-medium tabular-nums">
              {note.date}
            </time>
            <span className="text-muted-foreground">{note.text}</span>
          </li>
        ))}
      </ol>
      {more > 0 ? <p className="text-xs text-muted-foreground">… and {more} earlier.</p> : null}
    </div>
  );
}

import { TableFrame } from "@/components/ui/table-frame";

export type SuiteCaseRow = {
  id: string;
  category: string;
  prompt: string;
  reference: string | null;
  assertions: string[];
};

/** A suite's cases in order: the prompt (expandable), the reference and the assertion types. */
export function SuiteCases({ rows }: { rows: SuiteCaseRow[] }) {
  return (
    <TableFrame caption="Cases" head={["Case", "Category", "Prompt", "Reference", "Assertions"]}>
      {rows.map((row) => (
        <tr key={row.id} className="border-t align-top">
          <td className="px-3 py-2">
            <code className="text-xs">{row.id}</code>
          </td>
          <td className="px-3 py-2">{row.category}</td>
          <td className="max-w-md px-3 py-2">
            <ExpandableText text={row.prompt} />
          </td>
          <td className="max-w-xs px-3 py-2">
            {row.reference ? <ExpandableText text={row.reference} /> : "—"}
          </td>
          <td className="px-3 py-2 text-xs">{row.assertions.join(", ") || "—"}</td>
        </tr>
      ))}
    </TableFrame>
  );
}

const PREVIEW_CHARS = 140;

/**
 * Long text cut to a preview, with the whole text one click (or Enter) away. With
 * `isStyledByTable`, a short text's paragraph is marked `data-text` and left to the surrounding
 * table to style (the case grid does, once for its hundreds of texts).
 */
export function ExpandableText({
  text,
  label = "Show all",
  isStyledByTable = false,
}: {
  text: string;
  label?: string;
  isStyledByTable?: boolean;
}) {
  if (text.length <= PREVIEW_CHARS) {
    return isStyledByTable ? (
      <p data-text>{text}</p>
    ) : (
      <p className="break-words whitespace-pre-wrap">{text}</p>
    );
  }
  return (
    <details className="group">
      <summary className="cursor-pointer list-none break-words whitespace-pre-wrap">
        <span className="group-open:hidden">{text.slice(0, PREVIEW_CHARS)}… </span>
        <span className="text-xs font-medium text-primary underline underline-offset-2">
          <span className="group-open:hidden">{label}</span>
          <span className="hidden group-open:inline">Show less</span>
        </span>
      </summary>
      <p className="mt-1 break-words whitespace-pre-wrap">{text}</p>
    </details>
  );
}

import Link from "next/link";

import { OutcomeBadge, trialOutcome } from "@/components/runs/run-badges";
import { ExpandableText } from "@/components/runs/suite-cases";
import { Button } from "@/components/ui/button";
import { TableFrame } from "@/components/ui/table-frame";
import { formatMs, formatScore, formatUsd } from "@/lib/format";

export type TrialTableRow = {
  id: string;
  caseId: string;
  category: string | null;
  targetLabel: string;
  repeat: number;
  prompt: string;
  output: string | null;
  status: string;
  pass: boolean | null;
  score: number | null;
  assertions: { type: string; pass: boolean; score: number; reason: string; negate?: boolean }[];
  judgeModel: string | null;
  judgeReason: string | null;
  latencyMs: number | null;
  costUsd: number | null;
  errorKind: string | null;
  errorMessage: string | null;
  servedBy: string | null;
};

/** One page of trials: what was asked, what came back, and how it was scored. */
export function TrialsTable({ rows }: { rows: TrialTableRow[] }) {
  return (
    <TableFrame
      caption="Trials: one row per case, target and repeat"
      head={[
        "Case",
        "Target",
        "Prompt",
        "Output",
        "Result",
        "Assertions",
        { label: "Latency", className: "text-right" },
        { label: "Cost", className: "text-right" },
      ]}
    >
      {rows.map((row) => (
        <tr key={row.id} className="border-t align-top">
          <td className="px-3 py-2">
            <code className="text-xs">{row.caseId}</code>
            <span className="block text-xs text-muted-foreground">
              {row.category ?? "—"} · repeat {row.repeat + 1}
            </span>
          </td>
          <td className="max-w-48 px-3 py-2 text-xs">
            {row.targetLabel}
            {row.servedBy ? (
              <span className="block text-muted-foreground">served by {row.servedBy}</span>
            ) : null}
          </td>
          <td className="max-w-xs px-3 py-2 text-xs">
            <ExpandableText text={row.prompt} label="Show prompt" />
          </td>
          <td className="max-w-sm px-3 py-2 text-xs">
            {row.output === null ? "—" : <ExpandableText text={row.output} label="Show output" />}
            {row.errorKind || row.errorMessage ? (
              <p className="mt-1 text-destructive">
                {row.errorKind ?? "error"}
                {row.errorMessage ? `: ${row.errorMessage}` : ""}
              </p>
            ) : null}
          </td>
          <td className="px-3 py-2">
            <OutcomeBadge outcome={trialOutcome(row)} />
            <span className="mt-1 block text-xs text-muted-foreground tabular-nums">
              score {formatScore(row.score)}
            </span>
          </td>
          <td className="max-w-xs px-3 py-2 text-xs">
            {row.assertions.length === 0 ? (
              "—"
            ) : (
              <ul className="flex flex-col gap-1">
                {row.assertions.map((assertion, index) => (
                  <li key={`${assertion.type}-${index}`}>
                    <span className={assertion.pass ? "text-primary" : "text-destructive"}>
                      {assertion.pass ? "✓" : "✗"}
                    </span>{" "}
                    <code>
                      {assertion.negate ? "not-" : ""}
                      {assertion.type}
                    </code>
                    {assertion.reason ? (
                      <span className="text-muted-foreground"> — {assertion.reason}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {row.judgeModel ? (
              <p className="mt-1 text-muted-foreground">
                Judge {row.judgeModel}
                {row.judgeReason ? `: ${row.judgeReason}` : ""}
              </p>
            ) : null}
          </td>
          <td className="px-3 py-2 text-right text-xs whitespace-nowrap tabular-nums">
            {formatMs(row.latencyMs)}
          </td>
          <td className="px-3 py-2 text-right text-xs whitespace-nowrap tabular-nums">
            {formatUsd(row.costUsd)}
          </td>
        </tr>
      ))}
    </TableFrame>
  );
}

/** Previous / next links for the trials (or the cases: `label`), keeping the filters. */
export function TrialsPager({
  page,
  pages,
  hrefFor,
  label = "Trial pages",
}: {
  page: number;
  pages: number;
  hrefFor: (page: number) => string;
  label?: string;
}) {
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-2 text-sm">
      <span className="text-muted-foreground">
        Page {page} of {pages}
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Button asChild variant="outline" size="sm">
            <Link href={hrefFor(page - 1)}>Previous</Link>
          </Button>
        ) : null}
        {page < pages ? (
          <Button asChild variant="outline" size="sm">
            <Link href={hrefFor(page + 1)}>Next</Link>
          </Button>
        ) : null}
      </span>
    </nav>
  );
}

import type { ReportTable, ReportView } from "./report-data";
import { reportTables } from "./tables";

/**
 * A report as Markdown: title, the simulated watermark line, summary, key figures as tables,
 * recommendations, annotations, methodology and provenance. Pure.
 */

/** One table cell: pipes and line breaks would break the table. */
function cell(value: string | number | null): string {
  if (value === null) return "—";
  return String(value)
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n|\r/g, " ");
}

function markdownTable(table: Pick<ReportTable, "header" | "rows">): string {
  const lines = [
    `| ${table.header.map(cell).join(" | ")} |`,
    `| ${table.header.map(() => "---").join(" | ")} |`,
    ...table.rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ];
  return lines.join("\n");
}

const KEY_TABLES = [
  "targets",
  "parity",
  "lock-in scores",
  "routing policies",
  "neutrality audit",
] as const;

const SIMULATED_LINE =
  "> **SIMULATED** — some of the data in this report came from the Crossbench emulator, not from real providers.";

/** The report as one Markdown document. */
export function reportToMarkdown(
  view: Pick<
    ReportView,
    "id" | "title" | "annotations" | "recommendations" | "isSimulated" | "createdAt" | "data"
  > & { createdBy?: string | null },
): string {
  const { data } = view;
  const parts: string[] = [`# ${view.title.replace(/\r?\n|\r/g, " ")}`];
  if (view.isSimulated || data.isSimulated) parts.push(SIMULATED_LINE);
  parts.push(
    `Report ${view.id}, drafted ${data.draftedAt.slice(0, 10)}${view.createdBy ? ` by ${view.createdBy}` : ""}.`,
  );

  parts.push("## Summary");
  parts.push(
    data.summary.length > 0
      ? data.summary.map((sentence) => `- ${sentence.text}`).join("\n")
      : "No figure was strong enough to summarise.",
  );

  parts.push("## Key figures");
  const tables = reportTables(view);
  for (const name of KEY_TABLES) {
    const table = tables.find((t) => t.name === name);
    if (!table || table.rows.length === 0) continue;
    parts.push(`### ${name.charAt(0).toUpperCase()}${name.slice(1)}`);
    parts.push(markdownTable(table));
  }
  if (!data.routing && data.routingReason) parts.push(`Routing: ${data.routingReason}`);

  parts.push("## Recommendations");
  parts.push(view.recommendations.trim() || "None yet.");
  if (view.annotations.trim()) {
    parts.push("## Annotations");
    parts.push(view.annotations.trim());
  }

  parts.push("## Methodology");
  parts.push("### Metrics");
  parts.push(data.methodology.metrics.map((m) => `- **${m.name}**: ${m.definition}`).join("\n"));
  parts.push("### Statistics");
  parts.push(data.methodology.statistics.map((s) => `- ${s}`).join("\n"));
  parts.push(
    `### Lock-in weights in force${data.lockin.isDefaultWeights ? " (default rubric)" : ""}`,
  );
  parts.push(
    markdownTable({
      header: ["factor", "weight"],
      rows: data.methodology.lockinWeights.map((w) => [w.label, w.weight]),
    }),
  );
  if (data.methodology.routingPolicies.length > 0) {
    parts.push("### Routing policies simulated");
    parts.push(
      data.methodology.routingPolicies.map((p) => `- **${p.label}**: ${p.description}`).join("\n"),
    );
  }

  parts.push("## Provenance");
  const provenance = data.runs.map(
    (run) =>
      `- Run ${run.name} (${run.id}), suite ${run.suite.name}, created ${run.createdAt.slice(0, 10)}, finished ${run.finishedAt ? run.finishedAt.slice(0, 10) : "—"}${run.isSimulated ? ", simulated" : ""}; catalogue snapshot ${run.catalogSnapshot ? `${run.catalogSnapshot.id} (${run.catalogSnapshot.source}, ${run.catalogSnapshot.takenAt.slice(0, 10)})` : "—"}.`,
  );
  provenance.push(
    `- Lock-in scored on ${data.lockin.asOf} against catalogue snapshot ${data.lockin.snapshot ? `${data.lockin.snapshot.id} (${data.lockin.snapshot.takenAt.slice(0, 10)})` : "—"}${data.lockin.isExampleProfile ? ", example workload profile" : ""}.`,
  );
  parts.push(provenance.join("\n"));
  if (view.isSimulated || data.isSimulated) parts.push(SIMULATED_LINE);
  return `${parts.join("\n\n")}\n`;
}

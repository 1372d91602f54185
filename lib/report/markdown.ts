import { formatExported, type ColumnUnit } from "@/lib/format";
import { describeRouterAudits } from "@/lib/views/router-audit";
import { BRIEF_RULES, buildBrief } from "./brief";
import { escapeMarkdownBlock, escapeMarkdownInline as text } from "./escape-markdown";
import type { ReportTable, ReportView } from "./report-data";
import { buildSummary } from "./summary";
import { reportTables } from "./tables";

/**
 * A report as Markdown: title, the simulated watermark line, summary, key figures as tables,
 * recommendations, annotations, methodology and provenance. Pure.
 *
 * Every string taken from the report (its title and texts, and every name in its snapshot) goes
 * through `text` or `escapeMarkdownBlock`, so only the Markdown written here is Markdown.
 */

/**
 * One table cell: escaped text (pipes and line breaks included), or a number written by lib/format
 * in its column's unit, as the pages write the same figure.
 */
function cell(value: string | number | null, unit: ColumnUnit = "text"): string {
  if (value === null) return "—";
  return typeof value === "number" ? formatExported(value, unit) : text(value);
}

const day = (iso: string) => text(iso.slice(0, 10));

function markdownTable(table: Pick<ReportTable, "header" | "units" | "rows">): string {
  const lines = [
    `| ${table.header.map((label) => cell(label)).join(" | ")} |`,
    `| ${table.header.map(() => "---").join(" | ")} |`,
    ...table.rows.map(
      (row) => `| ${row.map((value, i) => cell(value, table.units[i])).join(" | ")} |`,
    ),
  ];
  return lines.join("\n");
}

const KEY_TABLES = [
  "targets",
  "parity",
  "lock-in scores",
  "routing policies",
  "policy calls by vendor group",
] as const;

const SIMULATED_LINE =
  "> **SIMULATED** — some of the data in this report came from the Crossbench emulator, not from real providers.";

/** The brief, page one of the report: answer, generated recommendation, numbers, cost, risk. */
function briefMarkdown(data: ReportView["data"], monthlyRequests: number | null): string[] {
  const brief = buildBrief(data, { monthlyRequests });
  const rec = brief.recommendation;
  const parts = ["## Brief", `**${text(brief.headline)}**`];
  parts.push("### Recommendation generated from the data");
  parts.push(
    [
      `- ${text(rec.text)} ${text(rec.why)}`,
      ...(rec.runnerUp ? [`- ${text(rec.runnerUp)}`] : []),
      `- What would change it: ${text(rec.wouldChange)}`,
      "- The analyst's recommendations are under Recommendations below; the rules are in the methodology.",
    ].join("\n"),
  );
  if (brief.keyNumbers.length > 0) {
    parts.push("### Key numbers");
    parts.push(
      markdownTable({
        header: ["figure", "value", "interval", "n"],
        units: ["text", "text", "text", "text"],
        rows: brief.keyNumbers.map((k) => [k.label, k.value, k.interval, k.n]),
      }),
    );
  }
  if (brief.monthlyCost) {
    parts.push("### Monthly cost at your volume");
    parts.push(
      markdownTable({
        header: ["option", "role", "per case", "per month"],
        units: ["text", "text", "text", "text"],
        rows: brief.monthlyCost.rows.map((r) => [r.label, r.role, r.perCase, r.perMonth]),
      }),
    );
    parts.push(text(brief.monthlyCost.assumption));
  }
  if (brief.risk) parts.push(`Main risk: ${text(brief.risk)}`);
  parts.push(`Provenance: ${text(brief.provenance)}`);
  return parts;
}

/** The report as one Markdown document. */
export function reportToMarkdown(
  view: Pick<
    ReportView,
    "id" | "title" | "annotations" | "recommendations" | "isSimulated" | "createdAt" | "data"
  > & { createdBy?: string | null; monthlyRequests?: number | null },
): string {
  const { data } = view;
  const parts: string[] = [`# ${text(view.title)}`];
  if (view.isSimulated || data.isSimulated) parts.push(SIMULATED_LINE);
  parts.push(
    `Report ${text(view.id)}, drafted ${day(data.draftedAt)}${view.createdBy ? ` by ${text(view.createdBy)}` : ""}.`,
  );

  parts.push(...briefMarkdown(data, view.monthlyRequests ?? null));

  // Derived on read from the frozen figures, as the page does.
  const summary = buildSummary(data);
  parts.push("## Summary");
  parts.push(
    summary.length > 0
      ? summary.map((sentence) => `- ${text(sentence.text)}`).join("\n")
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
  if (!data.routing && data.routingReason) parts.push(`Routing: ${text(data.routingReason)}`);
  const audits = describeRouterAudits(data.routerAudit, data.isSimulated);
  if (audits.length > 0) {
    parts.push("### Model routers, measured");
    for (const audit of audits) {
      parts.push(`#### ${text(audit.title)}`);
      parts.push(`**${text(audit.headline)}**`);
      const lines = [
        audit.shareSentence,
        `Calls by group: ${audit.shares.map((s) => `${s.group} ${s.share} (${s.calls})`).join(", ") || "none"}.`,
        audit.poolSentence,
        audit.referenceSentence,
        audit.unmappedSentence,
        ...(audit.unreachable.length
          ? audit.unreachable.map((line) => `Outside the pool: ${line}`)
          : [audit.unreachableNone]),
      ].filter((line): line is string => line !== null);
      parts.push(lines.map((line) => `- ${text(line)}`).join("\n"));
    }
  }

  parts.push("## Recommendations");
  parts.push(escapeMarkdownBlock(view.recommendations.trim()) || "None yet.");
  if (view.annotations.trim()) {
    parts.push("## Annotations");
    parts.push(escapeMarkdownBlock(view.annotations.trim()));
  }

  parts.push("## Methodology");
  parts.push("### Metrics");
  parts.push(
    data.methodology.metrics.map((m) => `- **${text(m.name)}**: ${text(m.definition)}`).join("\n"),
  );
  parts.push("### Statistics");
  parts.push(data.methodology.statistics.map((s) => `- ${text(s)}`).join("\n"));
  parts.push("### How the brief recommends");
  parts.push(BRIEF_RULES.map((rule) => `- ${text(rule)}`).join("\n"));
  parts.push(
    `### Lock-in weights in force${data.lockin.isDefaultWeights ? " (default rubric)" : ""}`,
  );
  parts.push(
    markdownTable({
      header: ["factor", "weight"],
      units: ["text", "number"],
      rows: data.methodology.lockinWeights.map((w) => [w.label, w.weight]),
    }),
  );
  if (data.methodology.routingPolicies.length > 0) {
    parts.push("### Routing policies simulated");
    parts.push(
      data.methodology.routingPolicies
        .map((p) => `- **${text(p.label)}**: ${text(p.description)}`)
        .join("\n"),
    );
  }

  parts.push("## Provenance");
  const provenance = data.runs.map(
    (run) =>
      `- Run ${text(run.name)} (${text(run.id)}), suite ${text(run.suite.name)}, created ${day(run.createdAt)}, finished ${run.finishedAt ? day(run.finishedAt) : "—"}${run.isSimulated ? ", simulated" : ""}; catalogue snapshot ${run.catalogSnapshot ? `${text(run.catalogSnapshot.id)} (${text(run.catalogSnapshot.source)}, ${day(run.catalogSnapshot.takenAt)})` : "—"}.`,
  );
  provenance.push(
    `- Lock-in scored on ${text(data.lockin.asOf)} against catalogue snapshot ${data.lockin.snapshot ? `${text(data.lockin.snapshot.id)} (${day(data.lockin.snapshot.takenAt)})` : "—"}${data.lockin.isExampleProfile ? ", example workload profile" : ""}.`,
  );
  parts.push(provenance.join("\n"));
  if (view.isSimulated || data.isSimulated) parts.push(SIMULATED_LINE);
  return `${parts.join("\n\n")}\n`;
}

import { BAND_LABELS } from "@/lib/lockin/bands";
import { toPoints } from "@/lib/format";
import { pairExport, targetExport, targetRow } from "@/lib/views/runs";
import type { ReportTable, ReportView } from "./report-data";

/**
 * Every table of a report, as header and rows, for the CSV export (one section per table) and
 * the Markdown tables. Scores and differences are in points (× 100); gaps are null, never zero.
 * Pure.
 */

/** Scores, differences and shares in points or percent, at the precision every page shows. */
const points = toPoints;

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

const usd = (value: number | null | undefined): number | null =>
  value === null || value === undefined ? null : round(value, 6);

/** The report's tables: summary, runs, targets, parity, categories, lock-in, routing. */
export function reportTables(view: Pick<ReportView, "data">): ReportTable[] {
  const { data } = view;
  const tables: ReportTable[] = [];
  tables.push({
    name: "summary",
    header: ["sentence", "figure"],
    rows: data.summary.map((s) => [s.text, s.figure]),
  });
  tables.push({
    name: "runs",
    header: [
      "run id",
      "run",
      "suite",
      "status",
      "created",
      "finished",
      "trials",
      "spent usd",
      "simulated",
      "catalogue snapshot",
      "catalogue taken at",
    ],
    rows: data.runs.map((run) => [
      run.id,
      run.name,
      run.suite.name,
      run.status,
      run.createdAt,
      run.finishedAt,
      run.storedTrials,
      usd(run.spentUsd),
      run.isSimulated ? "yes" : "no",
      run.catalogSnapshot?.id ?? null,
      run.catalogSnapshot?.takenAt ?? null,
    ]),
  });
  const compare = data.compare;
  if (compare) {
    const labelOf = new Map(compare.targets.map((t) => [t.id, t.label]));
    tables.push({
      name: "targets",
      header: [
        "target",
        "model",
        "platform",
        "score (points)",
        "score 95% low",
        "score 95% high",
        "cases",
        "pass rate (%)",
        "pass 95% low",
        "pass 95% high",
        "scored trials",
        "cost usd",
        "cost per 1,000 cases usd",
        "latency p50 ms",
        "latency p95 ms",
        "error rate (%)",
        "simulated",
      ],
      rows: compare.targets.map((t) => {
        const figures = targetExport(targetRow(t));
        return [
          t.label,
          t.modelName,
          t.platformName,
          figures.score?.value ?? null,
          figures.score?.low ?? null,
          figures.score?.high ?? null,
          figures.score?.n ?? null,
          figures.passRate?.value ?? null,
          figures.passRate?.low ?? null,
          figures.passRate?.high ?? null,
          figures.passRate?.n ?? null,
          usd(figures.costUsd),
          usd(figures.costPer1000CasesUsd),
          figures.latencyMs.p50,
          figures.latencyMs.p95,
          figures.errorRate?.value ?? null,
          t.isSimulated ? "yes" : "no",
        ];
      }),
    });
    tables.push({
      name: "parity",
      header: [
        "target",
        "reference",
        "difference (points)",
        "95% low",
        "95% high",
        "cases",
        "verdict",
        "margin (points)",
        "mcnemar p",
        "cases needed",
      ],
      rows: compare.pairs.map(({ targetId, referenceId, pair }) => {
        const figures = pairExport(targetId, referenceId, pair);
        return [
          labelOf.get(targetId) ?? targetId,
          labelOf.get(referenceId) ?? referenceId,
          figures.difference?.value ?? null,
          figures.difference?.low ?? null,
          figures.difference?.high ?? null,
          pair ? figures.n : null,
          pair ? figures.verdict : null,
          points(pair?.margin),
          pair?.mcnemar ? pair.mcnemar.pValue : null,
          figures.casesNeeded,
        ];
      }),
    });
    tables.push({
      name: "parity by category",
      header: ["target", "category", "difference (points)", "cases"],
      rows: compare.categoryDifferences
        .filter((row) => row.targetId !== compare.referenceId)
        .map((row) => [
          labelOf.get(row.targetId) ?? row.targetId,
          row.category,
          points(row.difference),
          row.n,
        ]),
    });
  }
  tables.push({
    name: "lock-in scores",
    header: ["platform", "score (0-100)", "band", "models counted", "models not offered"],
    rows: data.lockin.platforms.map((p) => [
      p.platformName,
      p.score === null ? null : round(p.score, 1),
      p.band ? BAND_LABELS[p.band].label : null,
      p.modelsCounted.join("; "),
      p.modelsNotOffered.join("; "),
    ]),
  });
  tables.push({
    name: "lock-in factors",
    header: ["platform", "factor", "value (0-100)", "weight", "contribution (points)"],
    rows: data.lockin.platforms.flatMap((p) =>
      p.factors.map((f) => [
        p.platformName,
        f.label,
        f.value === null ? null : round(f.value, 1),
        f.weight,
        f.contribution === null ? null : round(f.contribution, 2),
      ]),
    ),
  });
  const routing = data.routing;
  if (routing) {
    tables.push({
      name: "routing policies",
      header: [
        "policy",
        "kind",
        "quality (points)",
        "cost per case usd",
        "cases",
        "strong share (%)",
        "aiq",
        "cpt50",
        "cpt80",
      ],
      rows: routing.policies.map((policy) => {
        const point = policy.curve[policy.operatingIndex] ?? policy.curve[0];
        return [
          policy.label,
          policy.kind,
          points(point?.quality),
          usd(point?.costPerCase),
          policy.n,
          points(point?.strongShare),
          policy.aiq === null ? null : round(policy.aiq, 4),
          policy.cpt50,
          policy.cpt80,
        ];
      }),
    });
    tables.push({
      name: "routing frontier",
      header: ["policy", "quality (points)", "cost per case usd"],
      rows: routing.frontier.map((point) => [
        routing.policies.find((p) => p.id === point.policyId)?.label ?? point.policyId,
        points(point.quality),
        usd(point.costPerCase),
      ]),
    });
    tables.push({
      name: "neutrality audit",
      header: ["policy", "vendor group", "share of calls (%)"],
      rows: routing.policies.flatMap((policy) => {
        const point = policy.curve[policy.operatingIndex] ?? policy.curve[0];
        return (point?.traffic ?? []).map((share) => [
          policy.label,
          share.group,
          points(share.share),
        ]);
      }),
    });
  }
  return tables;
}

import { BAND_LABELS } from "@/lib/lockin/bands";
import { toPoints, toRisk, toUsd, type ColumnUnit } from "@/lib/format";
import { pairExport, targetExport, targetRow } from "@/lib/views/runs";
import type { ReportTable, ReportView } from "./report-data";
import { buildSummary } from "./summary";

/**
 * Every table of a report, as header, units and rows, for the CSV and JSON exports (numbers in
 * their units) and the Markdown tables (the same numbers written by lib/format, as the pages write
 * them). Scores and differences are in points, shares in percent, both at the one decimal every
 * page shows; money has six significant digits; gaps are null, never zero. Pure.
 */

const points = toPoints;
const usd = toUsd;
const risk = toRisk;

type Cell = string | number | null;

/** A table from its columns (label and unit) and its rows, in the columns' order. */
function table(name: string, columns: [label: string, unit: ColumnUnit][], rows: Cell[][]) {
  return {
    name,
    header: columns.map(([label]) => label),
    units: columns.map(([, unit]) => unit),
    rows,
  };
}

/** The report's tables: summary, runs, targets, parity, categories, lock-in, routing. */
export function reportTables(view: Pick<ReportView, "data">): ReportTable[] {
  const { data } = view;
  const tables: ReportTable[] = [];
  tables.push(
    table(
      "summary",
      [
        ["sentence", "text"],
        ["figure", "text"],
      ],
      // Derived on read from the frozen figures, as the page and the Markdown do.
      buildSummary(data).map((s) => [s.text, s.figure]),
    ),
  );
  tables.push(
    table(
      "runs",
      [
        ["run id", "text"],
        ["run", "text"],
        ["suite", "text"],
        ["status", "text"],
        ["created", "text"],
        ["finished", "text"],
        ["trials", "count"],
        ["spent usd", "usd"],
        ["simulated", "text"],
        ["catalogue snapshot", "text"],
        ["catalogue taken at", "text"],
      ],
      data.runs.map((run) => [
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
    ),
  );
  const compare = data.compare;
  if (compare) {
    const labelOf = new Map(compare.targets.map((t) => [t.id, t.label]));
    tables.push(
      table(
        "targets",
        [
          ["target", "text"],
          ["model", "text"],
          ["platform", "text"],
          ["score (points)", "points"],
          ["score 95% low", "points"],
          ["score 95% high", "points"],
          ["cases", "count"],
          ["pass rate (%)", "percent"],
          ["pass 95% low", "percent"],
          ["pass 95% high", "percent"],
          ["scored trials", "count"],
          ["cost usd", "usd"],
          ["cost per 1,000 cases usd", "usd"],
          ["latency p50 ms", "ms"],
          ["latency p95 ms", "ms"],
          ["error rate (%)", "percent"],
          ["simulated", "text"],
        ],
        compare.targets.map((t) => {
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
            figures.costUsd,
            figures.costPer1000CasesUsd,
            figures.latencyMs.p50,
            figures.latencyMs.p95,
            figures.errorRate?.value ?? null,
            t.isSimulated ? "yes" : "no",
          ];
        }),
      ),
    );
    tables.push(
      table(
        "parity",
        [
          ["target", "text"],
          ["reference", "text"],
          ["difference (points)", "signed-points"],
          ["95% low", "signed-points"],
          ["95% high", "signed-points"],
          ["cases", "count"],
          ["verdict", "text"],
          ["margin (points)", "points"],
          ["mcnemar p", "p-value"],
          ["cases needed", "count"],
        ],
        compare.pairs.map(({ targetId, referenceId, pair }) => {
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
      ),
    );
    tables.push(
      table(
        "parity by category",
        [
          ["target", "text"],
          ["category", "text"],
          ["difference (points)", "signed-points"],
          ["cases", "count"],
        ],
        compare.categoryDifferences
          .filter((row) => row.targetId !== compare.referenceId)
          .map((row) => [
            labelOf.get(row.targetId) ?? row.targetId,
            row.category,
            points(row.difference),
            row.n,
          ]),
      ),
    );
  }
  tables.push(
    table(
      "lock-in scores",
      [
        ["platform", "text"],
        ["score (0-100)", "risk"],
        ["band", "text"],
        ["models counted", "text"],
        ["models not offered", "text"],
      ],
      data.lockin.platforms.map((p) => [
        p.platformName,
        risk(p.score),
        p.band ? BAND_LABELS[p.band].label : null,
        p.modelsCounted.join("; "),
        p.modelsNotOffered.join("; "),
      ]),
    ),
  );
  tables.push(
    table(
      "lock-in factors",
      [
        ["platform", "text"],
        ["factor", "text"],
        ["value (0-100)", "risk"],
        ["weight", "number"],
        ["contribution (points)", "risk"],
      ],
      data.lockin.platforms.flatMap((p) =>
        p.factors.map((f) => [
          p.platformName,
          f.label,
          risk(f.value),
          f.weight,
          risk(f.contribution),
        ]),
      ),
    ),
  );
  const routing = data.routing;
  if (routing) {
    tables.push(
      table(
        "routing policies",
        [
          ["policy", "text"],
          ["kind", "text"],
          ["quality (points)", "points"],
          ["cost per case usd", "usd"],
          ["cases", "count"],
          ["strong share (%)", "percent"],
          ["aiq (points)", "points"],
          ["cpt50 (%)", "percent"],
          ["cpt80 (%)", "percent"],
        ],
        routing.policies.map((policy) => {
          const point = policy.curve[policy.operatingIndex] ?? policy.curve[0];
          return [
            policy.label,
            policy.kind,
            points(point?.quality),
            usd(point?.costPerCase),
            policy.n,
            points(point?.strongShare),
            points(policy.aiq),
            points(policy.cpt50),
            points(policy.cpt80),
          ];
        }),
      ),
    );
    tables.push(
      table(
        "routing frontier",
        [
          ["policy", "text"],
          ["quality (points)", "points"],
          ["cost per case usd", "usd"],
        ],
        routing.frontier.map((point) => [
          routing.policies.find((p) => p.id === point.policyId)?.label ?? point.policyId,
          points(point.quality),
          usd(point.costPerCase),
        ]),
      ),
    );
    tables.push(
      table(
        "policy calls by vendor group",
        [
          ["policy", "text"],
          ["vendor group", "text"],
          ["share of calls (%)", "percent"],
        ],
        routing.policies.flatMap((policy) => {
          const point = policy.curve[policy.operatingIndex] ?? policy.curve[0];
          return (point?.traffic ?? []).map((share) => [
            policy.label,
            share.group,
            points(share.share),
          ]);
        }),
      ),
    );
  }
  const audits = data.routerAudit;
  if (audits.length > 0) {
    tables.push(
      table(
        "cloud routers measured",
        [
          ["router", "text"],
          ["platform", "text"],
          ["calls", "count"],
          ["unmapped calls", "count"],
          ["owner group", "text"],
          ["owner group share (%)", "percent"],
          ["owner group share ci low (%)", "percent"],
          ["owner group share ci high (%)", "percent"],
          ["pool replay owner group share (%)", "percent"],
          ["neutral policy", "text"],
          ["quality vs neutral (points)", "signed-points"],
          ["quality vs neutral ci low (points)", "signed-points"],
          ["quality vs neutral ci high (points)", "signed-points"],
          ["cost per case usd", "usd"],
          ["neutral cost per case usd", "usd"],
          ["cases paired", "count"],
          ["unreachable offerings that beat it", "count"],
        ],
        audits.map((audit) => [
          audit.label,
          audit.platformName,
          audit.calls,
          audit.unmappedCalls,
          audit.ownerGroup,
          points(audit.ownerShare?.rate),
          points(audit.ownerShare?.low),
          points(audit.ownerShare?.high),
          points(audit.pool.counterfactual?.ownerShare),
          audit.versus?.referenceLabel ?? null,
          points(audit.versus?.quality.difference),
          points(audit.versus?.quality.low),
          points(audit.versus?.quality.high),
          usd(audit.versus?.cost?.routerMean),
          usd(audit.versus?.cost?.referenceMean),
          audit.versus?.quality.n ?? null,
          audit.unreachable.length,
        ]),
      ),
    );
  }
  return tables;
}

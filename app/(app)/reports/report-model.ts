import type { ReportDocumentModel } from "@/components/reports/report-document";
import { formatDay, formatMargin } from "@/lib/format";
import { BAND_AREAS, prepareLockinChart } from "@/lib/charts/lockin";
import { DEFAULT_PARITY_MARGIN, prepareParity } from "@/lib/charts/parity";
import { targetRow } from "@/lib/views/runs";
import { prepareCostQuality } from "@/lib/charts/pareto";
import { prepareNeutrality, prepareRoutingChart } from "@/lib/charts/routing";
import { BRIEF_RULES, buildBrief } from "@/lib/report/brief";
import type { ReportCatalogSnapshot, ReportView } from "@/lib/report/report-data";
import { buildSummary } from "@/lib/report/summary";
import { describeRouterAudits } from "@/lib/views/router-audit";
import { createVersionedCache, stableKey } from "@/lib/server/ops/versioned-cache";

const describeSnapshot = (snapshot: ReportCatalogSnapshot | null) =>
  snapshot ? `${snapshot.source}, ${formatDay(snapshot.takenAt)}` : "not recorded";

/**
 * Prepares a saved report for drawing: chart models from the frozen snapshot (dates there are ISO
 * strings), and the provenance in words. Shared by the report page, its printed copy and the share
 * page, so all three show the same document.
 */
export function prepareReportDocument(view: ReportView): ReportDocumentModel {
  const { data } = view;
  const mainRun = data.runs[0] ?? null;
  const source = mainRun
    ? `Run “${mainRun.name}” (${mainRun.status}, ${formatDay(mainRun.createdAt)}), suite ${mainRun.suite.name}; catalogue snapshot ${describeSnapshot(mainRun.catalogSnapshot)}.`
    : "No run recorded.";

  let parity: ReportDocumentModel["parity"] = null;
  let costQuality: ReportDocumentModel["costQuality"] = null;
  // The per-target results, as the run page shows them (routing targets' offerings are not named
  // in the frozen snapshot, so "served by" stays empty here).
  const results: ReportDocumentModel["results"] = (data.compare?.targets ?? []).map((t) => ({
    ...targetRow(t),
    servedBy: [],
  }));
  const compare = data.compare;
  if (compare) {
    const byId = new Map(compare.targets.map((t) => [t.id, t]));
    const nameOf = (id: string) => {
      const target = byId.get(id);
      if (!target) return id;
      return compare.mode === "model" ? target.platformName : target.label;
    };
    const pairs = new Map(compare.pairs.map((p) => [p.targetId, p.pair]));
    const selected = compare.selected.flatMap((id) => {
      const target = byId.get(id);
      return target ? [target] : [];
    });
    const margin =
      compare.pairs.find((p) => p.pair !== null)?.pair?.margin ?? DEFAULT_PARITY_MARGIN;
    if (selected.length >= 2) {
      const referenceLabel = compare.referenceId ? nameOf(compare.referenceId) : "—";
      const nCases = Math.max(0, ...compare.pairs.map((p) => p.pair?.n ?? 0));
      parity = {
        referenceLabel,
        description: `Left: mean of per-case scores in points (0–100) with its 95% bootstrap CI, n = cases scored. Right: paired difference (target − ${referenceLabel}) in points, 95% CI, verdict at a margin of ${formatMargin(margin)}; n = cases scored on both (up to ${nCases}).`,
        chart: prepareParity(
          selected.map((t) => {
            const pair = pairs.get(t.id) ?? null;
            return {
              id: t.id,
              label: t.label,
              platform: nameOf(t.id),
              isSimulated: t.isSimulated,
              isReference: t.id === compare.referenceId,
              score: t.summary.score,
              pair,
            };
          }),
          margin,
        ),
      };
    }
    const chart = prepareCostQuality(
      compare.targets.map((t) => ({
        id: t.id,
        label: t.label,
        isSimulated: t.isSimulated,
        costPer1kUsd: t.summary.costPer1kUsd,
        score: t.summary.score,
      })),
    );
    costQuality = {
      chart,
      description: `x: USD per 1,000 cases at the run's catalogue prices; y: mean score in points (0–100) with its 95% CI. The line joins the Pareto frontier. n = ${chart.points.length} of ${compare.targets.length} targets.`,
    };
  }

  const lockinChart = prepareLockinChart(data.lockin.platforms);
  const lockin: ReportDocumentModel["lockin"] = {
    chart: lockinChart,
    source: `Catalogue ${describeSnapshot(data.lockin.snapshot)}; deprecation windows counted from ${data.lockin.asOf}.`,
    description: `Each bar is a platform's 0–100 lock-in risk for the ${data.lockin.isExampleProfile ? "example" : "analyst's"} workload profile, made of the points each factor contributes (${data.lockin.isDefaultWeights ? "default" : "custom"} weights). n = ${lockinChart.n.platforms} platform${lockinChart.n.platforms === 1 ? "" : "s"} scored, ${lockinChart.n.models} profile model${lockinChart.n.models === 1 ? "" : "s"} counted. Bands: ${BAND_AREAS.map(
      (b) => (b.band === "critical" ? `${b.label} over 75` : `${b.label} ${b.from}–${b.to}`),
    ).join(", ")}.`,
  };

  const routingRun = data.routing ? data.runs.find((r) => r.id === data.routing?.runId) : null;
  const routing: ReportDocumentModel["routing"] = data.routing
    ? {
        chart: prepareRoutingChart(data.routing, { scale: "log" }),
        neutrality: prepareNeutrality(data.routing),
        description: `Mean score (points, 0–100) against cost in USD per 1,000 cases, replayed from the run's recorded trials over n = ${data.routing.n} cases. Curves are swept policies; the large dot is a policy's operating point; the dashed line is the Pareto frontier.`,
        source: routingRun
          ? `Run “${routingRun.name}”; prices from catalogue snapshot ${describeSnapshot(routingRun.catalogSnapshot)}.`
          : source,
      }
    : null;

  return {
    results,
    title: view.title,
    isSimulated: view.isSimulated,
    draftedAt: formatDay(data.draftedAt),
    updatedAt: formatDay(view.updatedAt),
    createdBy: view.createdBy,
    // Both derived on read from the frozen figures, so a report drafted before a wording fix
    // shows sentences that agree with its numbers.
    brief: buildBrief(data, { monthlyRequests: view.monthlyRequests }),
    summary: buildSummary(data),
    source,
    parity,
    costQuality,
    lockin,
    routing,
    routingReason: data.routingReason,
    routerAudit: describeRouterAudits(data.routerAudit, data.isSimulated),
    methodology: { ...data.methodology, recommendationRules: BRIEF_RULES },
    provenance: {
      catalogSnapshot: describeSnapshot(data.catalogSnapshot),
      runs: data.runs.map((run) => ({
        id: run.id,
        name: run.name,
        suite: `${run.suite.name} (${run.suite.caseCount} cases, ${run.repeats} repeat${run.repeats === 1 ? "" : "s"})`,
        created: formatDay(run.createdAt),
        finished: run.finishedAt ? formatDay(run.finishedAt) : "not finished",
        isSimulated: run.isSimulated,
      })),
    },
  };
}

/**
 * Prepared documents by report: the snapshot is frozen, so a document changes only when the row's
 * own fields do (an edit moves updatedAt; the author's name can change on its own). Holds nothing
 * about the caller: the page adds the caller's controls around it. Never mutated.
 */
const documentCache = createVersionedCache<ReportDocumentModel>({ maxEntries: 100 });

/** prepareReportDocument, computed once per version of the report and reused. */
export function getReportDocument(view: ReportView): Promise<ReportDocumentModel> {
  // The share page names no author: its document is kept beside the report page's, not in turn.
  const key = stableKey({ id: view.id, createdBy: view.createdBy });
  const version = stableKey({
    updatedAt: view.updatedAt.toISOString(),
    title: view.title,
    monthlyRequests: view.monthlyRequests,
    isSimulated: view.isSimulated,
    draftedAt: view.data.draftedAt,
  });
  return documentCache.get(key, version, async () => prepareReportDocument(view));
}

/** How many documents were prepared and reused (tests and benchmarks). */
export function reportDocumentCacheStats() {
  return documentCache.stats();
}

import { BAND_LABELS } from "@/lib/lockin/bands";
import { describeCasesNeeded } from "@/lib/eval/summary";
import { compareLockin } from "@/lib/lockin/comparable";
import type { PolicyPoint, PolicyResult } from "@/lib/routing/types";
import {
  formatDifferenceCi,
  formatMargin,
  formatPointsDifference,
  formatRisk,
  formatScoreWithUnit,
  formatSignedPoints,
  formatUsdPerCase,
  formatWholePercent,
} from "@/lib/format";
import type { ReportCompare, ReportData, ReportTarget, SummarySentence } from "./report-data";

/**
 * The executive summary: plain sentences drawn from a report's snapshot, each carrying the number
 * it rests on and, for estimates, its interval and sample size. Pure.
 */

/** Parity sentences shown at most (the rest are in the parity table). */
const MAX_PARITY_SENTENCES = 3;

/**
 * Routers that can run as a target (saved as weighted or quality-floor policies): the candidates
 * for "best quality per dollar". Cascade and oracle read each case's recorded score before
 * choosing, so they are upper bounds, not routers a VP can buy.
 */
const ROUTER_KINDS = new Set<PolicyResult["kind"]>(["random-mix", "threshold"]);

type SummaryInput = Pick<ReportData, "isSimulated" | "compare" | "lockin" | "routing">;

/** Builds the summary sentences, parity first, then lock-in, then routing. */
export function buildSummary(data: SummaryInput): SummarySentence[] {
  const sentences: SummarySentence[] = [];
  if (data.compare) sentences.push(...paritySentences(data.compare, data.isSimulated));
  const lockin = lockinSentence(data);
  if (lockin) sentences.push(lockin);
  const routing = routingSentence(data);
  if (routing) sentences.push(routing);
  return sentences;
}

function paritySentences(compare: ReportCompare, isSimulated: boolean): SummarySentence[] {
  const byId = new Map(compare.targets.map((target) => [target.id, target]));
  const sentences: SummarySentence[] = [];
  for (const { targetId, referenceId, pair } of compare.pairs) {
    if (sentences.length >= MAX_PARITY_SENTENCES) break;
    const target = byId.get(targetId);
    const reference = byId.get(referenceId);
    if (!pair || !target || !reference) continue;
    const figure = `${formatPointsDifference(pair.difference)} (${formatDifferenceCi(pair.low, pair.high)}, n = ${pair.n} cases${isSimulated ? ", simulated" : ""})`;
    const needed = describeCasesNeeded(pair);
    sentences.push({
      text: `${parityClause(compare, target, reference, pair)}: paired difference ${figure}${needed ? `; ${needed}` : ""}.`,
      figure,
    });
  }
  return sentences;
}

function parityClause(
  compare: ReportCompare,
  target: ReportTarget,
  reference: ReportTarget,
  pair: { verdict: "equivalent" | "different" | "inconclusive"; difference: number },
): string {
  const model = compare.mode === "model" ? (compare.modelName ?? target.modelName) : null;
  if (model) {
    const a = target.platformName;
    const b = reference.platformName;
    if (pair.verdict === "equivalent") return `${model} is equivalent on ${a} and ${b}`;
    if (pair.verdict === "different")
      return `${model} scores ${pair.difference > 0 ? "higher" : "lower"} on ${a} than on ${b}`;
    return `Whether ${model} is equivalent on ${a} and ${b} is inconclusive`;
  }
  const a = target.label;
  const b = reference.label;
  if (pair.verdict === "equivalent") return `${a} and ${b} are equivalent`;
  if (pair.verdict === "different")
    return `${a} scores ${pair.difference > 0 ? "higher" : "lower"} than ${b}`;
  return `Whether ${a} and ${b} are equivalent is inconclusive`;
}

/**
 * The lock-in sentence: the highest risk among the platforms scored on the whole workload (only
 * those compare), saying which profile it is, and naming the platforms left unranked because they
 * were scored on part of it.
 */
function lockinSentence(data: SummaryInput): SummarySentence | null {
  const { ranked, partial } = compareLockin(data.lockin.platforms);
  const profile = data.lockin.isExampleProfile
    ? "the example workload profile"
    : "your workload profile";
  const unranked = partial
    .map(({ platform, missing }) => `${platform.platformName} (${missing})`)
    .join(", ");
  const top = ranked[0];
  if (!top || top.score === null) {
    if (partial.length === 0) return null;
    return {
      text: `No platform is scored on the whole of ${profile}, so none is ranked: ${unranked}.`,
      figure: `${partial.length} partly scored`,
    };
  }
  const factors = top.factors
    .filter((factor) => factor.contribution !== null && factor.contribution > 0)
    .sort((a, b) => (b.contribution ?? 0) - (a.contribution ?? 0))
    .slice(0, 2)
    .map((factor) => `${factor.label} (${formatRisk(factor.contribution ?? 0)} points)`);
  const band = top.band ? `, ${BAND_LABELS[top.band].label.toLowerCase()}` : "";
  const figure = `${Math.round(top.score)}/100${band}`;
  const weights = data.lockin.isDefaultWeights ? "default weights" : "custom weights";
  const among =
    ranked.length === 1
      ? `the only platform scored on the whole of ${profile}`
      : `the ${ranked.length} platforms scored on the whole of ${profile}`;
  const drivers =
    factors.length === 0
      ? ""
      : `; its largest factor${factors.length === 1 ? " is" : "s are"} ${factors.join(" and ")}`;
  const left = partial.length === 0 ? "" : ` Not ranked, scored on part of it: ${unranked}.`;
  return {
    text: `${top.platformName} carries the highest lock-in risk of ${among}: ${figure} (${weights})${drivers}.${left}`,
    figure,
  };
}

function operatingPoint(policy: PolicyResult): PolicyPoint | undefined {
  return policy.curve[policy.operatingIndex] ?? policy.curve[0];
}

function routingSentence(data: SummaryInput): SummarySentence | null {
  const routing = data.routing;
  if (!routing) return null;
  let best: { policy: PolicyResult; point: PolicyPoint } | null = null;
  for (const policy of routing.policies) {
    if (!ROUTER_KINDS.has(policy.kind)) continue;
    const point = operatingPoint(policy);
    if (!point || point.costPerCase <= 0) continue;
    if (!best || point.quality / point.costPerCase > best.point.quality / best.point.costPerCase)
      best = { policy, point };
  }
  if (!best) return null;
  const simulated = data.isSimulated ? ", simulated" : "";
  const figure = `${formatScoreWithUnit(best.point.quality)} at ${formatUsdPerCase(best.point.costPerCase)}`;
  let text = `${best.policy.label} gives the best quality per dollar: ${figure} (n = ${best.policy.n} cases${simulated})`;
  let native: { policy: PolicyResult; point: PolicyPoint } | null = null;
  for (const policy of routing.policies) {
    if (policy.kind !== "native") continue;
    const point = operatingPoint(policy);
    if (point && (!native || point.quality > native.point.quality)) native = { policy, point };
  }
  if (native && native.point.costPerCase > 0) {
    const change = 1 - best.point.costPerCase / native.point.costPerCase;
    const quality = formatSignedPoints(best.point.quality - native.point.quality);
    const against = `the ${native.policy.label} (${formatScoreWithUnit(native.point.quality)} at ${formatUsdPerCase(native.point.costPerCase)})`;
    text +=
      change >= 0
        ? `; against ${against} it saves ${formatWholePercent(change)} of the cost per case, at ${quality} points of quality`
        : `; it costs ${formatWholePercent(-change)} more per case than ${against}, at ${quality} points of quality`;
  }
  return { text: `${text}.`, figure };
}

/**
 * The draft recommendations: a few lines (Markdown list items) the analyst edits before sending.
 * They restate what the data supports and no more.
 */
export function draftRecommendations(data: SummaryInput): string {
  const lines: string[] = [];
  const compare = data.compare;
  if (compare) {
    const byId = new Map(compare.targets.map((target) => [target.id, target]));
    for (const { targetId, referenceId, pair } of compare.pairs.slice(0, MAX_PARITY_SENTENCES)) {
      const target = byId.get(targetId);
      const reference = byId.get(referenceId);
      if (!pair || !target || !reference) continue;
      const name = (t: ReportTarget) => (compare.mode === "model" ? t.platformName : t.label);
      if (pair.verdict === "equivalent")
        lines.push(
          `- ${name(target)} can stand in for ${name(reference)} on quality (equivalent within ${formatMargin(pair.margin)}); choose between them on cost, latency and lock-in.`,
        );
      else if (pair.verdict === "different")
        lines.push(
          `- Prefer ${pair.difference > 0 ? name(target) : name(reference)} over ${pair.difference > 0 ? name(reference) : name(target)} for this workload's quality, or check why they differ.`,
        );
      else
        lines.push(
          `- Run more cases before choosing between ${name(target)} and ${name(reference)}: the comparison is inconclusive at n = ${pair.n}.`,
        );
    }
  }
  // The same platform the lock-in sentence names: the riskiest of those scored on the whole
  // workload, never one scored on part of it.
  const top = compareLockin(data.lockin.platforms).ranked[0];
  if (top && top.score !== null) {
    const factor = [...top.factors]
      .filter((f) => f.contribution !== null)
      .sort((a, b) => (b.contribution ?? 0) - (a.contribution ?? 0))[0];
    lines.push(
      `- Keep an exit plan for ${top.platformName}${factor ? `, starting with ${factor.label.toLowerCase()}` : ""}.`,
    );
  }
  const routing = routingSentence(data);
  if (routing && data.routing) {
    lines.push(
      "- Pilot the routing policy with the best quality per dollar on a share of live traffic before relying on its savings.",
    );
  }
  if (data.isSimulated)
    lines.push(
      "- Repeat these runs against the real providers before acting: the figures above are simulated.",
    );
  return lines.join("\n");
}

import { BAND_LABELS } from "@/lib/lockin/bands";
import { describeCasesNeeded } from "@/lib/eval/summary";
import { compareLockin } from "@/lib/lockin/comparable";
import { isUpperBound, type PolicyPoint, type PolicyResult } from "@/lib/routing/types";
import {
  formatDifferenceCi,
  formatMargin,
  formatMultiple,
  formatPointsDifference,
  formatRisk,
  formatScoreWithUnit,
  formatUsdPerCase,
  toPoints,
} from "@/lib/format";
import type { ReportCompare, ReportData, ReportTarget, SummarySentence } from "./report-data";

/**
 * The executive summary: plain sentences drawn from a report's snapshot, each carrying the number
 * it rests on and, for estimates, its interval and sample size. Pure.
 */

/** Parity sentences shown at most (the rest are in the parity table). */
const MAX_PARITY_SENTENCES = 3;

export type SummaryInput = Pick<ReportData, "isSimulated" | "compare" | "lockin" | "routing">;

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

/** A policy at its operating point. */
export type PolicyAtPoint = { policy: PolicyResult; point: PolicyPoint };

/**
 * The policies a team could actually run, at their operating points: every single target and
 * every router except the upper bounds (cascade and oracle read each case's recorded grade before
 * choosing, so nobody can buy them).
 */
export function runnablePolicies(policies: readonly PolicyResult[]): PolicyAtPoint[] {
  return policies.flatMap((policy) => {
    if (isUpperBound(policy.kind)) return [];
    const point = operatingPoint(policy);
    return point ? [{ policy, point }] : [];
  });
}

/**
 * The runnable router (not a single target) with the highest quality per dollar (mean score ÷
 * cost per case at the operating point); ties go to the higher quality, then the label. Routers
 * without a positive cost cannot be ranked per dollar and are left out.
 */
export function bestRouterPerDollar(policies: readonly PolicyResult[]): PolicyAtPoint | null {
  let best: PolicyAtPoint | null = null;
  for (const candidate of routersPerDollar(policies)) {
    if (!best) {
      best = candidate;
      continue;
    }
    const ratio = candidate.point.quality / candidate.point.costPerCase;
    const bestRatio = best.point.quality / best.point.costPerCase;
    if (
      ratio > bestRatio ||
      (ratio === bestRatio &&
        (candidate.point.quality > best.point.quality ||
          (candidate.point.quality === best.point.quality &&
            candidate.policy.label < best.policy.label)))
    )
      best = candidate;
  }
  return best;
}

/** The runnable routers that have a positive cost per case: those "per dollar" can rank. */
export function routersPerDollar(policies: readonly PolicyResult[]): PolicyAtPoint[] {
  return runnablePolicies(policies).filter(
    ({ policy, point }) => policy.kind !== "single" && point.costPerCase > 0,
  );
}

/**
 * The routing sentence: the runnable router with the best quality per dollar (upper bounds never
 * count) and the runnable policy that scores highest when that is not the router named. The
 * clouds' own routers are compared in the measured audit, never against an emulation.
 */
function routingSentence(data: SummaryInput): SummarySentence | null {
  const routing = data.routing;
  if (!routing) return null;
  const best = bestRouterPerDollar(routing.policies);
  if (!best) return null;
  const routers = routersPerDollar(routing.policies);
  const simulated = data.isSimulated ? ", simulated" : "";
  const figure = `${formatScoreWithUnit(best.point.quality)} at ${formatUsdPerCase(best.point.costPerCase)}`;
  let text =
    routers.length === 1
      ? `${best.policy.label} is the only router that can run here, so it gives the best quality per dollar: ${figure} (n = ${best.policy.n} cases${simulated})`
      : `Of the ${routers.length} routers that can run, ${best.policy.label} gives the best quality per dollar: ${figure} (n = ${best.policy.n} cases${simulated})`;
  // The highest-scoring runnable policy, when it is not the router named.
  const top = highestScoring(runnablePolicies(routing.policies));
  const topPoints = toPoints(top?.point.quality);
  const bestPoints = toPoints(best.point.quality);
  if (top && topPoints !== null && bestPoints !== null && topPoints > bestPoints) {
    const ratio = top.point.costPerCase / best.point.costPerCase;
    const cost =
      top.point.costPerCase <= 0 || ratio < 1
        ? ""
        : formatMultiple(ratio) === formatMultiple(1)
          ? ", about the same cost"
          : `, ${formatMultiple(ratio)} the cost`;
    text += `; ${top.policy.label} scores higher: ${formatScoreWithUnit(top.point.quality)} at ${formatUsdPerCase(top.point.costPerCase)}${cost}`;
  }
  return { text: `${text}.`, figure };
}

/** The runnable policy with the highest quality (then the lower cost, then the label). */
function highestScoring(candidates: readonly PolicyAtPoint[]): PolicyAtPoint | null {
  let top: PolicyAtPoint | null = null;
  for (const candidate of candidates) {
    if (
      !top ||
      candidate.point.quality > top.point.quality ||
      (candidate.point.quality === top.point.quality &&
        (candidate.point.costPerCase < top.point.costPerCase ||
          (candidate.point.costPerCase === top.point.costPerCase &&
            candidate.policy.label < top.policy.label)))
    )
      top = candidate;
  }
  return top;
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

import {
  formatCount,
  formatDifferenceCi,
  formatPercent,
  formatPointsDifference,
  formatUsdPerCase,
  formatWholePercent,
} from "@/lib/format";
import type { RouterAudit } from "@/lib/routing/audit";

/**
 * The measured neutrality audit of the clouds' own routers as the Routing page, the run page and
 * reports (page and Markdown) show it: every sentence is written here, once, from the audit's
 * numbers (lib/routing/audit), so the surfaces cannot word a figure two ways.
 */

/** One provider group's share of a router's calls. */
export type RouterAuditShare = {
  group: string;
  isOwnerGroup: boolean;
  /** "62.5%". */
  share: string;
  /** "50 calls". */
  calls: string;
  /** The share in [0, 1], for a bar's width. */
  fraction: number;
};

/** A router's audit, written out. */
export type RouterAuditView = {
  id: string;
  /** "Bedrock prompt router (anthropic.claude) on Amazon Bedrock". */
  title: string;
  /** The headline: how it compares with the neutral policy, with interval and n. */
  headline: string;
  /** Where the calls went: the owner group's share with its interval. */
  shareSentence: string;
  /** What the pool alone would do, or why that cannot be said. */
  poolSentence: string;
  /** What the neutral policy gave the same owner group, when there is one. */
  referenceSentence: string | null;
  /** Calls whose served model could not be mapped; null when none. */
  unmappedSentence: string | null;
  shares: RouterAuditShare[];
  /** Offerings outside the pool that beat the router, one sentence each. */
  unreachable: string[];
  /** Why none are listed, when none are. */
  unreachableNone: string;
};

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/** "cost 18% more", "cost 5% less", "cost the same": router against reference, per case. */
function costClause(
  cost: NonNullable<RouterAudit["versus"]>["cost"],
  casesScored: number,
): string | null {
  if (!cost || cost.referenceMean <= 0) return null;
  const change = cost.routerMean / cost.referenceMean - 1;
  const percent = formatWholePercent(Math.abs(change));
  // Cost is paired over the cases both priced; say so when that is fewer than were scored.
  const over = cost.n < casesScored ? `, on the ${plural(cost.n, "case")} both priced` : "";
  return percent === "0%"
    ? `cost the same per case${over ? ` (${over.slice(2)})` : ""}`
    : `cost ${percent} ${change > 0 ? "more" : "less"} per case (${formatUsdPerCase(cost.routerMean)} against ${formatUsdPerCase(cost.referenceMean)}${over})`;
}

/** "1.2 points less (95% CI −2.5 to +0.1)", "the same quality (…)". */
function qualityClause(quality: NonNullable<RouterAudit["versus"]>["quality"]): string {
  const ci = formatDifferenceCi(quality.low, quality.high);
  const text = formatPointsDifference(quality.difference);
  if (text === "0.0 points") return `scored the same (${ci})`;
  const magnitude = formatPointsDifference(Math.abs(quality.difference)).replace(/^\+/, "");
  const open =
    quality.low < 0 && quality.high > 0 ? ", an interval that includes no difference" : "";
  return `scored ${magnitude} ${quality.difference > 0 ? "more" : "less"} (${ci}${open})`;
}

/** Writes one router's audit. `simulated` appends the label every emulator figure carries. */
export function describeRouterAudit(audit: RouterAudit, simulated: boolean): RouterAuditView {
  const tag = simulated ? ", simulated" : "";
  const mapped = audit.calls - audit.unmappedCalls;
  const ownerShare = audit.ownerShare;

  let headline: string;
  if (audit.versus) {
    const { versus } = audit;
    const parts = [costClause(versus.cost, versus.quality.n), qualityClause(versus.quality)].filter(
      Boolean,
    );
    headline = `${audit.label} ${parts.join(" and ")} than ${versus.referenceLabel}, n = ${plural(versus.quality.n, "case")}${tag}.`;
  } else {
    headline = `${audit.label}: ${audit.versusReason ?? "no comparison"}.`;
  }

  const shareSentence =
    ownerShare && mapped > 0
      ? `${audit.ownerGroup} models served ${formatPercent(ownerShare.rate)} of ${plural(mapped, "call")} (95% CI ${formatPercent(ownerShare.low)} to ${formatPercent(ownerShare.high)})${tag}; its documented pool of ${plural(audit.pool.size, "model")} spans ${audit.pool.groups.length ? audit.pool.groups.join(", ") : "no catalogued vendor"}.`
      : `No call of ${audit.label} named a catalogued model, so its shares cannot be measured.`;

  const cf = audit.pool.counterfactual;
  const poolSentence = cf
    ? `Choosing on measured quality and cost alone ${cf.matchedOn === "cost" ? "at the same spend" : "at the same quality (none of the router's calls has a known price)"}, the same pool would give the ${audit.ownerGroup} ${formatPercent(cf.ownerShare)} (replayed over ${audit.pool.measured} of its ${audit.pool.size} models that also ran as single targets, n = ${plural(cf.n, "case")}${tag}).`
    : `Pool replay: ${audit.pool.reason ?? "not available"}.`;

  const referenceSentence =
    audit.versus && audit.versus.referenceOwnerShare !== null
      ? `${audit.versus.referenceLabel} sent ${formatPercent(audit.versus.referenceOwnerShare)} of its calls to the ${audit.ownerGroup}${audit.versus.referenceKind === "replayed" ? " (replayed on this run's single targets)" : " (as it ran)"}.`
      : null;

  const unmappedSentence =
    audit.unmappedCalls > 0
      ? `${plural(audit.unmappedCalls, "call")} named a model the served-id table does not hold; ${audit.unmappedCalls === 1 ? "it is" : "they are"} stored verbatim and left out of the shares.`
      : null;

  const unreachable = audit.unreachable.map(
    (u) =>
      `${u.label}: ${formatPointsDifference(u.quality.difference)} (${formatDifferenceCi(u.quality.low, u.quality.high)}, n = ${plural(u.quality.n, "case")}) at ${formatUsdPerCase(u.costPerCase)} against the router's ${formatUsdPerCase(u.routerCostPerCase)}: ${u.kind === "better" ? "better for no more" : "as good for less"}.`,
  );

  return {
    id: audit.id,
    title: `${audit.label} on ${audit.platformName}`,
    headline,
    shareSentence,
    poolSentence,
    referenceSentence,
    unmappedSentence,
    shares: audit.shares.map((s) => ({
      group: s.group,
      isOwnerGroup: s.isOwnerGroup,
      share: formatPercent(s.share),
      calls: plural(s.calls, "call"),
      fraction: s.share,
    })),
    unreachable,
    unreachableNone:
      "No single target outside the pool measurably beat it in this run (better for no more, or as good for less).",
  };
}

/** Every router of a run, written out. */
export function describeRouterAudits(
  audits: readonly RouterAudit[],
  simulated: boolean,
): RouterAuditView[] {
  return audits.map((audit) => describeRouterAudit(audit, simulated));
}

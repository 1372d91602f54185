import { describeCasesNeeded, type Interval, type PairSummary } from "@/lib/eval/summary";
import { BAND_LABELS } from "@/lib/lockin/bands";
import { compareLockin } from "@/lib/lockin/comparable";
import {
  formatCount,
  formatDay,
  formatDifferenceCi,
  formatMargin,
  formatMultiple,
  formatPercent,
  formatPointsDifference,
  formatRisk,
  formatScoreCi,
  formatScoreWithUnit,
  formatUsdPerCase,
  formatUsdPerMonth,
  formatWholePercent,
  toPoints,
} from "@/lib/format";
import type { Brief, BriefCostRow, BriefKeyNumber } from "@/lib/views/brief";
import type { ReportData, ReportTarget } from "./report-data";
import { runnablePolicies, type PolicyAtPoint } from "./summary";

/**
 * The leadership brief: page one of a report, built on read from its frozen snapshot (so every
 * report, old ones included, has one). A headline answer to the report's question, a
 * recommendation derived by the rules in {@link BRIEF_RULES}, key numbers with unit, interval and
 * n, monthly cost at the organisation's volume, the main lock-in risk and provenance. Pure.
 */

/** Two options whose costs per case differ by less than this share are tied on cost. */
export const COST_TIE_SHARE = 0.05;

/** The recommendation rules, worded for the methodology section. */
export const BRIEF_RULES: readonly string[] = [
  "Options are the compared targets of the report's run: the reference and each target paired with it.",
  "An option qualifies when it is not shown to score lower than the reference: the reference itself, a target whose paired difference is equivalent (95% CI inside the margin) or significantly higher. A target that scores significantly lower, or whose verdict is inconclusive, does not qualify.",
  `The recommendation is the qualifying option with the lowest cost per case. Costs within ${formatWholePercent(COST_TIE_SHARE)} of each other are a tie, broken by the higher mean score, then the lower lock-in score of its platform (among platforms scored on the whole workload), then the name. The runner-up is the next qualifying option in the same order, or else the cheapest inconclusive one.`,
  "What would change the answer: a cheaper inconclusive option proving equivalent (with about the cases its verdict needs), a price change that makes the runner-up cheaper, a runnable router that replays cheaper within the margin (named as a pilot: replayed figures have no interval, so a router is never the recommendation itself), and, for simulated data, the real providers.",
  "The best-scoring target of the run is named whenever it is not the recommendation, with its score and how many times the recommendation's cost per case it costs.",
  "Monthly cost: cost per case × monthly requests, assuming a request costs what one case of the suite did. The monthly requests are entered on the report or, if not, the workload profile's monthly spend on the compared model (all its AI spend when the model is not in it) divided by the reference's cost per case.",
  "Main risk: the platform with the highest lock-in score among those scored on the whole workload profile, with its band and largest factor; the profile is named as the example one when no profile was saved.",
];

/** How an option stands against the reference. */
export type OptionStanding =
  "reference" | "equivalent" | "higher" | "lower" | "inconclusive" | "unpaired";

/** A compared target as the rules see it. */
export type BriefOption = {
  target: ReportTarget;
  /** The platform in a one-model report, the target's label otherwise. */
  name: string;
  standing: OptionStanding;
  pair: PairSummary | null;
  score: Interval | null;
  costPerCase: number | null;
};

/** What the rules decided, with the numbers they decided on (for the brief and its tests). */
export type BriefDecision =
  | { kind: "none"; reason: string }
  | { kind: "single"; recommended: BriefOption }
  | {
      kind: "choice";
      reference: BriefOption;
      recommended: BriefOption;
      runnerUp: BriefOption | null;
      /** The option the recommendation tied with on cost, when it did. */
      tiedWith: BriefOption | null;
      qualifying: BriefOption[];
      /** An inconclusive option cheaper than the recommendation (the cheapest such). */
      cheaperUnsettled: BriefOption | null;
      /** The run's best-scoring target, when it scores higher than the recommendation. */
      bestScorer: ReportTarget | null;
      /** A runnable router that replays cheaper within the margin of the recommendation. */
      pilot: { router: PolicyAtPoint; against: PolicyAtPoint } | null;
      /** The lock-in score of an option's platform, when it is ranked (the tie-break). */
      lockinOf: (option: BriefOption) => number | null;
    };

const costOf = (target: ReportTarget) =>
  target.summary.costPer1kUsd === null ? null : target.summary.costPer1kUsd / 1000;

function standingOf(pair: PairSummary | null): OptionStanding {
  if (!pair) return "unpaired";
  if (pair.verdict === "equivalent") return "equivalent";
  if (pair.verdict === "inconclusive") return "inconclusive";
  return pair.difference > 0 ? "higher" : "lower";
}

function isTied(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  const high = Math.max(a, b);
  return high === 0 || (high - Math.min(a, b)) / high < COST_TIE_SHARE;
}

/** The rules' order: cheaper first (unknown cost last), then a tie by score, lock-in and name. */
function compareOptions(lockinOf: (option: BriefOption) => number | null) {
  return (a: BriefOption, b: BriefOption): number => {
    if (!isTied(a.costPerCase, b.costPerCase)) {
      if (a.costPerCase === null) return 1;
      if (b.costPerCase === null) return -1;
      return a.costPerCase - b.costPerCase;
    }
    const score = (b.score?.value ?? -1) - (a.score?.value ?? -1);
    if (score !== 0) return score;
    const riskA = lockinOf(a) ?? Number.POSITIVE_INFINITY;
    const riskB = lockinOf(b) ?? Number.POSITIVE_INFINITY;
    if (riskA !== riskB) return riskA - riskB;
    return a.name.localeCompare(b.name);
  };
}

/** Applies the recommendation rules ({@link BRIEF_RULES}) to a report's snapshot. */
export function decideRecommendation(
  data: Pick<ReportData, "compare" | "lockin" | "routing">,
): BriefDecision {
  const compare = data.compare;
  if (!compare) return { kind: "none", reason: "the report covers no compared run" };
  const byId = new Map(compare.targets.map((target) => [target.id, target]));
  const nameOf = (target: ReportTarget) =>
    compare.mode === "model" ? target.platformName : target.label;
  const option = (target: ReportTarget, pair: PairSummary | null, isReference: boolean) => ({
    target,
    name: nameOf(target),
    standing: isReference ? ("reference" as const) : standingOf(pair),
    pair,
    score: target.summary.score,
    costPerCase: costOf(target),
  });
  const reference = compare.referenceId ? byId.get(compare.referenceId) : undefined;
  const paired = compare.pairs.flatMap(({ targetId, pair }) => {
    const target = byId.get(targetId);
    return target && target.id !== reference?.id ? [option(target, pair, false)] : [];
  });
  if (!reference || paired.length === 0) {
    const only = (reference ? [reference] : compare.targets).find((t) => t.summary.score !== null);
    return only
      ? { kind: "single", recommended: option(only, null, true) }
      : { kind: "none", reason: "no target of the run was scored" };
  }
  const referenceOption = option(reference, null, true);
  const ranked = compareLockin(data.lockin.platforms).ranked;
  const lockinOf = (o: BriefOption) =>
    ranked.find((p) => p.platformId === o.target.platformId)?.score ?? null;
  const order = compareOptions(lockinOf);
  const qualifying = [
    referenceOption,
    ...paired.filter((o) => o.standing === "equivalent" || o.standing === "higher"),
  ].sort(order);
  const recommended = qualifying[0] ?? referenceOption;
  const next = qualifying[1] ?? null;
  const inconclusive = paired.filter((o) => o.standing === "inconclusive").sort(order);
  const tiedWith =
    next && isTied(recommended.costPerCase, next.costPerCase) && recommended.costPerCase !== null
      ? next
      : null;
  const cheaperUnsettled =
    inconclusive.find(
      (o) =>
        o.costPerCase !== null &&
        (recommended.costPerCase === null || o.costPerCase < recommended.costPerCase),
    ) ?? null;
  const best = [...compare.targets]
    .filter((t) => t.summary.score !== null)
    .sort(
      (a, b) =>
        (b.summary.score?.value ?? 0) - (a.summary.score?.value ?? 0) || a.id.localeCompare(b.id),
    )[0];
  const bestScorer =
    best &&
    best.id !== recommended.target.id &&
    (toPoints(best.summary.score?.value) ?? 0) > (toPoints(recommended.score?.value) ?? 0)
      ? best
      : null;
  return {
    kind: "choice",
    reference: referenceOption,
    recommended,
    runnerUp: next ?? inconclusive[0] ?? null,
    tiedWith,
    qualifying,
    cheaperUnsettled,
    bestScorer,
    pilot: pilotRouter(data, recommended),
    lockinOf,
  };
}

/**
 * A runnable router (random mix, quality threshold) that, on the replayed cases,
 * costs less per case than the recommended target and scores within the parity margin of it.
 */
function pilotRouter(
  data: Pick<ReportData, "routing">,
  recommended: BriefOption,
): { router: PolicyAtPoint; against: PolicyAtPoint } | null {
  if (!data.routing) return null;
  const runnable = runnablePolicies(data.routing.policies);
  const against = runnable.find(
    (p) => p.policy.kind === "single" && p.policy.id === `single:${recommended.target.id}`,
  );
  if (!against) return null;
  const margin = recommended.pair?.margin ?? 0.02;
  let pick: PolicyAtPoint | null = null;
  for (const candidate of runnable) {
    if (candidate.policy.kind === "single") continue;
    if (candidate.point.costPerCase >= against.point.costPerCase) continue;
    if (candidate.point.quality < against.point.quality - margin) continue;
    if (!pick || candidate.point.costPerCase < pick.point.costPerCase) pick = candidate;
  }
  return pick ? { router: pick, against } : null;
}

// ---------------------------------------------------------------------------------------------
// Monthly cost

/** A monthly request volume and how it was set. */
export type MonthlyVolume = { requests: number; assumption: string };

/** What an option costs a month: its cost per case × the monthly requests; null if either is unknown. */
export function monthlyCostUsd(costPerCase: number | null, requests: number | null): number | null {
  if (costPerCase === null || requests === null) return null;
  if (!Number.isFinite(costPerCase) || !Number.isFinite(requests)) return null;
  return costPerCase * requests;
}

/**
 * The organisation's monthly requests: the volume entered on the report when there is one, else
 * the workload profile's monthly spend on the compared model (all its AI spend when the model is
 * not in the profile) at the reference's cost per case. Null when neither is known.
 */
export function monthlyVolume(
  data: Pick<ReportData, "compare" | "lockin">,
  entered?: number | null,
): MonthlyVolume | null {
  const suffix =
    "assuming a request costs what one case of the suite did; each monthly cost is the cost per case × this volume.";
  if (entered !== undefined && entered !== null && entered > 0)
    return {
      requests: entered,
      assumption: `Volume entered on the report: ${formatCount(entered)} requests a month, ${suffix}`,
    };
  const compare = data.compare;
  if (!compare) return null;
  const reference =
    compare.targets.find((t) => t.id === compare.referenceId) ??
    compare.targets.find((t) => costOf(t) !== null);
  const cost = reference ? costOf(reference) : null;
  if (!reference || cost === null || cost <= 0) return null;
  const { profile } = data.lockin;
  const modelSpend = profile.models
    .filter((m) => m.modelId === reference.modelId)
    .reduce((sum, m) => sum + m.monthlySpendUsd, 0);
  const spend = modelSpend > 0 ? modelSpend : profile.monthlySpendUsd;
  if (!(spend > 0)) return null;
  const which = data.lockin.isExampleProfile
    ? "the example workload profile"
    : "your workload profile";
  const what = modelSpend > 0 ? `spend on ${reference.modelName ?? reference.label}` : "AI spend";
  const requests = Math.round(spend / cost);
  return {
    requests,
    assumption: `Volume: ${which}'s ${formatUsdPerMonth(spend)} of ${what} at ${reference.label}'s ${formatUsdPerCase(cost)} is about ${formatCount(requests)} requests a month, ${suffix}`,
  };
}

// ---------------------------------------------------------------------------------------------
// The brief

type BriefInput = Pick<
  ReportData,
  "isSimulated" | "compare" | "lockin" | "routing" | "runs" | "catalogSnapshot" | "draftedAt"
>;

const list = (names: readonly string[]) =>
  names.length <= 1
    ? (names[0] ?? "")
    : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

/** A difference for a sentence: "no difference at one decimal" rather than "0.0 points". */
function differenceText(value: number | null | undefined): string {
  return toPoints(value) === 0 ? "no difference at one decimal" : formatPointsDifference(value);
}

const casesText = (n: number) => `${formatCount(n)} case${n === 1 ? "" : "s"}`;

/** The headline: the answer to the report's question in one sentence. */
function headlineOf(data: BriefInput, decision: BriefDecision): string {
  const simulated = data.isSimulated ? " (simulated)" : "";
  const compare = data.compare;
  if (decision.kind === "none" || !compare)
    return `This report answers no quality question: ${decision.kind === "none" ? decision.reason : "no run"}${simulated}.`;
  if (decision.kind === "single") {
    const t = decision.recommended;
    return `${t.target.label} scores ${formatScoreWithUnit(t.score?.value)} (${formatScoreCi(t.score?.low, t.score?.high)}, n = ${casesText(t.score?.n ?? 0)}) at ${formatUsdPerCase(t.costPerCase)}; it is the only target, so nothing is compared${simulated}.`;
  }
  const all = compare.pairs.flatMap(({ targetId, pair }) => {
    const target = compare.targets.find((t) => t.id === targetId);
    if (!target || target.id === decision.reference.target.id) return [];
    return [{ name: compare.mode === "model" ? target.platformName : target.label, pair }];
  });
  const groups = {
    equivalent: all.filter((o) => o.pair?.verdict === "equivalent"),
    higher: all.filter((o) => o.pair?.verdict === "different" && o.pair.difference > 0),
    lower: all.filter((o) => o.pair?.verdict === "different" && o.pair.difference <= 0),
    inconclusive: all.filter((o) => o.pair?.verdict === "inconclusive"),
  };
  const margin = formatMargin(
    all.find((o) => o.pair)?.pair?.margin ?? decision.reference.pair?.margin ?? 0.02,
  );
  const ref = decision.reference.name;
  const isModel = compare.mode === "model";
  const subject = compare.modelName ?? decision.reference.target.modelName ?? "";
  const names = (group: typeof all) => list(group.map((o) => o.name));
  const diffs = (group: typeof all) =>
    group.map((o) => `${o.name} ${differenceText(o.pair?.difference)}`).join(", ");
  const clauses: string[] = [];
  if (groups.equivalent.length)
    clauses.push(
      isModel
        ? `${subject} behaves the same on ${names(groups.equivalent)} as on ${ref} within ${margin}`
        : `${names(groups.equivalent)} perform${groups.equivalent.length === 1 ? "s" : ""} the same as ${ref} within ${margin}`,
    );
  if (groups.higher.length)
    clauses.push(
      isModel
        ? `${clauses.length ? "it" : subject} scores higher on ${names(groups.higher)} than on ${ref} (${diffs(groups.higher)})`
        : `${names(groups.higher)} score${groups.higher.length === 1 ? "s" : ""} higher than ${ref} (${diffs(groups.higher)})`,
    );
  if (groups.lower.length)
    clauses.push(
      isModel
        ? `${clauses.length ? "it" : subject} scores lower on ${names(groups.lower)} than on ${ref} (${diffs(groups.lower)})`
        : `${names(groups.lower)} score${groups.lower.length === 1 ? "s" : ""} lower than ${ref} (${diffs(groups.lower)})`,
    );
  if (groups.inconclusive.length) {
    const n = Math.max(...groups.inconclusive.map((o) => o.pair?.n ?? 0));
    const needed = groups.inconclusive
      .map((o) => o.pair?.casesNeeded)
      .filter((c): c is number => typeof c === "number");
    const settle = needed.length
      ? `about ${formatCount(Math.max(...needed))} would settle it`
      : "more cases would settle it";
    const question = isModel
      ? `whether ${subject} behaves the same on ${names(groups.inconclusive)} as on ${ref}`
      : `whether ${names(groups.inconclusive)} perform${groups.inconclusive.length === 1 ? "s" : ""} the same as ${ref}`;
    clauses.push(`we cannot tell yet ${question} with ${casesText(n)}; ${settle}`);
  }
  const missing = all.filter((o) => !o.pair);
  if (missing.length) clauses.push(`${names(missing)} shared no scored case with ${ref}`);
  const sentence = clauses.join("; ");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}${simulated}.`;
}

function relationText(option: BriefOption, reference: BriefOption): string {
  const pair = option.pair;
  switch (option.standing) {
    case "reference":
      return `${option.name} is the reference`;
    case "equivalent":
      return `${option.name} matches ${reference.name} within ${formatMargin(pair?.margin ?? 0.02)} (${differenceText(pair?.difference)}, ${formatDifferenceCi(pair?.low, pair?.high)})`;
    case "higher":
      return `${option.name} scores higher than ${reference.name} (${differenceText(pair?.difference)}, ${formatDifferenceCi(pair?.low, pair?.high)})`;
    case "lower":
      return `${option.name} scores lower than ${reference.name}`;
    case "inconclusive":
      return `${option.name} is inconclusive against ${reference.name}`;
    case "unpaired":
      return `${option.name} shares no scored case with ${reference.name}`;
  }
}

/** "costs 35% less per case than X ($a against $b)", or the same, or more. */
function costAgainst(option: BriefOption, other: BriefOption): string {
  if (option.costPerCase === null || other.costPerCase === null || other.costPerCase <= 0)
    return `costs ${formatUsdPerCase(option.costPerCase)}`;
  const change = 1 - option.costPerCase / other.costPerCase;
  const percent = formatWholePercent(Math.abs(change));
  const figures = `${formatUsdPerCase(option.costPerCase)} against ${formatUsdPerCase(other.costPerCase)}`;
  if (percent === "0%") return `costs the same per case as ${other.name} (${figures})`;
  return change > 0
    ? `costs ${percent} less per case than ${other.name} (${figures})`
    : `costs ${percent} more per case than ${other.name} (${figures})`;
}

/** Which tie-break chose `rec` over `other`, in words. */
function tieReason(
  rec: BriefOption,
  other: BriefOption,
  lockinOf: (option: BriefOption) => number | null,
): string {
  if ((rec.score?.value ?? -1) !== (other.score?.value ?? -1))
    return `its higher mean score (${formatScoreWithUnit(rec.score?.value)} against ${formatScoreWithUnit(other.score?.value)})`;
  const mine = lockinOf(rec);
  const theirs = lockinOf(other);
  if (mine !== theirs)
    return `the lower lock-in risk of its platform (${formatRisk(mine)}/100 against ${theirs === null ? "not ranked" : `${formatRisk(theirs)}/100`})`;
  return "its name: nothing else tells them apart";
}

function recommendationOf(data: BriefInput, decision: BriefDecision): Brief["recommendation"] {
  const realCheck = data.isSimulated
    ? " Repeating the runs against the real providers could change it: these figures are simulated."
    : "";
  if (decision.kind === "none")
    return {
      text: "No recommendation: the report has no scored target to recommend.",
      why: `The rules need a run with scored targets; ${decision.reason}.`,
      runnerUp: null,
      wouldChange: `A report drafted from a finished run with two or more targets.${realCheck}`,
    };
  if (decision.kind === "single") {
    const only = decision.recommended;
    return {
      text: `Use ${only.target.label} if ${formatScoreWithUnit(only.score?.value)} is good enough for this workload: it is the only target measured.`,
      why: "With one target there is no alternative to weigh it against.",
      runnerUp: null,
      wouldChange: `A run of the same suite on another platform or model, which would give a parity verdict.${realCheck}`,
    };
  }
  const { recommended: rec, reference, runnerUp, tiedWith } = decision;
  const subject =
    data.compare?.mode === "model" ? ` for ${data.compare.modelName ?? "this model"}` : "";
  const text = `Use ${rec.name}${subject}.`;
  const why: string[] = [];
  if (rec === reference) {
    const excluded = decision.qualifying.length === 1;
    why.push(
      excluded
        ? `No alternative is shown to match ${reference.name} on quality, so it stays the choice (${formatUsdPerCase(rec.costPerCase)}).`
        : `${reference.name} is the cheapest of the ${decision.qualifying.length} options not shown to score lower (${formatUsdPerCase(rec.costPerCase)}).`,
    );
  } else {
    why.push(
      `${relationText(rec, reference)} and ${costAgainst(rec, reference)}; it is the cheapest of the ${decision.qualifying.length} options not shown to score lower.`,
    );
  }
  if (tiedWith) {
    why.push(
      `It ties on cost with ${tiedWith.name} (within ${formatWholePercent(COST_TIE_SHARE)}) and is chosen for ${tieReason(rec, tiedWith, decision.lockinOf)}.`,
    );
  }
  if (decision.bestScorer) {
    const best = decision.bestScorer;
    const bestCost = costOf(best);
    const ratio =
      bestCost !== null && rec.costPerCase !== null && rec.costPerCase > 0
        ? bestCost / rec.costPerCase
        : null;
    const cost =
      ratio === null
        ? "at an unknown cost"
        : ratio >= 1
          ? `at ${formatMultiple(ratio)} the cost per case`
          : `at ${formatUsdPerCase(bestCost)}`;
    const isCompared = decision.qualifying
      .concat(runnerUp ? [runnerUp] : [])
      .some((o) => o.target.id === best.id);
    const why2 = isCompared
      ? ""
      : data.compare?.selected.includes(best.id)
        ? ", but it is not shown to match the reference"
        : ", but it is not part of this comparison";
    why.push(
      `${best.label} scores highest, ${formatScoreWithUnit(best.summary.score?.value)} (${formatScoreCi(best.summary.score?.low, best.summary.score?.high)}), ${cost}${why2}.`,
    );
  }
  const changes: string[] = [];
  if (decision.cheaperUnsettled) {
    const cheaper = decision.cheaperUnsettled;
    const needed = cheaper.pair ? describeCasesNeeded(cheaper.pair) : null;
    changes.push(
      `${cheaper.name} would be the cheaper choice at ${formatUsdPerCase(cheaper.costPerCase)} if it proves equivalent${needed ? `: ${needed}` : ""}.`,
    );
  }
  if (runnerUp && runnerUp !== decision.cheaperUnsettled && rec.costPerCase !== null)
    changes.push(
      `${runnerUp.name} would take over if its cost per case fell below ${formatUsdPerCase(rec.costPerCase)}${rec === reference ? "" : ` or a larger run showed ${rec.name} scoring lower than ${reference.name}`}.`,
    );
  if (decision.pilot) {
    const { router, against } = decision.pilot;
    const saving = formatWholePercent(1 - router.point.costPerCase / against.point.costPerCase);
    const quality = toPoints(router.point.quality - against.point.quality);
    changes.push(
      `The ${router.policy.label} replays ${saving} cheaper per case than ${rec.name} ${quality === 0 ? "at the same quality" : `at ${formatPointsDifference(router.point.quality - against.point.quality)}`} on ${casesText(router.policy.n)} (no interval): worth a pilot on live traffic.`,
    );
  }
  if (changes.length === 0) changes.push("Nothing in this run comes close to changing it.");
  return {
    text,
    why: why.join(" "),
    runnerUp: runnerUp
      ? `Runner-up: ${runnerUp.name}, ${formatUsdPerCase(runnerUp.costPerCase)}; ${relationText(runnerUp, reference)}.`
      : null,
    wouldChange: `${changes.join(" ")}${realCheck}`,
  };
}

function keyNumbersOf(data: BriefInput, decision: BriefDecision): BriefKeyNumber[] {
  if (decision.kind === "none") return [];
  const simulated = data.isSimulated ? ", simulated" : "";
  const rec = decision.recommended;
  const numbers: BriefKeyNumber[] = [];
  if (rec.score)
    numbers.push({
      label: `${rec.name}: mean score`,
      value: formatScoreWithUnit(rec.score.value),
      interval: formatScoreCi(rec.score.low, rec.score.high),
      n: `n = ${casesText(rec.score.n)}${simulated}`,
    });
  if (decision.kind === "choice") {
    const shown = [rec, decision.runnerUp, ...decision.qualifying].filter(
      (o, i, all): o is BriefOption => o !== null && o.pair !== null && all.indexOf(o) === i,
    );
    for (const option of shown.slice(0, 2)) {
      const pair = option.pair;
      if (!pair) continue;
      numbers.push({
        label: `${option.name} − ${decision.reference.name}: paired difference`,
        value: formatPointsDifference(pair.difference),
        interval: formatDifferenceCi(pair.low, pair.high),
        n: `n = ${casesText(pair.n)}${simulated}`,
      });
    }
  }
  const passRate = rec.target.summary.passRate;
  if (passRate)
    numbers.push({
      label: `${rec.name}: pass rate`,
      value: formatPercent(passRate.value),
      interval: `95% CI ${formatPercent(passRate.low)} to ${formatPercent(passRate.high)}`,
      n: `n = ${formatCount(passRate.n)} scored trials${simulated}`,
    });
  if (rec.costPerCase !== null)
    numbers.push({
      label: `${rec.name}: cost`,
      value: formatUsdPerCase(rec.costPerCase),
      interval: "list prices × tokens used: no interval",
      n: `n = ${formatCount(rec.target.summary.trials)} trials${simulated}`,
    });
  return numbers.slice(0, 5);
}

function monthlyCostOf(
  data: BriefInput,
  decision: BriefDecision,
  entered: number | null | undefined,
): Brief["monthlyCost"] {
  if (decision.kind === "none") return null;
  const volume = monthlyVolume(data, entered);
  if (!volume) return null;
  const rows: BriefCostRow[] = [];
  const seen = new Set<string>();
  const add = (role: string, label: string, id: string, costPerCase: number | null) => {
    if (seen.has(id) || costPerCase === null) return;
    seen.add(id);
    rows.push({
      role,
      label,
      perCase: formatUsdPerCase(costPerCase),
      perMonth: formatUsdPerMonth(monthlyCostUsd(costPerCase, volume.requests)),
    });
  };
  const rec = decision.recommended;
  add("recommended", rec.target.label, rec.target.id, rec.costPerCase);
  if (decision.kind === "choice") {
    const { runnerUp, reference, bestScorer, pilot } = decision;
    if (runnerUp) add("runner-up", runnerUp.target.label, runnerUp.target.id, runnerUp.costPerCase);
    add("reference", reference.target.label, reference.target.id, reference.costPerCase);
    if (bestScorer) add("best score", bestScorer.label, bestScorer.id, costOf(bestScorer));
    if (pilot)
      add(
        "router to pilot",
        pilot.router.policy.label,
        pilot.router.policy.id,
        pilot.router.point.costPerCase,
      );
  }
  return rows.length ? { assumption: volume.assumption, rows } : null;
}

function riskOf(data: BriefInput, decision: BriefDecision): string | null {
  const { ranked, partial } = compareLockin(data.lockin.platforms);
  const profile = data.lockin.isExampleProfile
    ? "the example workload profile (no profile saved)"
    : "your workload profile";
  const top = ranked[0];
  if (!top || top.score === null)
    return partial.length
      ? `No platform is scored on the whole of ${profile}, so no lock-in risk is ranked.`
      : null;
  const band = top.band ? `, ${BAND_LABELS[top.band].label.toLowerCase()}` : "";
  const factor = [...top.factors]
    .filter((f) => f.contribution !== null && f.contribution > 0)
    .sort((a, b) => (b.contribution ?? 0) - (a.contribution ?? 0))[0];
  const largest = factor
    ? `; its largest factor is ${factor.label} (${formatRisk(factor.contribution)} points)`
    : "";
  let text = `${top.platformName} carries the highest lock-in risk of the ${formatCount(ranked.length)} platform${ranked.length === 1 ? "" : "s"} scored on the whole of ${profile}: ${formatRisk(top.score)}/100${band}${largest}.`;
  if (decision.kind !== "none") {
    const mine = ranked.find((p) => p.platformId === decision.recommended.target.platformId);
    if (mine && mine !== top && mine.score !== null)
      text += ` The recommended platform, ${mine.platformName}, scores ${formatRisk(mine.score)}/100${mine.band ? `, ${BAND_LABELS[mine.band].label.toLowerCase()}` : ""}.`;
  }
  return text;
}

function provenanceOf(data: BriefInput): string {
  const runs = data.runs.map(
    (run) =>
      `run “${run.name}” (${run.id}; suite ${run.suite.name}, ${casesText(run.suite.caseCount)}; ${run.finishedAt ? `finished ${formatDay(run.finishedAt)}` : "not finished"}; ${run.isSimulated ? "simulated" : "real platforms"})`,
  );
  const snapshot = data.catalogSnapshot
    ? `catalogue snapshot ${data.catalogSnapshot.id} (${data.catalogSnapshot.source}, ${formatDay(data.catalogSnapshot.takenAt)})`
    : "catalogue snapshot not recorded";
  const from = runs.length ? `From ${runs.join(", ")}` : "From no run";
  return `${from}; ${snapshot}; lock-in as of ${data.lockin.asOf}${data.lockin.isExampleProfile ? " on the example workload profile" : ""}; drafted ${formatDay(data.draftedAt)}.`;
}

/**
 * The brief of a report. `monthlyRequests` is a volume entered on the report, when there is one;
 * otherwise the workload profile sets it (see {@link monthlyVolume}).
 */
export function buildBrief(
  data: BriefInput,
  options: { monthlyRequests?: number | null } = {},
): Brief {
  const decision = decideRecommendation(data);
  return {
    headline: headlineOf(data, decision),
    recommendation: recommendationOf(data, decision),
    keyNumbers: keyNumbersOf(data, decision),
    monthlyCost: monthlyCostOf(data, decision, options.monthlyRequests),
    risk: riskOf(data, decision),
    provenance: provenanceOf(data),
    isSimulated: data.isSimulated,
  };
}

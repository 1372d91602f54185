import type { ApiStyle } from "@/lib/catalog/types";
import type { RunEstimate } from "@/lib/eval/estimate";
import type { ParityOutlook } from "@/lib/eval/summary";

/**
 * What the New run form works with: the offerings it can launch, the models they group into, the
 * judge it proposes and when a launch asks to be confirmed. Pure; shared by the server that lists
 * the offerings and the form that shows them.
 */

export type LaunchOffering = {
  id: string;
  label: string;
  modelId: string;
  modelName: string;
  platformId: string;
  platformName: string;
  nativeId: string;
  inputPrice: number | null;
  outputPrice: number | null;
  /** The API style the router will use, or null when no adapter speaks any of the offering's. */
  apiStyle: ApiStyle | null;
  isSimulated: boolean;
};

/** "anthropic/claude-sonnet-4.6" → "anthropic". */
export function vendorOf(modelId: string): string {
  return modelId.split("/")[0] ?? modelId;
}

export type ModelChoice = {
  modelId: string;
  modelName: string;
  vendor: string;
  /** The offerings of the model the router can call, one per platform. */
  callable: LaunchOffering[];
  /** Offerings of the model that cannot be called from here (no adapter speaks their API). */
  uncallable: number;
};

/** Every model with at least one offering, grouped by vendor and sorted by name within it. */
export function modelChoices(offerings: readonly LaunchOffering[]): ModelChoice[] {
  const byModel = new Map<string, ModelChoice>();
  for (const offering of offerings) {
    const choice = byModel.get(offering.modelId) ?? {
      modelId: offering.modelId,
      modelName: offering.modelName,
      vendor: vendorOf(offering.modelId),
      callable: [],
      uncallable: 0,
    };
    if (offering.apiStyle === null) choice.uncallable += 1;
    else choice.callable.push(offering);
    byModel.set(offering.modelId, choice);
  }
  return [...byModel.values()].sort(
    (a, b) => a.vendor.localeCompare(b.vendor) || a.modelName.localeCompare(b.modelName),
  );
}

/**
 * The offerings "this model on every platform" ticks: one per platform, the cheapest there (input
 * plus output price per 1M tokens; unknown prices last), so a platform with two ids for the model
 * (a regional and a global one) is not compared with itself.
 */
export function onePerPlatform(choice: ModelChoice): LaunchOffering[] {
  const price = (o: LaunchOffering) =>
    o.inputPrice === null || o.outputPrice === null
      ? Number.POSITIVE_INFINITY
      : o.inputPrice + o.outputPrice;
  const byPlatform = new Map<string, LaunchOffering>();
  for (const offering of choice.callable) {
    const current = byPlatform.get(offering.platformId);
    if (!current || price(offering) < price(current)) byPlatform.set(offering.platformId, offering);
  }
  return [...byPlatform.values()];
}

/** Whether every word typed appears in `text`, ignoring case: the form's type-to-filter. */
export function matchesWords(text: string, query: string): boolean {
  const haystack = text.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** Whether a model matches what was typed: its name, id or vendor, every word. */
export function modelMatches(choice: ModelChoice, query: string): boolean {
  return matchesWords(`${choice.modelName} ${choice.modelId} ${choice.vendor}`, query);
}

/**
 * Strong general models, best first, that grade rubric assertions well. The judge is proposed
 * from this list (a vendor under test is avoided where possible, so no model grades its own
 * family's answers), then from the dearest callable model of another vendor.
 */
export const PREFERRED_JUDGES = [
  "openai/gpt-5.5",
  "anthropic/claude-sonnet-4.6",
  "google/gemini-3.1-pro",
  "openai/gpt-5.4",
  "anthropic/claude-sonnet-4.5",
  "google/gemini-2.5-pro",
] as const;

/** The platform a vendor serves its own models on, preferred for the judge (first-party API). */
const FIRST_PARTY: Record<string, string> = {
  openai: "openai",
  anthropic: "anthropic",
  google: "gcp-vertex",
};

export type JudgeProposal = { offeringId: string; reason: string };

/** The judge the form proposes for targets `targetOfferingIds`, with why; null if none is callable. */
export function proposeJudge(
  offerings: readonly LaunchOffering[],
  targetOfferingIds: readonly string[],
): JudgeProposal | null {
  const byId = new Map(offerings.map((o) => [o.id, o]));
  const vendorsUnderTest = new Set(
    targetOfferingIds.flatMap((id) => {
      const offering = byId.get(id);
      return offering ? [vendorOf(offering.modelId)] : [];
    }),
  );
  const callable = offerings.filter((o) => o.apiStyle !== null);
  const firstParty = (o: LaunchOffering) => FIRST_PARTY[vendorOf(o.modelId)] === o.platformId;
  const pick = (candidates: LaunchOffering[]) =>
    candidates.find(firstParty) ?? candidates.find((o) => !o.isSimulated) ?? candidates[0];
  const preferred = (avoidTested: boolean): JudgeProposal | null => {
    for (const modelId of PREFERRED_JUDGES) {
      if (avoidTested && vendorsUnderTest.has(vendorOf(modelId))) continue;
      const offering = pick(callable.filter((o) => o.modelId === modelId));
      if (offering) {
        return {
          offeringId: offering.id,
          reason: avoidTested
            ? "a strong general model from a vendor none of your targets come from, so no model grades its own family's answers"
            : "a strong general model; every vendor with one is under test, so it may grade answers of its own family",
        };
      }
    }
    return null;
  };
  const dearest = [...callable]
    .filter((o) => !vendorsUnderTest.has(vendorOf(o.modelId)))
    .sort((a, b) => (b.outputPrice ?? 0) - (a.outputPrice ?? 0))[0];
  return (
    preferred(true) ??
    (dearest
      ? {
          offeringId: dearest.id,
          reason:
            "the dearest callable model of a vendor not under test (price stands in for strength)",
        }
      : preferred(false))
  );
}

/** Below this much at most, a launch against real platforms goes ahead without a second press. */
export const CONFIRM_ABOVE_USD = 0.1;

/**
 * Whether "Launch run" asks to be confirmed: never for a run that is wholly simulated (it spends
 * nothing), otherwise when it could cost more than {@link CONFIRM_ABOVE_USD} or its cost is
 * unknown.
 */
export function needsLaunchConfirmation(estimate: {
  isAllSimulated: boolean;
  maxUsd: number | null;
}): boolean {
  if (estimate.isAllSimulated) return false;
  return estimate.maxUsd === null || estimate.maxUsd > CONFIRM_ABOVE_USD;
}

/** A suite as the form offers it. */
export type LaunchSuite = {
  id: string;
  name: string;
  caseCount: number;
  categories: string[];
  hasJudge: boolean;
  judgedCaseCount: number;
};

/** A routing policy saved from a simulation (Routing page), launchable as one target. */
export type LaunchSavedPolicy = { id: string; name: string; summary: string };

/** A cloud's own model router as the form offers it: one router in one mode. */
export type LaunchRouter = {
  routerId: string;
  mode: string;
  /** "Bedrock prompt router (anthropic.claude)". */
  label: string;
  platformName: string;
  /** The models it may pick, as its documentation lists them. */
  poolSize: number;
  isSimulated: boolean;
};

/** What a launch would do, before anything is stored: the New run form's preview. */
export type LaunchPreview = {
  estimate: RunEstimate;
  /** Labels of the targets (and "the judge") that run against the emulator. */
  simulatedTargets: string[];
  needsJudge: boolean;
  /** With two or more targets: how many cases a parity verdict will likely need. */
  parity: ParityOutlook | null;
};

import {
  findBedrockDefaultRouter,
  getDefaultMode,
  getNativeRouter,
  parsePromptRouterArn,
  type NativeRouter,
} from "../catalog/native-routers";
import { blendedPrice } from "../catalog/types";
import { SEED_OFFERINGS } from "../catalog/seed";
import { mapServedModel } from "../catalog/served-models";
import { getProfile, TASK_CATEGORIES } from "./profiles";
import { createRandom, hashToSeed, type Random } from "./prng";
import type { ChatRequest } from "./types";

/*
 * SIMULATION of the native routers' choices. The rule follows what the providers document and
 * nothing else: the router picks from its documented pool only, by the request's estimated
 * difficulty and the router's mode, trading the simulated quality of each pool model against its
 * price. It never looks at a model's vendor. The optional what-if preference, used only when a
 * request asks for it, is applied after the choice and labels the response it changes.
 */

/** A pool model as the choice rule sees it: an id, a quality and a price. No vendor. */
export type RoutingCandidate = {
  id: string;
  /** Mean simulated probability of a correct answer, in [0, 1]. */
  quality: number;
  /** Blended USD per 1M tokens; null when unknown. */
  cost: number | null;
};

/** How far each mode moves the quality the router aims for, on the [0, 1] difficulty scale. */
const MODE_SHIFT: Readonly<Record<string, number>> = {
  quality: 0.25,
  balanced: 0,
  default: 0,
  auto: 0,
  cost: -0.25,
};

const HARD_TASK_PATTERN =
  /\b(prove|derive|step by step|explain why|analy[sz]e|compare|algorithm|optimi[sz]e|debug|refactor|implement|complexity|theorem|integral|equation)\b|```|\d+\s*[*/^]\s*\d+/gi;

/**
 * A per-request difficulty estimate in [0, 1] from the prompt alone: its length, words that mark
 * reasoning, code or maths, and the number of turns, plus a small deterministic jitter drawn from
 * the request (as a learned router's estimate is noisy). Same request, same estimate.
 */
export function estimateDifficulty(
  request: Pick<ChatRequest, "system" | "messages">,
  random: Random,
): number {
  const text = [request.system, ...request.messages.map((message) => message.text)].join("\n");
  const words = text.split(/\s+/).filter((word) => word !== "").length;
  const length = Math.min(1, Math.log1p(words) / Math.log1p(1500));
  const markers = Math.min(1, (text.match(HARD_TASK_PATTERN) ?? []).length / 3);
  const turns = Math.min(1, Math.max(0, request.messages.length - 1) / 6);
  const jitter = (random() - 0.5) * 0.2;
  return Math.min(1, Math.max(0, 0.45 * length + 0.4 * markers + 0.15 * turns + jitter));
}

/** True when `a` is at least as good and as cheap as `b`, and strictly better in one. */
function dominates(a: RoutingCandidate, b: RoutingCandidate): boolean {
  if (a.cost === null || b.cost === null) return false;
  return a.quality >= b.quality && a.cost <= b.cost && (a.quality > b.quality || a.cost < b.cost);
}

function sameTier(a: RoutingCandidate, b: RoutingCandidate): boolean {
  return Math.abs(a.quality - b.quality) < 1e-9 && a.cost === b.cost;
}

/**
 * The choice rule: drop candidates another one beats on both quality and price, order the rest
 * from weakest to strongest (cheaper first on equal quality), and pick the tier at the position
 * the difficulty, shifted by the mode, points to. Candidates tied on quality and price are picked
 * between at random, so an id or a vendor can never break a tie.
 *
 * @param mode a mode slug (`quality`, `balanced`, `cost`, `default`, `auto`).
 * @param difficulty the request's estimated difficulty, in [0, 1].
 */
export function chooseCandidate(
  candidates: readonly RoutingCandidate[],
  mode: string,
  difficulty: number,
  random: Random,
): RoutingCandidate {
  const open = candidates.filter(
    (candidate) => !candidates.some((other) => dominates(other, candidate)),
  );
  const ordered = [...open].sort(
    (a, b) => a.quality - b.quality || (a.cost ?? Infinity) - (b.cost ?? Infinity),
  );
  const tiers: RoutingCandidate[][] = [];
  for (const candidate of ordered) {
    const last = tiers[tiers.length - 1];
    if (last?.[0] && sameTier(last[0], candidate)) last.push(candidate);
    else tiers.push([candidate]);
  }
  const position = Math.min(1, Math.max(0, difficulty + (MODE_SHIFT[mode] ?? 0)));
  const tier = tiers[Math.min(tiers.length - 1, Math.floor(position * tiers.length))];
  const chosen = tier?.[Math.floor(random() * tier.length)];
  if (!chosen) throw new Error("chooseCandidate needs at least one candidate");
  return chosen;
}

/** A request that reached a native router, resolved: which router and which mode. */
export type RouterCall = { router: NativeRouter; mode: string };

/** Why a router-shaped model id could not be served. */
export type RouterCallError = { error: string };

const AZURE_ROUTER_DEPLOYMENT = /^model-router(?:-(balanced|quality|cost))?$/;

/**
 * Which native router a request calls, or null for an ordinary model. On Azure the mode is a
 * deployment setting: the emulator reads it from the deployment name (`model-router` is Balanced,
 * `model-router-quality` and `model-router-cost` the other two). On Vertex it comes from the
 * request's `generationConfig.modelConfig.featureSelectionPreference`.
 */
export function resolveRouterCall(request: ChatRequest): RouterCall | RouterCallError | null {
  const { platformId, model } = request;
  if (platformId === "aws-bedrock") {
    const arn = parsePromptRouterArn(model);
    if (!arn) return null;
    const router = findBedrockDefaultRouter(model);
    if (!router) {
      return {
        error: `The prompt router ${model} was not found (simulated: only the default routers exist).`,
      };
    }
    return { router, mode: getDefaultMode(router).id };
  }
  if (platformId === "azure-foundry") {
    const match = AZURE_ROUTER_DEPLOYMENT.exec(model);
    const router = getNativeRouter("azure-foundry/model-router");
    if (!match || !router) return null;
    return { router, mode: match[1] ?? getDefaultMode(router).id };
  }
  if (platformId === "gcp-vertex") {
    const router = getNativeRouter("gcp-vertex/model-optimizer");
    if (!router || model !== router.invocationId) return null;
    const wanted = request.routerPreference ?? null;
    const mode =
      wanted === null || wanted === "FEATURE_SELECTION_PREFERENCE_UNSPECIFIED"
        ? getDefaultMode(router)
        : router.modes.find((candidate) => candidate.wireValue === wanted);
    if (!mode) return { error: `Unknown featureSelectionPreference ${wanted}.` };
    return { router, mode: mode.id };
  }
  if (platformId === "openrouter") {
    const router = getNativeRouter("openrouter/auto");
    if (!router || model !== router.invocationId) return null;
    return { router, mode: getDefaultMode(router).id };
  }
  return null;
}

/** A blended price for a served model: the seed's price of its catalogue model on the platform. */
function costOf(platformId: string, servedId: string): number | null {
  const mapped = mapServedModel(platformId, servedId);
  if (mapped.kind === "unmapped") return null;
  const offering = SEED_OFFERINGS.find(
    (candidate) => candidate.platformId === platformId && candidate.modelId === mapped.modelId,
  );
  return offering ? blendedPrice(offering.prices) : null;
}

function meanQuality(platformId: string, servedId: string): number {
  const profile = getProfile(platformId, servedId);
  const total = TASK_CATEGORIES.reduce((sum, category) => sum + profile.quality[category], 0);
  return total / TASK_CATEGORIES.length;
}

/** The pool of a router as choice-rule candidates, from the emulator's simulated profiles. */
export function listCandidates(router: NativeRouter): RoutingCandidate[] {
  return router.pool.map((member) => ({
    id: member.servedId,
    quality: meanQuality(router.platformId, member.servedId),
    cost: costOf(router.platformId, member.servedId),
  }));
}

function vendorOf(platformId: string, servedId: string): string | null {
  const mapped = mapServedModel(platformId, servedId);
  return mapped.kind === "mapped" ? (mapped.modelId.split("/")[0] ?? null) : null;
}

/** What a routed request was served by. */
export type RoutedChoice = {
  /** The pool model's id, as the emulator simulates it. */
  servedId: string;
  /** The id the response reports (Bedrock: a foundation-model ARN). */
  reportedId: string;
  mode: string;
  /** Set when the what-if vendor preference changed the choice. */
  whatIfVendor: string | null;
};

/**
 * Chooses the pool model that serves a router request. Deterministic: seeded by the emulator seed,
 * the router and the request text.
 *
 * @param preferVendor the what-if: prefer this vendor's models when they are within 0.15 of the
 *   chosen model's quality. Off unless a request asks for it.
 */
export function routeRequest(
  request: ChatRequest,
  call: RouterCall,
  seed: string,
  preferVendor: string | null = null,
): RoutedChoice {
  const key = JSON.stringify([request.system, request.messages]);
  const random = createRandom(hashToSeed("router", seed, call.router.id, call.mode, key));
  const candidates = listCandidates(call.router);
  const difficulty = estimateDifficulty(request, random);
  const chosen = chooseCandidate(candidates, call.mode, difficulty, random);
  let served = chosen;
  let whatIfVendor: string | null = null;
  if (preferVendor !== null) {
    const preferred = candidates
      .filter((candidate) => vendorOf(call.router.platformId, candidate.id) === preferVendor)
      .filter((candidate) => candidate.quality >= chosen.quality - 0.15)
      .sort((a, b) => b.quality - a.quality)[0];
    if (preferred && preferred.id !== chosen.id) {
      served = preferred;
      whatIfVendor = preferVendor;
    }
  }
  const arn = parsePromptRouterArn(request.model);
  const reportedId = arn
    ? `arn:aws:bedrock:${arn.region}::foundation-model/${served.id}`
    : served.id;
  return { servedId: served.id, reportedId, mode: call.mode, whatIfVendor };
}

import {
  getNativeRouter,
  NATIVE_ROUTERS,
  type NativeRouter,
  type NativeRouterPlatformId,
} from "@/lib/catalog/native-routers";
import { mapServedModel } from "@/lib/catalog/served-models";
import type { ApiStyle } from "@/lib/catalog/types";
import type { RouterPoolOffering, Target, TargetRouter, Usage } from "@/lib/router/types";

/**
 * Native routers as run targets: the target syntax (`router:<platform>/<router or mode>`), the
 * router call a target makes (which native id, API style and mode), and what a trial of it
 * records (the served model, mapped to the catalogue or flagged unmapped, and its cost at the
 * served model's price). Pure: the catalogue's offerings are passed in.
 */

/** A native router and mode a run can target. */
export type RouterTargetChoice = { routerId: string; mode: string };

/** Platforms whose routers a run can call, with the API style each router speaks. */
const ROUTER_API_STYLES: Partial<Record<NativeRouterPlatformId, ApiStyle>> = {
  "aws-bedrock": "bedrock-converse",
  "azure-foundry": "azure-openai",
  "gcp-vertex": "vertex-generate",
  // OpenAI-compatible Chat Completions at https://openrouter.ai/api/v1; the response's `model`
  // names the model the auto router chose (https://openrouter.ai/openrouter/auto, "read the model
  // attribute of the response"; https://openrouter.ai/docs/model-routing).
  openrouter: "openai-compatible",
};

const SHORT_NAMES: Record<NativeRouterPlatformId, string> = {
  "aws-bedrock": "Bedrock prompt router",
  "azure-foundry": "Foundry model router",
  "gcp-vertex": "Vertex model optimizer",
  openrouter: "OpenRouter auto router",
};

/** The target spec of a router and mode: `router:<router id>` for a single-mode router. */
function specOf(router: NativeRouter, modeId: string): string {
  return router.modes.length === 1
    ? `router:${router.id}`
    : `router:${router.platformId}/${modeId}`;
}

/** Every router target spec a run accepts, with the router and mode each names. */
export const ROUTER_TARGET_SPECS: readonly (RouterTargetChoice & { spec: string })[] =
  NATIVE_ROUTERS.filter((router) => ROUTER_API_STYLES[router.platformId] !== undefined).flatMap(
    (router) =>
      router.modes.map((mode) => ({
        spec: specOf(router, mode.id),
        routerId: router.id,
        mode: mode.id,
      })),
  );

/**
 * Parses a router target spec (`router:aws-bedrock/anthropic.claude`, `router:azure-foundry/cost`,
 * `router:openrouter/auto`).
 *
 * @returns the router and mode, or a message that names every valid spec.
 */
export function parseRouterTargetSpec(
  spec: string,
): { ok: true; choice: RouterTargetChoice } | { ok: false; message: string } {
  const trimmed = spec.trim();
  const found = ROUTER_TARGET_SPECS.find((candidate) => candidate.spec === trimmed);
  if (found) return { ok: true, choice: { routerId: found.routerId, mode: found.mode } };
  const valid = ROUTER_TARGET_SPECS.map((candidate) => candidate.spec).join(", ");
  return {
    ok: false,
    message: `"${trimmed}" is not a router target; valid router targets: ${valid}`,
  };
}

/** A router choice, checked: the router, the mode and the API style it is called with. */
export function resolveRouterChoice(
  choice: RouterTargetChoice,
): { router: NativeRouter; apiStyle: ApiStyle } | null {
  const router = getNativeRouter(choice.routerId);
  if (!router || !router.modes.some((mode) => mode.id === choice.mode)) return null;
  const apiStyle = ROUTER_API_STYLES[router.platformId];
  return apiStyle ? { router, apiStyle } : null;
}

/** How a router target is labelled, e.g. "Bedrock prompt router (anthropic.claude)". */
export function routerTargetLabel(router: NativeRouter, modeId: string): string {
  const detail =
    router.modes.length === 1
      ? (router.id.split("/")[1] ?? router.id)
      : (router.modes.find((mode) => mode.id === modeId)?.label ?? modeId);
  return `${SHORT_NAMES[router.platformId]} (${detail})`;
}

/**
 * The model id a router target calls. Bedrock: the default router's ARN in the connection's
 * region and account. Foundry: the routing mode is a deployment setting, so each mode is its own
 * deployment, `model-router` (Balanced, the default) or `model-router-<mode>`; the emulator
 * reads the mode from that name. Vertex: the optimizer's model name (the mode travels per request).
 * OpenRouter: the model id `openrouter/auto`.
 */
export function routerNativeId(
  router: NativeRouter,
  modeId: string,
  where: { region: string; account: string },
): string {
  if (router.platformId === "aws-bedrock") {
    return router.invocationId
      .replace("{region}", where.region)
      .replace("{account}", where.account);
  }
  if (router.platformId === "azure-foundry") {
    const isDefault = router.modes.find((mode) => mode.id === modeId)?.isDefault ?? false;
    return isDefault ? router.invocationId : `${router.invocationId}-${modeId}`;
  }
  return router.invocationId;
}

/** A catalogue offering as the pool pricing needs it (USD per 1M tokens). */
export type PoolOfferingRow = {
  id: string;
  platformId: string;
  modelId: string;
  inputPrice: number | null;
  outputPrice: number | null;
};

/**
 * The router's pool as catalogue offerings on its platform, by catalogue model id: what each
 * model it may serve costs. Pool models the served-id table does not map, or that have no
 * offering on the platform, are left out (their trials' cost is unknown).
 */
export function priceRouterPool(
  router: NativeRouter,
  offerings: readonly PoolOfferingRow[],
): Record<string, RouterPoolOffering> {
  const pool: Record<string, RouterPoolOffering> = {};
  for (const member of router.pool) {
    const mapped = mapServedModel(router.platformId, member.servedId);
    if (mapped.kind === "unmapped") continue;
    const offering = offerings.find(
      (row) => row.platformId === router.platformId && row.modelId === mapped.modelId,
    );
    if (!offering) continue;
    pool[mapped.modelId] = {
      offeringId: offering.id,
      prices: { input: offering.inputPrice, output: offering.outputPrice },
    };
  }
  return pool;
}

/** Builds the router target a run calls. Its own prices are unknown: the served model's count. */
export function buildRouterTarget(input: {
  router: NativeRouter;
  mode: string;
  apiStyle: ApiStyle;
  nativeId: string;
  pool: Record<string, RouterPoolOffering>;
  simulated: boolean;
}): Target {
  const router: TargetRouter = { routerId: input.router.id, mode: input.mode, pool: input.pool };
  return {
    offeringId: `router:${input.router.id}#${input.mode}`,
    platformId: input.router.platformId,
    modelId: `router:${input.router.id}`,
    nativeId: input.nativeId,
    apiStyle: input.apiStyle,
    prices: { input: null, output: null },
    simulated: input.simulated,
    router,
  };
}

/** What a trial of a router target records about what served it. */
export type ServedRecord = {
  servedModelRaw: string | null;
  /** The catalogue model id; null when unmapped. Its vendor is the id's prefix. */
  servedModelId: string | null;
  servedUnmapped: boolean;
  routerMode: string | null;
  /** The served model's offering on the router's platform, when the pool priced it. */
  servedOfferingId: string | null;
  /** At the served model's price; null when unmapped, unpriced or without token counts. */
  costUsd: number | null;
};

/** The served-model fields of a trial that is not a router target's. */
export const NOT_ROUTED: ServedRecord = {
  servedModelRaw: null,
  servedModelId: null,
  servedUnmapped: false,
  routerMode: null,
  servedOfferingId: null,
  costUsd: null,
};

/** USD for a call's usage at prices per 1M tokens; null when a price or a count is unknown. */
function costAt(prices: RouterPoolOffering["prices"], usage: Usage): number | null {
  if (prices.input === null || prices.output === null) return null;
  if (usage.inputTokens === null || usage.outputTokens === null) return null;
  return (usage.inputTokens * prices.input + usage.outputTokens * prices.output) / 1e6;
}

/**
 * What served a router target's call: the raw id the response named, mapped to the catalogue by
 * the served-id table (an unknown id is kept verbatim and flagged, never guessed), and the cost
 * at that model's price on the router's platform.
 */
export function describeServed(
  router: TargetRouter,
  platformId: string,
  servedModel: string | undefined,
  usage: Usage,
): ServedRecord {
  if (servedModel === undefined) return { ...NOT_ROUTED, routerMode: router.mode };
  const mapped = mapServedModel(platformId, servedModel);
  if (mapped.kind === "unmapped") {
    return {
      ...NOT_ROUTED,
      servedModelRaw: servedModel,
      servedUnmapped: true,
      routerMode: router.mode,
    };
  }
  const offering = router.pool?.[mapped.modelId];
  return {
    servedModelRaw: servedModel,
    servedModelId: mapped.modelId,
    servedUnmapped: false,
    routerMode: router.mode,
    servedOfferingId: offering?.offeringId ?? null,
    costUsd: offering ? costAt(offering.prices, usage) : null,
  };
}

/** The key a served model is counted under: the catalogue model id, or the raw id when unmapped. */
export function servedModelKey(record: Pick<ServedRecord, "servedModelId" | "servedModelRaw">) {
  return record.servedModelId ?? record.servedModelRaw;
}

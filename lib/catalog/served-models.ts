/**
 * Maps the model id a router reports ("served id") to a catalogue model, by exact lookup only.
 * The table is the seed catalogue's own native ids per platform plus the explicit rows below (the
 * served ids the native routers' pools document). Nothing is normalised beyond the id forms the
 * providers document (ARNs, inference-profile geo prefixes, case); an id the table does not hold
 * is reported as unmapped with its raw value, never guessed.
 */
import { BEDROCK_GEO_PREFIXES } from "./import/id-mapping";
import type { NativeRouter, NativeRouterPlatformId } from "./native-routers";
import { SEED_OFFERINGS } from "./seed";

/** How a served id was read. */
export type ServedIdForm =
  "foundation-model-arn" | "inference-profile-arn" | "bedrock-model-id" | "model-id";

/** The result of mapping one served id. */
export type ServedModelMapping =
  | {
      kind: "mapped";
      raw: string;
      /** The catalogue model id, e.g. "anthropic/claude-sonnet-4.5". */
      modelId: string;
      /** The provider's model id inside the raw value (ARN and geo prefix removed). */
      nativeId: string;
      form: ServedIdForm;
    }
  | { kind: "unmapped"; raw: string };

/**
 * Served ids the native routers' pools document and the seed catalogue does not list, by
 * platform. Keys are compared in lower case. Targets follow the catalogue's id rules: vendor slug,
 * dotted versions, no date stamps or "-preview" suffixes.
 */
export const SERVED_MODEL_ROWS: Readonly<Record<NativeRouterPlatformId, Record<string, string>>> = {
  "aws-bedrock": {
    "anthropic.claude-3-haiku-20240307-v1:0": "anthropic/claude-3-haiku",
    "anthropic.claude-3-5-haiku-20241022-v1:0": "anthropic/claude-3.5-haiku",
    "anthropic.claude-3-5-sonnet-20240620-v1:0": "anthropic/claude-3.5-sonnet",
    "anthropic.claude-3-5-sonnet-20241022-v2:0": "anthropic/claude-3.5-sonnet-v2",
    "meta.llama3-1-8b-instruct-v1:0": "meta/llama-3.1-8b-instruct",
    "meta.llama3-1-70b-instruct-v1:0": "meta/llama-3.1-70b-instruct",
    "meta.llama3-2-11b-instruct-v1:0": "meta/llama-3.2-11b-instruct",
    "meta.llama3-2-90b-instruct-v1:0": "meta/llama-3.2-90b-instruct",
    "meta.llama3-3-70b-instruct-v1:0": "meta/llama-3.3-70b-instruct",
    "amazon.nova-lite-v1:0": "amazon/nova-lite",
    "amazon.nova-pro-v1:0": "amazon/nova-pro",
  },
  "azure-foundry": {
    "gpt-4o-2024-11-20": "openai/gpt-4o",
    "gpt-4o-mini-2024-07-18": "openai/gpt-4o-mini",
    "gpt-4.1-2025-04-14": "openai/gpt-4.1",
    "gpt-4.1-mini-2025-04-14": "openai/gpt-4.1-mini",
    "gpt-4.1-nano-2025-04-14": "openai/gpt-4.1-nano",
    "o4-mini-2025-04-16": "openai/o4-mini",
    "gpt-5-nano-2025-08-07": "openai/gpt-5-nano",
    "gpt-5-mini-2025-08-07": "openai/gpt-5-mini",
    "gpt-5-2025-08-07": "openai/gpt-5",
    "gpt-5-chat-2025-08-07": "openai/gpt-5-chat",
    "gpt-5.2-2025-12-11": "openai/gpt-5.2",
    "gpt-5.2-chat-2025-12-11": "openai/gpt-5.2-chat",
    "gpt-5.3-chat-2026-03-03": "openai/gpt-5.3-chat",
    "gpt-5.4-nano-2026-03-17": "openai/gpt-5.4-nano",
    "gpt-5.4-mini-2026-03-17": "openai/gpt-5.4-mini",
    "gpt-5.4-2026-03-05": "openai/gpt-5.4",
    "gpt-5.5-2026-04-24": "openai/gpt-5.5",
    "deepseek-v3.1": "deepseek/deepseek-v3.1",
    "deepseek-v3.2": "deepseek/deepseek-v3.2",
    "gpt-oss-120b": "openai/gpt-oss-120b",
    "llama-4-maverick-17b-128e-instruct-fp8": "meta/llama-4-maverick-17b-128e-instruct",
    "grok-4": "xai/grok-4",
    "grok-4-fast-reasoning": "xai/grok-4-fast",
    "claude-haiku-4-5-20251001": "anthropic/claude-haiku-4.5",
    "claude-sonnet-4-5-20250929": "anthropic/claude-sonnet-4.5",
    "claude-opus-4-1-20250805": "anthropic/claude-opus-4.1",
    "claude-opus-4-6": "anthropic/claude-opus-4.6",
    "claude-opus-4-7": "anthropic/claude-opus-4.7",
  },
  "gcp-vertex": {
    "gemini-2.0-flash-001": "google/gemini-2.0-flash",
    "gemini-2.5-pro-preview-03-25": "google/gemini-2.5-pro",
  },
  openrouter: {
    "anthropic/claude-haiku-4.5": "anthropic/claude-haiku-4.5",
    "anthropic/claude-opus-4.6": "anthropic/claude-opus-4.6",
    "anthropic/claude-sonnet-4.5": "anthropic/claude-sonnet-4.5",
    "anthropic/claude-sonnet-4.6": "anthropic/claude-sonnet-4.6",
    "deepseek/deepseek-r1": "deepseek/deepseek-r1",
    "google/gemini-2.5-flash-lite": "google/gemini-2.5-flash-lite",
    "google/gemini-3-flash-preview": "google/gemini-3-flash",
    "google/gemini-3-pro-preview": "google/gemini-3-pro",
    "google/gemini-3.1-pro-preview": "google/gemini-3.1-pro",
    "meta-llama/llama-3.3-70b-instruct": "meta/llama-3.3-70b-instruct",
    "minimax/minimax-m2.5": "minimax/minimax-m2.5",
    "mistralai/codestral-2508": "mistral/codestral-2508",
    "mistralai/mistral-medium-3.1": "mistral/mistral-medium-3.1",
    "mistralai/mistral-small-3.2-24b-instruct-2506": "mistral/mistral-small-3.2",
    "moonshotai/kimi-k2-thinking": "moonshotai/kimi-k2-thinking",
    "moonshotai/kimi-k2.5": "moonshotai/kimi-k2.5",
    "openai/gpt-5": "openai/gpt-5",
    "openai/gpt-5-mini": "openai/gpt-5-mini",
    "openai/gpt-5-nano": "openai/gpt-5-nano",
    "openai/gpt-5.1": "openai/gpt-5.1",
    // "mistralai/mistral-large" is an alias OpenRouter moves between versions: left unmapped.
  },
};

/** Strips a Bedrock cross-region inference prefix (`us.`, `eu.`, `global.`…), if any. */
function stripGeoPrefix(id: string): string {
  for (const prefix of BEDROCK_GEO_PREFIXES) {
    if (id.startsWith(`${prefix}.`)) return id.slice(prefix.length + 1);
  }
  return id;
}

function buildTable(): ReadonlyMap<string, ReadonlyMap<string, string>> {
  const tables = new Map<string, Map<string, string>>();
  const tableOf = (platformId: string) => {
    const existing = tables.get(platformId);
    if (existing) return existing;
    const created = new Map<string, string>();
    tables.set(platformId, created);
    return created;
  };
  for (const offering of SEED_OFFERINGS) {
    const key =
      offering.platformId === "aws-bedrock" ? stripGeoPrefix(offering.nativeId) : offering.nativeId;
    tableOf(offering.platformId).set(key.toLowerCase(), offering.modelId);
  }
  for (const [platformId, rows] of Object.entries(SERVED_MODEL_ROWS)) {
    for (const [servedId, modelId] of Object.entries(rows)) {
      tableOf(platformId).set(servedId.toLowerCase(), modelId);
    }
  }
  return tables;
}

const TABLE = buildTable();

// The two ARN forms PromptRouterTrace.invokedModelId documents.
const FOUNDATION_MODEL_ARN = /^arn:aws(?:-[a-z-]+)?:bedrock:[a-z0-9-]*::foundation-model\/(.+)$/;
const INFERENCE_PROFILE_ARN =
  /^arn:aws(?:-[a-z-]+)?:bedrock:[a-z0-9-]*:\d{0,12}:inference-profile\/(.+)$/;

function readForm(platformId: string, raw: string): { nativeId: string; form: ServedIdForm } {
  if (platformId !== "aws-bedrock") return { nativeId: raw, form: "model-id" };
  const foundation = FOUNDATION_MODEL_ARN.exec(raw);
  if (foundation?.[1]) return { nativeId: foundation[1], form: "foundation-model-arn" };
  const profile = INFERENCE_PROFILE_ARN.exec(raw);
  if (profile?.[1]) {
    return { nativeId: stripGeoPrefix(profile[1]), form: "inference-profile-arn" };
  }
  return { nativeId: stripGeoPrefix(raw), form: "bedrock-model-id" };
}

/**
 * Maps a served id reported by a router on `platformId` to a catalogue model.
 *
 * @param platformId where the router runs: its ids are looked up in that platform's table only.
 * @param raw the id exactly as the response carried it.
 * @returns `mapped` with the catalogue model id, or `unmapped` with the raw id.
 */
export function mapServedModel(platformId: string, raw: string): ServedModelMapping {
  const trimmed = raw.trim();
  if (trimmed === "") return { kind: "unmapped", raw };
  const { nativeId, form } = readForm(platformId, trimmed);
  const modelId = TABLE.get(platformId)?.get(nativeId.toLowerCase());
  if (!modelId) return { kind: "unmapped", raw };
  return { kind: "mapped", raw, modelId, nativeId, form };
}

/**
 * The catalogue model ids of a router's documented pool: each member's served id mapped through
 * the same table as the router's answers, or kept raw when the table does not hold it.
 */
export function routerPoolModelIds(router: NativeRouter): string[] {
  return [
    ...new Set(
      router.pool.map((member) => {
        const mapped = mapServedModel(router.platformId, member.servedId);
        return mapped.kind === "mapped" ? mapped.modelId : member.servedId;
      }),
    ),
  ];
}

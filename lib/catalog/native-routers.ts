/**
 * The clouds' own model routers (and one neutral third-party router), as their providers document
 * them: how each is called, its modes, the pool of models it may pick from and the response field
 * that names the model that answered. Pure data: the emulator simulates these routers from it, the
 * adapters read the served id from the named field, and the served-id table in ./served-models maps
 * what they report back to catalogue models.
 *
 * Where the issue that asked for this and the documentation differ, the documentation wins:
 * - Bedrock: the CDK's own list of default routers names only `anthropic.claude:1` and
 *   `meta.llama:1`; `amazon.nova:1` is taken from a secondary write-up (June 2025) and is marked so.
 * - Vertex: `modelSelectionConfig` is the Gen AI SDK's name; on the wire it is sent as
 *   `generationConfig.modelConfig.featureSelectionPreference` (v1beta1), and the documented pool is
 *   Gemini 2.0 Flash and Gemini 2.5 Pro (preview 03-25), not "the Gemini models" at large.
 * - Foundry: the documentation lists `gpt-4.0` and `gpt-4.0-mini` with versions 2024-11-20 and
 *   2024-07-18: those are the gpt-4o snapshots of those dates, and are recorded as gpt-4o.
 */

/** Where a native router is bought; `openrouter` is the neutral reference, not a cloud. */
export type NativeRouterPlatformId = "aws-bedrock" | "azure-foundry" | "gcp-vertex" | "openrouter";

/** One routing mode a router documents. */
export type NativeRouterMode = {
  /** Crossbench's slug for the mode, e.g. "balanced". */
  id: string;
  /** The provider's own name for it. */
  label: string;
  /** What goes on the wire to select it, or null when it is a deployment setting, not a field. */
  wireValue: string | null;
  isDefault: boolean;
};

/** One model a router may pick, as its provider documents it. */
export type NativeRouterPoolMember = {
  /** The model as the documentation names it. */
  documentedAs: string;
  /** The id the router reports when this model answers (the served-id table maps it). */
  servedId: string;
  /** Preview, registration or own-deployment conditions the documentation attaches, if any. */
  condition?: string;
};

/** A native router: how it is called, what it may pick, and where the served model shows. */
export type NativeRouter = {
  /** Stable slug, `<platform>/<router>`, e.g. "aws-bedrock/anthropic.claude". */
  id: string;
  platformId: NativeRouterPlatformId;
  name: string;
  /**
   * The model id a client calls: a Bedrock prompt-router ARN template (`{region}`, `{account}`),
   * a Foundry deployment name, a Vertex model name or an OpenRouter model id.
   */
  invocationId: string;
  modes: readonly NativeRouterMode[];
  pool: readonly NativeRouterPoolMember[];
  /** False when the source lists only part of the pool (OpenRouter's page shows a sample). */
  isPoolComplete: boolean;
  /** The response field that names the model that answered, in the provider's wire format. */
  servedIdField: string;
  /** The same field in a streamed response. */
  streamServedIdField: string;
  sourceUrls: readonly string[];
  /** The date the sources were read (ISO). */
  readOn: string;
  /** What a reader should know about the source's authority or gaps. */
  note?: string;
};

const READ_ON = "2026-12-06";

// Sources, as found and read on READ_ON.
const BEDROCK_GUIDE = "https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-routing.html";
const BEDROCK_TRACE =
  "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_PromptRouterTrace.html";
const BEDROCK_STREAM_METADATA =
  "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamMetadataEvent.html";
const BEDROCK_CDK_DEFAULTS =
  "https://github.com/aws/aws-cdk/blob/main/packages/@aws-cdk/aws-bedrock-alpha/bedrock/inference-profiles/prompt-router.ts";
const BEDROCK_NOVA_DEFAULT = "https://gist.github.com/srampal/1c712156ae95d4b6911a14eec9b48d11";
const FOUNDRY_HOW_TO = "https://learn.microsoft.com/azure/foundry/openai/how-to/model-router";
const FOUNDRY_POOL =
  "https://github.com/MicrosoftDocs/azure-ai-docs/blob/main/articles/foundry/openai/includes/model-router-supported.md";
const FOUNDRY_HOW_IT_WORKS = "https://learn.microsoft.com/azure/foundry/model-router/how-it-works";
const VERTEX_OPTIMIZER =
  "https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/vertex-ai-model-optimizer";
const VERTEX_PREFERENCE =
  "https://googleapis.github.io/js-genai/release_docs/enums/types.FeatureSelectionPreference.html";
const OPENROUTER_AUTO = "https://openrouter.ai/openrouter/auto";

/** Bedrock prompt routers have no modes: a configured router's quality threshold plays that part. */
const BEDROCK_MODES: readonly NativeRouterMode[] = [
  { id: "default", label: "Default", wireValue: null, isDefault: true },
];

const BEDROCK_TRACE_FIELD = "trace.promptRouter.invokedModelId";
const BEDROCK_STREAM_FIELD = "metadata.trace.promptRouter.invokedModelId";

function bedrockDefaultRouter(
  family: string,
  name: string,
  pool: NativeRouterPoolMember[],
  sourceUrls: string[],
  note?: string,
): NativeRouter {
  return {
    id: `aws-bedrock/${family}`,
    platformId: "aws-bedrock",
    name,
    invocationId: `arn:aws:bedrock:{region}:{account}:default-prompt-router/${family}:1`,
    modes: BEDROCK_MODES,
    pool,
    isPoolComplete: true,
    servedIdField: BEDROCK_TRACE_FIELD,
    streamServedIdField: BEDROCK_STREAM_FIELD,
    sourceUrls: [BEDROCK_GUIDE, BEDROCK_TRACE, BEDROCK_STREAM_METADATA, ...sourceUrls],
    readOn: READ_ON,
    ...(note ? { note } : {}),
  };
}

function foundryMember(model: string, version: string, condition?: string) {
  // Foundry reports dated OpenAI snapshots as `<model>-<version>` (e.g. gpt-5-mini-2025-08-07);
  // models whose version is a plain number are reported by name.
  const servedId = /^\d{4}-\d{2}-\d{2}$/.test(version) ? `${model}-${version}` : model;
  return { documentedAs: `${model} ${version}`, servedId, ...(condition ? { condition } : {}) };
}

const PREVIEW = "model router support in preview";
const OWN_DEPLOYMENT = "preview; the Claude model must be deployed in the same resource";

/** Every native router Crossbench knows, in the order the Routing page lists them. */
export const NATIVE_ROUTERS: readonly NativeRouter[] = [
  bedrockDefaultRouter(
    "anthropic.claude",
    "Bedrock Intelligent Prompt Routing: Anthropic default router",
    [
      {
        documentedAs: "Claude 3 Haiku",
        servedId: "anthropic.claude-3-haiku-20240307-v1:0",
      },
      {
        documentedAs: "Claude 3.5 Sonnet",
        servedId: "anthropic.claude-3-5-sonnet-20240620-v1:0",
      },
    ],
    [BEDROCK_CDK_DEFAULTS],
  ),
  bedrockDefaultRouter(
    "meta.llama",
    "Bedrock Intelligent Prompt Routing: Meta default router",
    [
      { documentedAs: "Llama 3.1 8B Instruct", servedId: "meta.llama3-1-8b-instruct-v1:0" },
      { documentedAs: "Llama 3.1 70B Instruct", servedId: "meta.llama3-1-70b-instruct-v1:0" },
    ],
    [BEDROCK_CDK_DEFAULTS],
  ),
  bedrockDefaultRouter(
    "amazon.nova",
    "Bedrock Intelligent Prompt Routing: Amazon default router",
    [
      { documentedAs: "Nova Lite", servedId: "amazon.nova-lite-v1:0" },
      { documentedAs: "Nova Pro", servedId: "amazon.nova-pro-v1:0" },
    ],
    [BEDROCK_NOVA_DEFAULT],
    "AWS's CDK lists only the Anthropic and Meta default routers; the Nova default router and its " +
      "two models come from a third-party write-up (June 2025) and the user guide's model table.",
  ),
  {
    id: "azure-foundry/model-router",
    platformId: "azure-foundry",
    name: "Microsoft Foundry model router",
    invocationId: "model-router",
    modes: [
      { id: "balanced", label: "Balanced", wireValue: null, isDefault: true },
      { id: "quality", label: "Quality", wireValue: null, isDefault: false },
      { id: "cost", label: "Cost", wireValue: null, isDefault: false },
    ],
    // Model router version 2025-11-18 (latest), as the supported-models table lists it.
    pool: [
      foundryMember("gpt-4o", "2024-11-20"),
      foundryMember("gpt-4o-mini", "2024-07-18"),
      foundryMember("gpt-4.1", "2025-04-14"),
      foundryMember("gpt-4.1-mini", "2025-04-14"),
      foundryMember("gpt-4.1-nano", "2025-04-14"),
      foundryMember("o4-mini", "2025-04-16"),
      foundryMember("gpt-5-nano", "2025-08-07"),
      foundryMember("gpt-5-mini", "2025-08-07"),
      foundryMember("gpt-5", "2025-08-07"),
      foundryMember("gpt-5-chat", "2025-08-07"),
      foundryMember("gpt-5.2", "2025-12-11"),
      foundryMember("gpt-5.2-chat", "2025-12-11"),
      foundryMember("gpt-5.3-chat", "2026-03-03"),
      foundryMember("gpt-5.4-nano", "2026-03-17"),
      foundryMember("gpt-5.4-mini", "2026-03-17"),
      foundryMember("gpt-5.4", "2026-03-05"),
      foundryMember("gpt-5.5", "2026-04-24"),
      foundryMember("DeepSeek-V3.1", "1", PREVIEW),
      foundryMember("DeepSeek-V3.2", "1", PREVIEW),
      foundryMember("gpt-oss-120b", "1", PREVIEW),
      foundryMember("Llama-4-Maverick-17B-128E-Instruct-FP8", "1", PREVIEW),
      foundryMember("grok-4", "1", PREVIEW),
      foundryMember("grok-4-fast-reasoning", "1", PREVIEW),
      foundryMember("claude-haiku-4-5", "20251001", OWN_DEPLOYMENT),
      foundryMember("claude-sonnet-4-5", "20250929", OWN_DEPLOYMENT),
      foundryMember("claude-opus-4-1", "20250805", OWN_DEPLOYMENT),
      foundryMember("claude-opus-4-6", "1", OWN_DEPLOYMENT),
      foundryMember("claude-opus-4-7", "1", OWN_DEPLOYMENT),
    ],
    isPoolComplete: true,
    servedIdField: "model",
    streamServedIdField: "model (every chunk)",
    sourceUrls: [FOUNDRY_HOW_TO, FOUNDRY_POOL, FOUNDRY_HOW_IT_WORKS],
    readOn: READ_ON,
    note:
      "The routing mode and model subset are deployment settings, not request fields. The " +
      "documented example response names a dated snapshot (gpt-5-mini-2025-08-07); how Foundry " +
      "spells the non-OpenAI models in `model` is not documented, so their served ids are the " +
      "documented names.",
  },
  {
    id: "gcp-vertex/model-optimizer",
    platformId: "gcp-vertex",
    name: "Vertex AI Model Optimizer",
    invocationId: "model-optimizer-exp-04-09",
    modes: [
      {
        id: "quality",
        label: "Prioritize quality",
        wireValue: "PRIORITIZE_QUALITY",
        isDefault: false,
      },
      { id: "balanced", label: "Balanced", wireValue: "BALANCED", isDefault: true },
      { id: "cost", label: "Prioritize cost", wireValue: "PRIORITIZE_COST", isDefault: false },
    ],
    pool: [
      { documentedAs: "Gemini 2.0 Flash (GA)", servedId: "gemini-2.0-flash-001" },
      {
        documentedAs: "Gemini 2.5 Pro (preview, 03-25)",
        servedId: "gemini-2.5-pro-preview-03-25",
      },
    ],
    isPoolComplete: true,
    servedIdField: "modelVersion",
    streamServedIdField: "modelVersion (every chunk)",
    sourceUrls: [VERTEX_OPTIMIZER, VERTEX_PREFERENCE],
    readOn: READ_ON,
    note:
      "Preview, v1beta1 API. The mode travels as generationConfig.modelConfig." +
      "featureSelectionPreference (the SDK's modelSelectionConfig).",
  },
  {
    id: "openrouter/auto",
    platformId: "openrouter",
    name: "OpenRouter Auto Router",
    invocationId: "openrouter/auto",
    modes: [{ id: "auto", label: "Auto", wireValue: null, isDefault: true }],
    // The first models of the list on the model page; the page lists more and changes often.
    pool: [
      "anthropic/claude-haiku-4.5",
      "anthropic/claude-opus-4.6",
      "anthropic/claude-sonnet-4.5",
      "anthropic/claude-sonnet-4.6",
      "deepseek/deepseek-r1",
      "google/gemini-2.5-flash-lite",
      "google/gemini-3-flash-preview",
      "google/gemini-3-pro-preview",
      "google/gemini-3.1-pro-preview",
      "meta-llama/llama-3.3-70b-instruct",
      "minimax/minimax-m2.5",
      "mistralai/codestral-2508",
      "mistralai/mistral-large",
      "mistralai/mistral-medium-3.1",
      "mistralai/mistral-small-3.2-24b-instruct-2506",
      "moonshotai/kimi-k2-thinking",
      "moonshotai/kimi-k2.5",
      "openai/gpt-5",
      "openai/gpt-5-mini",
      "openai/gpt-5-nano",
      "openai/gpt-5.1",
    ].map((id) => ({ documentedAs: id, servedId: id })),
    isPoolComplete: false,
    servedIdField: "model",
    streamServedIdField: "model (every chunk)",
    sourceUrls: [OPENROUTER_AUTO],
    readOn: READ_ON,
    note: "Priced at the routed model's rate, with no router charge, as the model page says.",
  },
];

const BY_ID: ReadonlyMap<string, NativeRouter> = new Map(
  NATIVE_ROUTERS.map((router) => [router.id, router]),
);

/** A native router by its slug; null for an id Crossbench does not know. */
export function getNativeRouter(id: string): NativeRouter | null {
  return BY_ID.get(id) ?? null;
}

/** The router's default mode (every router documents exactly one). */
export function getDefaultMode(router: NativeRouter): NativeRouterMode {
  const mode = router.modes.find((candidate) => candidate.isDefault) ?? router.modes[0];
  if (!mode) throw new Error(`native router ${router.id} has no modes`);
  return mode;
}

/** A Bedrock prompt-router ARN, parsed. */
export type PromptRouterArn = {
  region: string;
  account: string;
  /** `default` for Amazon's pre-configured routers, `configured` for a customer's own. */
  kind: "default" | "configured";
  /** `anthropic.claude:1` for a default router, the router id for a configured one. */
  resourceId: string;
};

// Documented patterns: PromptRouterSummary.promptRouterArn (default-prompt-router/…) and the
// configured routers' `prompt-router/<id>`.
const PROMPT_ROUTER_ARN =
  /^arn:aws(?:-[a-z-]+)?:bedrock:([a-z0-9-]{1,20}):(\d{12}):(default-prompt-router|prompt-router)\/([a-zA-Z0-9-:.]+)$/;

/** Parses a Bedrock prompt-router ARN; null when `modelId` is not one. */
export function parsePromptRouterArn(modelId: string): PromptRouterArn | null {
  const match = PROMPT_ROUTER_ARN.exec(modelId);
  if (!match) return null;
  const [, region = "", account = "", resource = "", resourceId = ""] = match;
  return {
    region,
    account,
    kind: resource === "default-prompt-router" ? "default" : "configured",
    resourceId,
  };
}

/** The native router a Bedrock model id invokes, when it is a known default router's ARN. */
export function findBedrockDefaultRouter(modelId: string): NativeRouter | null {
  const arn = parsePromptRouterArn(modelId);
  if (arn?.kind !== "default") return null;
  const family = arn.resourceId.replace(/:\d+$/, "");
  return getNativeRouter(`aws-bedrock/${family}`);
}

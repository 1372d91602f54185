/**
 * The platform registry: every platform Crossbench knows, in one table. The catalogue seed, the
 * importers, the credential forms, the router's adapters, the emulator and the lock-in model read
 * their per-platform facts from here, so adding a platform is one entry below (plus an adapter
 * when it speaks an API no adapter speaks yet), and any table keyed by {@link PlatformId} that
 * misses it fails to compile.
 */
import type { ApiStyle, PlatformFact } from "./types";

/**
 * The kinds of credential a platform takes. A kind also names the platform's API family: which
 * adapters can call it, which environment variables configure it and which wire format the
 * emulator speaks for it.
 */
export const CREDENTIAL_KINDS = [
  "openai",
  "anthropic",
  "bedrock",
  "azure",
  "vertex",
  "google-ai",
  "openai-compatible",
] as const;

/** One kind of credential, e.g. "bedrock" (a region plus an API key or an access key). */
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** What the registry records about one platform: its catalogue facts, and how it is called. */
type PlatformSpec = PlatformFact & {
  /** Every API style the platform serves some model through. */
  apiStyles: readonly ApiStyle[];
  /**
   * The platform's main API style: the one an imported offering is listed under unless its vendor
   * or endpoint says otherwise and, on a simulated platform, one the emulator answers.
   */
  defaultApiStyle: ApiStyle;
  /**
   * An OpenAI-compatible platform with one public endpoint for every account: its base URL and
   * the environment variable that holds its API key. Absent where the endpoint is per account or
   * per server (a gateway URL, a self-hosted server), so it must be configured.
   */
  publicEndpoint?: { baseUrl: string; apiKeyEnv: string };
} & (
    | {
        credentialKind: CredentialKind;
        /** The emulator's path prefix for the platform, or null when it is not simulated. */
        emulatorPath: string | null;
      }
    | {
        /** No credentials can be configured: Crossbench cannot call the platform yet. */
        credentialKind: null;
        emulatorPath: null;
      }
  );

/** Every platform, in the order the catalogue lists them. */
export const PLATFORMS = [
  {
    id: "aws-bedrock",
    name: "AWS Bedrock",
    kind: "cloud",
    owner: "Amazon",
    homepageUrl: "https://aws.amazon.com/bedrock/",
    sourceUrl: "https://aws.amazon.com/bedrock/pricing/",
    apiStyles: [
      "bedrock-converse",
      "bedrock-invoke",
      "anthropic-messages",
      "openai-compatible",
      "openai-responses",
    ],
    defaultApiStyle: "bedrock-converse",
    credentialKind: "bedrock",
    emulatorPath: "bedrock",
  },
  {
    id: "azure-foundry",
    name: "Azure AI Foundry",
    kind: "cloud",
    owner: "Microsoft",
    homepageUrl: "https://azure.microsoft.com/products/ai-foundry",
    sourceUrl: "https://azure.microsoft.com/pricing/details/cognitive-services/openai-service/",
    apiStyles: ["azure-openai", "openai-compatible", "openai-responses", "anthropic-messages"],
    defaultApiStyle: "azure-openai",
    credentialKind: "azure",
    emulatorPath: "azure",
  },
  {
    id: "gcp-vertex",
    name: "Google Vertex AI",
    kind: "cloud",
    owner: "Google",
    homepageUrl: "https://cloud.google.com/vertex-ai",
    sourceUrl: "https://cloud.google.com/vertex-ai/generative-ai/pricing",
    apiStyles: ["vertex-generate", "anthropic-messages", "openai-compatible"],
    defaultApiStyle: "vertex-generate",
    credentialKind: "vertex",
    emulatorPath: "vertex",
  },
  {
    id: "oci-genai",
    name: "OCI Generative AI",
    kind: "cloud",
    owner: "Oracle",
    homepageUrl:
      "https://www.oracle.com/artificial-intelligence/generative-ai/generative-ai-service/",
    sourceUrl: "https://www.oracle.com/cloud/price-list/",
    apiStyles: ["openai-compatible", "cohere-chat"],
    defaultApiStyle: "openai-compatible",
    credentialKind: "openai-compatible",
    emulatorPath: "oci-genai",
  },
  {
    id: "ibm-watsonx",
    name: "IBM watsonx.ai",
    kind: "cloud",
    owner: "IBM",
    homepageUrl: "https://www.ibm.com/products/watsonx-ai",
    sourceUrl: "https://www.ibm.com/products/watsonx-ai/pricing",
    apiStyles: ["openai-compatible"],
    defaultApiStyle: "openai-compatible",
    credentialKind: "openai-compatible",
    emulatorPath: "ibm-watsonx",
  },
  {
    id: "snowflake-cortex",
    name: "Snowflake Cortex AI",
    kind: "cloud",
    owner: "Snowflake",
    homepageUrl: "https://www.snowflake.com/en/product/features/cortex/",
    sourceUrl: "https://www.snowflake.com/legal-files/CreditConsumptionTable.pdf",
    apiStyles: ["openai-compatible"],
    defaultApiStyle: "openai-compatible",
    credentialKind: "openai-compatible",
    emulatorPath: "snowflake-cortex",
  },
  {
    id: "databricks",
    name: "Databricks Model Serving",
    kind: "cloud",
    owner: "Databricks",
    homepageUrl: "https://www.databricks.com/product/model-serving",
    sourceUrl: "https://www.databricks.com/product/pricing/foundation-model-serving",
    apiStyles: ["openai-compatible"],
    defaultApiStyle: "openai-compatible",
    credentialKind: "openai-compatible",
    emulatorPath: "databricks",
  },
  {
    id: "openai",
    name: "OpenAI API",
    kind: "vendor_api",
    owner: "OpenAI",
    homepageUrl: "https://platform.openai.com/",
    sourceUrl: "https://openai.com/api/pricing/",
    apiStyles: ["openai-compatible", "openai-responses"],
    defaultApiStyle: "openai-compatible",
    credentialKind: "openai",
    emulatorPath: "openai",
  },
  {
    id: "anthropic",
    name: "Anthropic API",
    kind: "vendor_api",
    owner: "Anthropic",
    homepageUrl: "https://www.anthropic.com/api",
    sourceUrl: "https://www.anthropic.com/pricing",
    apiStyles: ["anthropic-messages", "openai-compatible"],
    defaultApiStyle: "anthropic-messages",
    credentialKind: "anthropic",
    emulatorPath: "anthropic",
  },
  {
    id: "google-ai",
    name: "Google AI (Gemini API)",
    kind: "vendor_api",
    owner: "Google",
    homepageUrl: "https://ai.google.dev/",
    sourceUrl: "https://ai.google.dev/gemini-api/docs/pricing",
    apiStyles: ["gemini-api", "openai-compatible"],
    defaultApiStyle: "gemini-api",
    credentialKind: "google-ai",
    // The emulator does not speak the Gemini API.
    emulatorPath: null,
  },
  {
    id: "mistral",
    name: "Mistral AI API",
    kind: "vendor_api",
    owner: "Mistral AI",
    homepageUrl: "https://mistral.ai/",
    sourceUrl: "https://mistral.ai/pricing",
    apiStyles: ["mistral-chat", "openai-compatible"],
    defaultApiStyle: "openai-compatible",
    credentialKind: "openai-compatible",
    emulatorPath: "mistral",
  },
  {
    id: "cohere",
    name: "Cohere API",
    kind: "vendor_api",
    owner: "Cohere",
    homepageUrl: "https://cohere.com/",
    sourceUrl: "https://cohere.com/pricing",
    apiStyles: ["cohere-chat", "openai-compatible"],
    defaultApiStyle: "cohere-chat",
    credentialKind: null,
    emulatorPath: null,
  },
  {
    id: "deepseek",
    name: "DeepSeek API",
    kind: "vendor_api",
    owner: "DeepSeek",
    homepageUrl: "https://platform.deepseek.com/",
    sourceUrl: "https://api-docs.deepseek.com/quick_start/pricing",
    apiStyles: ["openai-compatible", "anthropic-messages"],
    defaultApiStyle: "openai-compatible",
    credentialKind: null,
    emulatorPath: null,
  },
  {
    id: "xai",
    name: "xAI API",
    kind: "vendor_api",
    owner: "xAI",
    homepageUrl: "https://x.ai/api",
    sourceUrl: "https://docs.x.ai/docs/models",
    apiStyles: ["openai-compatible", "openai-responses"],
    defaultApiStyle: "openai-compatible",
    credentialKind: null,
    emulatorPath: null,
  },
  {
    // OpenRouter resells other vendors' models through one API; Crossbench calls it for its auto
    // router, the neutral reference the clouds' own routers are measured against. Its kind is
    // "vendor_api" because that is what it is to every reader of the kind: a hosted API paid per
    // token, with no infrastructure, regions or egress of its own (not "cloud", which Routing
    // counts as a cloud, and not a server you run). A kind of its own ("aggregator") would need a
    // PostgreSQL enum migration and a branch in every reader, for no difference in behaviour.
    // The curated seed lists no offerings here (OpenRouter's per-model prices are not in it), so
    // a trial of its router costs null, not 0, unless the catalogue gains an offering on it.
    id: "openrouter",
    name: "OpenRouter",
    kind: "vendor_api",
    owner: "OpenRouter",
    homepageUrl: "https://openrouter.ai/",
    sourceUrl: "https://openrouter.ai/models",
    apiStyles: ["openai-compatible"],
    defaultApiStyle: "openai-compatible",
    credentialKind: "openai-compatible",
    emulatorPath: "openrouter",
    // The base URL and key variable of OpenRouter's own sample code for its auto router, on
    // https://openrouter.ai/openrouter/auto/api.
    publicEndpoint: { baseUrl: "https://openrouter.ai/api/v1", apiKeyEnv: "OPENROUTER_API_KEY" },
  },
  {
    id: "self-hosted",
    name: "Self-hosted (OpenAI-compatible)",
    kind: "self_hosted",
    owner: "Your organisation",
    homepageUrl: null,
    sourceUrl: "https://platform.openai.com/docs/api-reference/chat",
    apiStyles: ["openai-compatible"],
    defaultApiStyle: "openai-compatible",
    credentialKind: "openai-compatible",
    emulatorPath: "self-hosted",
  },
] as const satisfies readonly PlatformSpec[];

type PlatformEntry = (typeof PLATFORMS)[number];

/** A platform id the registry knows, e.g. "aws-bedrock". */
export type PlatformId = PlatformEntry["id"];

/** One registry entry. */
export type Platform = PlatformSpec & { id: PlatformId };

/** A platform owner the registry knows, e.g. "Amazon". */
export type PlatformOwner = PlatformEntry["owner"];

/** The registry entry of a platform the emulator simulates. */
export type EmulatedPlatformEntry = Extract<PlatformEntry, { emulatorPath: string }>;

/** A platform the emulator simulates. */
export type EmulatedPlatformId = EmulatedPlatformEntry["id"];

const BY_ID: ReadonlyMap<string, Platform> = new Map(
  PLATFORMS.map((platform) => [platform.id, platform]),
);

/** Whether `id` is a platform the registry knows. */
export function isPlatformId(id: string): id is PlatformId {
  return BY_ID.has(id);
}

/** The registry entry of a platform; null for an id the registry does not know. */
export function getPlatform(id: PlatformId): Platform;
export function getPlatform(id: string): Platform | null;
export function getPlatform(id: string): Platform | null {
  return BY_ID.get(id) ?? null;
}

/** The credential kind a platform takes; null when it is unknown or cannot be configured. */
export function getCredentialKind(platformId: string): CredentialKind | null {
  return getPlatform(platformId)?.credentialKind ?? null;
}

/** The platforms the emulator simulates, in registry order. */
export const EMULATED_PLATFORM_ENTRIES: readonly EmulatedPlatformEntry[] = PLATFORMS.filter(
  (platform): platform is EmulatedPlatformEntry => platform.emulatorPath !== null,
);

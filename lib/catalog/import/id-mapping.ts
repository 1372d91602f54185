/**
 * How provider-specific ids map to Crossbench's canonical catalogue: which platform a source's
 * provider is, and which canonical model (`<vendor>/<normalised name>`) a platform's native id
 * names. Every rule is data in this file so a reader can check it without running the code.
 */
import { getPlatform, type PlatformId } from "../platforms";
import type { ApiStyle } from "../types";

/** LiteLLM `litellm_provider` values Crossbench tracks, and their platform. */
export const LITELLM_PROVIDER_PLATFORMS: Readonly<Record<string, PlatformId>> = {
  bedrock: "aws-bedrock",
  bedrock_converse: "aws-bedrock",
  bedrock_mantle: "aws-bedrock",
  azure: "azure-foundry",
  azure_ai: "azure-foundry",
  vertex_ai: "gcp-vertex",
  openai: "openai",
  anthropic: "anthropic",
  gemini: "google-ai",
  mistral: "mistral",
  oci: "oci-genai",
  watsonx: "ibm-watsonx",
  snowflake: "snowflake-cortex",
  databricks: "databricks",
};

/** models.dev provider ids Crossbench tracks, and their platform. */
export const MODELS_DEV_PROVIDER_PLATFORMS: Readonly<Record<string, PlatformId>> = {
  "amazon-bedrock": "aws-bedrock",
  azure: "azure-foundry",
  "azure-cognitive-services": "azure-foundry",
  "google-vertex": "gcp-vertex",
  "google-vertex-anthropic": "gcp-vertex",
  "snowflake-cortex": "snowflake-cortex",
  databricks: "databricks",
  openai: "openai",
  anthropic: "anthropic",
  google: "google-ai",
  mistral: "mistral",
};

/** The platform of a LiteLLM provider, or null when Crossbench does not track it. */
export function platformForLiteLlmProvider(provider: string): PlatformId | null {
  // LiteLLM splits Vertex into vertex_ai-language-models, vertex_ai-anthropic_models, …
  if (provider.startsWith("vertex_ai-")) {
    return provider.endsWith("-embedding-models") ||
      provider.endsWith("-image-models") ||
      provider.endsWith("-video-models")
      ? null
      : "gcp-vertex";
  }
  return LITELLM_PROVIDER_PLATFORMS[provider] ?? null;
}

/** The platform of a models.dev provider, or null when Crossbench does not track it. */
export function platformForModelsDevProvider(provider: string): PlatformId | null {
  return MODELS_DEV_PROVIDER_PLATFORMS[provider] ?? null;
}

/**
 * Bedrock cross-region inference prefixes (`us.anthropic.claude-…`). The longest first, so that
 * `us-gov.` is not read as `us`.
 */
export const BEDROCK_GEO_PREFIXES = ["us-gov", "global", "apac", "us", "eu", "jp", "au"] as const;

/** Azure deployment types that appear as a path segment (`azure/eu/gpt-5.4`). */
export const AZURE_DEPLOYMENT_ZONES: Readonly<Record<string, string>> = {
  us: "data-zone-us",
  eu: "data-zone-eu",
  global: "global",
  "global-standard": "global-standard",
};

/** An AWS region code (`us-east-1`, `us-gov-west-1`, `ap-southeast-2`). */
export const AWS_REGION_PATTERN = /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/;

/**
 * Id prefixes that name a vendor (`meta.llama3-…` on Bedrock and OCI, `meta/llama-…` on Vertex,
 * `meta-llama/…` on watsonx) and the vendor slug they stand for.
 */
export const VENDOR_PREFIX_ALIASES: Readonly<Record<string, string>> = {
  ai21: "ai21",
  amazon: "amazon",
  anthropic: "anthropic",
  bigscience: "bigscience",
  cohere: "cohere",
  core42: "g42",
  deepseek: "deepseek",
  "deepseek-ai": "deepseek",
  google: "google",
  ibm: "ibm",
  meta: "meta",
  "meta-llama": "meta",
  minimax: "minimax",
  minimaxai: "minimax",
  mistral: "mistral",
  mistralai: "mistral",
  moonshot: "moonshotai",
  moonshotai: "moonshotai",
  nvidia: "nvidia",
  openai: "openai",
  qwen: "qwen",
  sdaia: "sdaia",
  twelvelabs: "twelvelabs",
  writer: "writer",
  xai: "xai",
  zai: "zai",
  "zai-org": "zai",
};

/** Vendors recognised from the model name when the id carries no vendor prefix. First match wins. */
export const VENDOR_NAME_RULES: readonly { pattern: RegExp; vendor: string }[] = [
  { pattern: /^claude/, vendor: "anthropic" },
  {
    pattern: /^(gpt|o\d|chatgpt|codex|computer-use|text-davinci|davinci|babbage)/,
    vendor: "openai",
  },
  { pattern: /^(gemini|gemma|learnlm|medlm|text-unicorn|lyria)/, vendor: "google" },
  {
    pattern:
      /^(mistral|mixtral|codestral|devstral|magistral|ministral|pixtral|open-mistral|open-mixtral|open-codestral|voxtral|labs-devstral)/,
    vendor: "mistral",
  },
  { pattern: /^(llama|meta-llama)/, vendor: "meta" },
  { pattern: /^(phi-|mai-)/, vendor: "microsoft" },
  { pattern: /^deepseek/, vendor: "deepseek" },
  { pattern: /^grok/, vendor: "xai" },
  { pattern: /^(command|c4ai|aya)/, vendor: "cohere" },
  { pattern: /^(jamba|j2-)/, vendor: "ai21" },
  { pattern: /^kimi/, vendor: "moonshotai" },
  { pattern: /^qwen/, vendor: "qwen" },
  { pattern: /^glm/, vendor: "zai" },
  { pattern: /^minimax/, vendor: "minimax" },
  { pattern: /^(nova|titan)/, vendor: "amazon" },
  { pattern: /^granite/, vendor: "ibm" },
  { pattern: /^(snowflake|arctic)/, vendor: "snowflake" },
  { pattern: /^(jais)/, vendor: "g42" },
  { pattern: /^(mpt|dbrx)/, vendor: "databricks" },
  { pattern: /^nemotron/, vendor: "nvidia" },
  { pattern: /^palmyra/, vendor: "writer" },
];

/** Platform-name prefixes some platforms put before the model name (`databricks-claude-…`). */
const PLATFORM_NAME_PREFIXES = ["databricks-"];

/** Vendor-name prefixes some platforms put before the model name (`openai-gpt-5` on Snowflake). */
const VENDOR_NAME_PREFIXES: Readonly<Record<string, string>> = {
  "openai-": "openai",
  "cohere-": "cohere",
};

/**
 * Exceptions to the normalisation rules, keyed by the name after vendor and version suffixes are
 * removed: ids whose shape the rules would read wrongly.
 */
export const CANONICAL_NAME_OVERRIDES: Readonly<Record<string, string>> = {
  "claude-v1": "claude-1",
  "claude-v2": "claude-2",
  "claude-v2:1": "claude-2.1",
  "claude-instant-v1": "claude-instant-1",
  "claude-4-opus": "claude-opus-4",
  "claude-4-sonnet": "claude-sonnet-4",
  "gpt-35-turbo": "gpt-3.5-turbo",
  "gpt-35-turbo-16k": "gpt-3.5-turbo-16k",
  "llama2-13b-chat": "llama-2-13b-chat",
  "llama2-70b-chat": "llama-2-70b-chat",
};

/** Families whose versions some platforms write with dashes (`claude-sonnet-4-5`, `gemini-2-5-pro`). */
const DOTTED_VERSION_FAMILIES =
  /^(claude|gemini|gemma|llama|gpt|jamba|nova|mistral|magistral|kimi|glm|qwen|phi|grok|deepseek)/;

/**
 * Vendors whose models are open-weight unless listed otherwise, and the families of other vendors
 * that are open-weight. Matched against the canonical model name.
 */
export const OPEN_WEIGHT_RULES: readonly { vendor: string; pattern: RegExp }[] = [
  { vendor: "meta", pattern: /./ },
  { vendor: "deepseek", pattern: /./ },
  { vendor: "qwen", pattern: /./ },
  { vendor: "zai", pattern: /./ },
  { vendor: "moonshotai", pattern: /./ },
  { vendor: "minimax", pattern: /./ },
  { vendor: "ibm", pattern: /^granite/ },
  { vendor: "nvidia", pattern: /./ },
  { vendor: "google", pattern: /^gemma/ },
  { vendor: "openai", pattern: /^gpt-oss/ },
  { vendor: "microsoft", pattern: /^phi/ },
  { vendor: "ai21", pattern: /^jamba/ },
  {
    vendor: "mistral",
    pattern:
      /^(mistral-7b|mixtral|open-|mistral-nemo|mistral-small|ministral|pixtral-12b|devstral-small|devstral-2|magistral-small|codestral-mamba|mistral-large-3|voxtral)/,
  },
];

/** Whether a canonical model (vendor + normalised name) is open-weight, by the rule table. */
export function isOpenWeight(vendor: string, name: string): boolean {
  return OPEN_WEIGHT_RULES.some((rule) => rule.vendor === vendor && rule.pattern.test(name));
}

/**
 * The API styles a platform serves an imported offering through: the platform's default style
 * unless the offering's vendor or endpoint decides otherwise.
 */
export function apiStylesFor(
  platformId: PlatformId,
  options: { vendor: string; isMantle?: boolean },
): ApiStyle[] {
  const isClaude = options.vendor === "anthropic";
  switch (platformId) {
    case "aws-bedrock":
      // Mantle is Bedrock's OpenAI-compatible endpoint; Converse does not serve its models.
      return options.isMantle ? ["openai-compatible"] : ["bedrock-converse"];
    case "azure-foundry":
      // Claude on Foundry runs on Anthropic's infrastructure behind the Messages API.
      return isClaude ? ["anthropic-messages"] : ["azure-openai", "openai-compatible"];
    case "gcp-vertex":
      return isClaude ? ["vertex-generate", "anthropic-messages"] : ["vertex-generate"];
    case "openai":
      return ["openai-compatible", "openai-responses"];
    case "google-ai":
      return ["gemini-api", "openai-compatible"];
    default:
      return [getPlatform(platformId).defaultApiStyle];
  }
}

/** A canonical model as the rules read it from a native id. */
export type CanonicalModel = {
  /** `<vendor>/<name>`, e.g. "anthropic/claude-sonnet-4.5". */
  id: string;
  vendor: string;
  /** The normalised model name, e.g. "claude-sonnet-4.5". */
  name: string;
};

/** Splits a vendor prefix (`meta.`, `meta/`, `meta-llama/`) off a native id, when there is one. */
function splitVendorPrefix(id: string): { vendor: string | null; rest: string } {
  const slash = id.lastIndexOf("/");
  if (slash > 0) {
    const publisher = id.slice(0, slash).split("/").pop() ?? "";
    return { vendor: VENDOR_PREFIX_ALIASES[publisher] ?? publisher, rest: id.slice(slash + 1) };
  }
  const dot = id.indexOf(".");
  if (dot > 0) {
    const head = id.slice(0, dot);
    // Bedrock and OCI write `<vendor>.<model>`; a letters-only head is a vendor even when unknown.
    const vendor = VENDOR_PREFIX_ALIASES[head] ?? (/^[a-z]+$/.test(head) ? head : undefined);
    if (vendor) return { vendor, rest: id.slice(dot + 1) };
  }
  return { vendor: null, rest: id };
}

/**
 * Normalises a model name: lower case, no platform version suffixes (`-v1:0`, `@20250929`,
 * `-maas`), no date stamps, versions written with dots (`claude-sonnet-4.5`, `llama-3.1-70b`),
 * and the overrides above.
 */
export function normaliseModelName(
  raw: string,
  options: { isBedrockStyle?: boolean } = {},
): string {
  let name = raw.toLowerCase().trim();
  for (const prefix of PLATFORM_NAME_PREFIXES) {
    if (name.startsWith(prefix)) name = name.slice(prefix.length);
  }
  name = name.replace(/@.*$/, "");
  name = name.replace(/-maas$/, "");
  const overridden = CANONICAL_NAME_OVERRIDES[name];
  if (overridden) return overridden;
  // Bedrock's `-v1:0`, `-v2:0`, `-1:0`, `-v0:2`, `-v1`, `-v14`.
  name = name.replace(/-v?\d+:\d+$/, "");
  // `-v1`, `-v14` end Bedrock ids; elsewhere `-v3` is part of the name (`deepseek-v3`).
  if (options.isBedrockStyle) name = name.replace(/-v\d+$/, "");
  const afterSuffix = CANONICAL_NAME_OVERRIDES[name];
  if (afterSuffix) return afterSuffix;
  // Date stamps: -20250929, -2024-08-06.
  name = name.replace(/-\d{8}$/, "").replace(/-\d{4}-\d{2}-\d{2}$/, "");
  name = name.replace(/-fp8$/, "").replace(/-instruct$/, "");
  name = name.replace(/^meta-llama-/, "llama-").replace(/^llama(\d)/, "llama-$1");
  name = name.replace(/^gpt-35-/, "gpt-3.5-");
  if (name.startsWith("gemma")) name = name.replace(/-it$/, "");
  if (DOTTED_VERSION_FAMILIES.test(name)) {
    // `claude-sonnet-4-5` → `claude-sonnet-4.5`; `-2-5-` in the middle too. Only single digits,
    // so `gpt-4-0613` and `mistral-large-2407` keep their snapshot numbers.
    name = name.replace(/-(\d)-(\d)(?=-|$)/g, "-$1.$2");
  }
  // `claude-4.1-opus` (old order) → `claude-opus-4.1`, as Anthropic names models from 4 on.
  name = name.replace(/^claude-([4-9](?:\.\d)?)-(opus|sonnet|haiku)$/, "claude-$2-$1");
  return CANONICAL_NAME_OVERRIDES[name] ?? name;
}

/** The vendor a bare model name implies, by the name rules; null when none matches. */
export function vendorFromName(name: string): string | null {
  return VENDOR_NAME_RULES.find((rule) => rule.pattern.test(name))?.vendor ?? null;
}

/**
 * The canonical model a native id names (the id without any geo, region or zone prefix), e.g.
 * `anthropic.claude-sonnet-4-5-20250929-v1:0`, `claude-sonnet-4-5-20250929` and
 * `claude-sonnet-4-5@20250929` all give `anthropic/claude-sonnet-4.5`. Unknown vendors are taken
 * from the id's prefix, else from the first word of the name.
 */
export function canonicalModelFor(nativeId: string, fallbackVendor?: string): CanonicalModel {
  const { vendor: prefixVendor, rest } = splitVendorPrefix(nativeId.toLowerCase());
  let bare = rest;
  let prefixed: string | null = null;
  for (const [prefix, vendor] of Object.entries(VENDOR_NAME_PREFIXES)) {
    if (bare.startsWith(prefix)) {
      bare = bare.slice(prefix.length);
      prefixed = vendor;
    }
  }
  const isBedrockStyle = prefixVendor !== null && /^[a-z0-9-]+\./.test(nativeId);
  let name = normaliseModelName(bare, { isBedrockStyle });
  // `deepseek.v3.2`, `deepseek.r1-v1:0`: the vendor prefix was the model name's first word.
  if (prefixVendor && /^[vr]\d/.test(name)) name = `${prefixVendor}-${name}`;
  const vendor =
    prefixVendor ??
    prefixed ??
    vendorFromName(name) ??
    fallbackVendor ??
    (name.split(/[-.]/)[0] || "unknown");
  return { id: `${vendor}/${name}`, vendor, name };
}

/** A family guessed from the name: the words without version or size tokens. */
export function familyFor(name: string): string {
  if (/^o\d/.test(name)) return "o-series";
  if (name.startsWith("gpt-oss")) return "gpt-oss";
  if (name.startsWith("gpt")) return "gpt";
  const words = name
    .split("-")
    .filter((word) => word !== "" && !/\d/.test(word))
    .filter((word) => !["preview", "latest", "instruct", "chat", "exp"].includes(word));
  return words.slice(0, 2).join("-") || name;
}

const UPPER_WORDS = new Set(["gpt", "oss", "glm", "mai", "ds", "vl"]);

/** A display name from the normalised name: "claude-sonnet-4.5" → "Claude Sonnet 4.5". */
export function displayNameFor(name: string): string {
  return name
    .split("-")
    .map((word) =>
      UPPER_WORDS.has(word) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join(" ");
}

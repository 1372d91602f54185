/**
 * Reads LiteLLM's model cost map (`model_prices_and_context_window.json`) into a catalogue batch:
 * one offering per tracked platform and native id, with the canonical models they reference, and
 * every key it leaves out listed with the reason. Pure: the caller fetches and parses the file.
 */
import type { PlatformId } from "../platforms";
import type { CatalogBatch, Capability, ModelFact, OfferingFact, SkippedEntry } from "../types";
import { CatalogImportError } from "./errors";
import {
  AWS_REGION_PATTERN,
  AZURE_DEPLOYMENT_ZONES,
  BEDROCK_GEO_PREFIXES,
  apiStylesFor,
  canonicalModelFor,
  displayNameFor,
  familyFor,
  isOpenWeight,
  platformForLiteLlmProvider,
} from "./id-mapping";

/**
 * Above this input price (USD per 1M tokens) an entry is a data error, not a price. The dearest
 * real text models list about $150; wandb's entries, 10^6 too high, start at $5,000.
 */
export const IMPLAUSIBLE_INPUT_PRICE = 1_000;

/** Modes that are text generation; everything else (embedding, image_generation, …) is skipped. */
const CHAT_MODES = new Set(["chat", "responses"]);

/** Skip reasons, shared with the tests and the CLI report. */
export const SKIP = {
  sampleSpec: "documentation entry (sample_spec)",
  fallbackRules: "routing rules, not a model (fallback_generalizations)",
  notTracked: "provider not tracked",
  notChat: (mode: string) => `not a chat model (mode: ${mode})`,
  provisioned: "provisioned throughput (not per-token)",
  missingPrices: "missing prices",
  implausible: "implausible price",
  fineTuned: "fine-tuned model price (not a base model)",
  duplicate: "duplicate of another key for the same platform and native id",
  regionalPrice: "regional price differs from the offering's price",
} as const;

const PRICE_FIELDS = {
  input: "input_cost_per_token",
  output: "output_cost_per_token",
  cachedInput: "cache_read_input_token_cost",
  batchInput: "input_cost_per_token_batches",
  batchOutput: "output_cost_per_token_batches",
} as const;

const CAPABILITY_FIELDS: readonly [string, Capability][] = [
  ["supports_function_calling", "tools"],
  ["supports_response_schema", "json-mode"],
  ["supports_vision", "vision"],
  ["supports_prompt_caching", "prompt-caching"],
  ["supports_reasoning", "reasoning"],
];

type Entry = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** USD per token → USD per 1M tokens, rounded to the database's 6 decimals. */
export function perMillion(perToken: number): number {
  return Math.round(perToken * 1e12) / 1e6;
}

function price(entry: Entry, field: string, key: string): number | null {
  const value = entry[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new CatalogImportError(`${key}: ${field} is not a number (${JSON.stringify(value)}).`, {
      key,
    });
  }
  return perMillion(value);
}

function tokens(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null;
}

/** Where a LiteLLM key points on its platform: the native id, and any region or zone it pins. */
export type NativeLocation = {
  nativeId: string;
  regions: string[];
  isMantle: boolean;
  /** True for a `bedrock/<region>/…` key (a regional variant of the plain id). */
  isRegional: boolean;
};

/** Reads the native id and regions out of a LiteLLM key on a tracked platform. */
export function locateNativeId(
  key: string,
  provider: string,
  platformId: PlatformId,
): NativeLocation {
  let id = key;
  const regions: string[] = [];
  let isRegional = false;
  const isMantle = provider === "bedrock_mantle";
  const providerPrefix = `${provider}/`;
  if (id.startsWith(providerPrefix)) id = id.slice(providerPrefix.length);
  if (platformId === "aws-bedrock") {
    for (const prefix of ["bedrock/", "bedrock_converse/", "converse/", "invoke/"]) {
      if (id.startsWith(prefix)) id = id.slice(prefix.length);
    }
    const [first, ...rest] = id.split("/");
    if (
      first !== undefined &&
      rest.length > 0 &&
      (first === "*" || AWS_REGION_PATTERN.test(first))
    ) {
      if (first !== "*") regions.push(first);
      id = rest.join("/");
      isRegional = true;
    }
    const geo = BEDROCK_GEO_PREFIXES.find((prefix) => id.startsWith(`${prefix}.`));
    if (geo) regions.push(geo);
  } else if (platformId === "azure-foundry") {
    for (const prefix of ["azure/", "azure_ai/"]) {
      if (id.startsWith(prefix)) id = id.slice(prefix.length);
    }
    const [first, ...rest] = id.split("/");
    const zone = first === undefined ? undefined : AZURE_DEPLOYMENT_ZONES[first];
    if (zone && rest.length > 0) regions.push(zone);
  } else if (platformId === "gcp-vertex") {
    if (id.startsWith("vertex_ai/")) id = id.slice("vertex_ai/".length);
  } else {
    const platformPrefixes: Partial<Record<PlatformId, string>> = {
      "google-ai": "gemini/",
      mistral: "mistral/",
      "oci-genai": "oci/",
      "ibm-watsonx": "watsonx/",
      "snowflake-cortex": "snowflake/",
      databricks: "databricks/",
    };
    const prefix = platformPrefixes[platformId];
    if (prefix && id.startsWith(prefix)) id = id.slice(prefix.length);
  }
  return { nativeId: id, regions, isMantle, isRegional };
}

/** The id the canonical model is read from: the native id without geo or zone prefixes. */
function modelPartOf(location: NativeLocation, platformId: PlatformId): string {
  let id = location.nativeId;
  if (platformId === "aws-bedrock") {
    const geo = BEDROCK_GEO_PREFIXES.find((prefix) => id.startsWith(`${prefix}.`));
    if (geo) id = id.slice(geo.length + 1);
  }
  if (platformId === "azure-foundry") {
    const [first, ...rest] = id.split("/");
    if (first !== undefined && AZURE_DEPLOYMENT_ZONES[first] && rest.length > 0) {
      id = rest.join("/");
    }
  }
  return id;
}

/** The vendor to assume for names no rule recognises, by the platform that sells them. */
const PLATFORM_DEFAULT_VENDOR: Readonly<Partial<Record<PlatformId, string>>> = {
  openai: "openai",
  anthropic: "anthropic",
  "google-ai": "google",
  "gcp-vertex": "google",
  mistral: "mistral",
};

function lifecycleOf(
  entry: Entry,
  takenAt: string,
): Pick<OfferingFact, "lifecycle" | "deprecationDate"> {
  const date = entry.deprecation_date;
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return { lifecycle: "ga", deprecationDate: null };
  }
  return {
    lifecycle: date < takenAt.slice(0, 10) ? "retired" : "deprecated",
    deprecationDate: date,
  };
}

function samePrices(a: OfferingFact["prices"], b: OfferingFact["prices"]): boolean {
  return (
    a.input === b.input &&
    a.output === b.output &&
    a.cachedInput === b.cachedInput &&
    a.batchInput === b.batchInput &&
    a.batchOutput === b.batchOutput
  );
}

/**
 * Parses LiteLLM's cost map.
 *
 * @param json the parsed file
 * @param options.sourceUrl where the file came from (on every fact)
 * @param options.takenAt ISO date the file is as of; deprecation dates before it mean "retired"
 * @throws CatalogImportError when the file is not an object, a key's value is not an object, or a
 *   price is not a number
 */
export function parseLiteLlm(
  json: unknown,
  options: { sourceUrl: string; takenAt: string },
): CatalogBatch {
  if (!isRecord(json)) {
    throw new CatalogImportError("The LiteLLM file is not a JSON object of model keys.");
  }
  const skipped: SkippedEntry[] = [];
  const models = new Map<string, ModelFact>();
  const offerings = new Map<string, OfferingFact>();
  // Plain ids first, so a `bedrock/<region>/…` variant adds its region to the plain offering.
  const entries = Object.entries(json);
  const ordered = [
    ...entries.filter(([key]) => !/^bedrock\/[^/]+\//.test(key)),
    ...entries.filter(([key]) => /^bedrock\/[^/]+\//.test(key)),
  ];

  for (const [key, value] of ordered) {
    if (key === "sample_spec") {
      skipped.push({ key, reason: SKIP.sampleSpec });
      continue;
    }
    if (key === "fallback_generalizations") {
      skipped.push({ key, reason: SKIP.fallbackRules });
      continue;
    }
    if (!isRecord(value)) {
      throw new CatalogImportError(`${key}: the value is not an object.`, { key });
    }
    // Checked before the provider, so that wandb's per-token prices (10^6 too high) show as such.
    const rawInput = value[PRICE_FIELDS.input];
    if (typeof rawInput === "number" && perMillion(rawInput) > IMPLAUSIBLE_INPUT_PRICE) {
      skipped.push({ key, reason: SKIP.implausible });
      continue;
    }
    const provider = value.litellm_provider;
    const platformId = typeof provider === "string" ? platformForLiteLlmProvider(provider) : null;
    if (typeof provider !== "string" || platformId === null) {
      skipped.push({ key, reason: SKIP.notTracked });
      continue;
    }
    const mode = typeof value.mode === "string" ? value.mode : "unknown";
    if (!CHAT_MODES.has(mode)) {
      skipped.push({ key, reason: SKIP.notChat(mode) });
      continue;
    }
    if (/(^|\/)\d+-month-commitment\//.test(key)) {
      skipped.push({ key, reason: SKIP.provisioned });
      continue;
    }
    if (key.startsWith("ft:")) {
      skipped.push({ key, reason: SKIP.fineTuned });
      continue;
    }
    const prices = {
      input: price(value, PRICE_FIELDS.input, key),
      output: price(value, PRICE_FIELDS.output, key),
      cachedInput: price(value, PRICE_FIELDS.cachedInput, key),
      batchInput: price(value, PRICE_FIELDS.batchInput, key),
      batchOutput: price(value, PRICE_FIELDS.batchOutput, key),
    };
    if (prices.input === null || prices.output === null) {
      skipped.push({ key, reason: SKIP.missingPrices });
      continue;
    }
    if (prices.output > IMPLAUSIBLE_INPUT_PRICE * 10) {
      skipped.push({ key, reason: SKIP.implausible });
      continue;
    }

    const location = locateNativeId(key, provider, platformId);
    const offeringKey = `${platformId}\u0000${location.nativeId}`;
    const existing = offerings.get(offeringKey);
    if (existing) {
      if (location.isRegional && samePrices(existing.prices, prices)) {
        for (const region of location.regions) {
          if (!existing.regions.includes(region)) existing.regions.push(region);
        }
      }
      skipped.push({
        key,
        reason:
          location.isRegional && !samePrices(existing.prices, prices)
            ? SKIP.regionalPrice
            : SKIP.duplicate,
      });
      continue;
    }

    const canonical = canonicalModelFor(
      modelPartOf(location, platformId),
      PLATFORM_DEFAULT_VENDOR[platformId],
    );
    if (!models.has(canonical.id)) {
      models.set(canonical.id, {
        id: canonical.id,
        name: displayNameFor(canonical.name),
        vendor: canonical.vendor,
        family: familyFor(canonical.name),
        openWeights: isOpenWeight(canonical.vendor, canonical.name),
        releaseDate: null,
        sourceUrl: options.sourceUrl,
      });
    }
    const supportedRegions = Array.isArray(value.supported_regions)
      ? value.supported_regions.filter((region): region is string => typeof region === "string")
      : [];
    offerings.set(offeringKey, {
      platformId,
      modelId: canonical.id,
      nativeId: location.nativeId,
      regions: [...new Set([...location.regions, ...supportedRegions])],
      prices,
      contextWindow: tokens(value.max_input_tokens) ?? tokens(value.max_tokens),
      maxOutputTokens: tokens(value.max_output_tokens),
      capabilities: CAPABILITY_FIELDS.filter(([field]) => value[field] === true).map(
        ([, capability]) => capability,
      ),
      apiStyles: apiStylesFor(platformId, {
        vendor: canonical.vendor,
        isMantle: location.isMantle,
      }),
      ...lifecycleOf(value, options.takenAt),
      sourceUrl: options.sourceUrl,
    });
  }

  return {
    source: "litellm",
    sourceUrl: options.sourceUrl,
    takenAt: options.takenAt,
    platforms: [],
    models: [...models.values()],
    offerings: [...offerings.values()],
    ties: [],
    skipped,
  };
}

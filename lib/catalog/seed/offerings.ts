import type { PlatformId } from "../platforms";
import type { ApiStyle, Capability, Lifecycle, OfferingFact, Prices } from "../types";

/*
 * Where each seed model can be bought, as of the seed snapshot. Numbers were checked against
 * two public compilations of the vendors' price lists (LiteLLM's model_prices_and_context_window
 * and models.dev); where the two disagree the more recent (models.dev, July 2026) wins, and where
 * neither gives a trustworthy figure the price is left null rather than guessed. Every row cites
 * the platform's own pricing or model page.
 */

/** USD per 1M tokens: input, output, cached input, batch input, batch output. */
function price(
  input: number | null,
  output: number | null,
  cachedInput: number | null = null,
  batchInput: number | null = null,
  batchOutput: number | null = null,
): Prices {
  return { input, output, cachedInput, batchInput, batchOutput };
}

const UNPRICED = price(null, null);

/** Half the on-demand price: the documented batch discount on the vendors' own APIs. */
function withBatchDiscount(prices: Prices): Prices {
  if (prices.input === null || prices.output === null) return prices;
  return { ...prices, batchInput: prices.input / 2, batchOutput: prices.output / 2 };
}

const FRONTIER: Capability[] = ["tools", "json-mode", "vision", "streaming", "reasoning"];
const CHAT_VISION: Capability[] = ["tools", "json-mode", "vision", "streaming"];
const CHAT: Capability[] = ["tools", "json-mode", "streaming"];
const REASONING_TEXT: Capability[] = ["tools", "json-mode", "streaming", "reasoning"];

/** What the model itself can do; caching and batch depend on the platform's prices. */
const MODEL_CAPABILITIES: Record<string, Capability[]> = {
  "anthropic/claude-opus-4.8": FRONTIER,
  "anthropic/claude-opus-4.7": FRONTIER,
  "anthropic/claude-opus-4.5": FRONTIER,
  "anthropic/claude-opus-4.1": FRONTIER,
  "anthropic/claude-sonnet-5": FRONTIER,
  "anthropic/claude-sonnet-4.6": FRONTIER,
  "anthropic/claude-sonnet-4.5": FRONTIER,
  "anthropic/claude-haiku-4.5": FRONTIER,
  "openai/gpt-5.5": FRONTIER,
  "openai/gpt-5.4": FRONTIER,
  "openai/gpt-5.4-mini": FRONTIER,
  "openai/gpt-5.4-nano": FRONTIER,
  "openai/gpt-5.2": FRONTIER,
  "openai/gpt-5": FRONTIER,
  "openai/gpt-5-mini": FRONTIER,
  "openai/gpt-4.1": CHAT_VISION,
  "openai/gpt-4.1-mini": CHAT_VISION,
  "openai/gpt-oss-120b": REASONING_TEXT,
  "openai/gpt-oss-20b": REASONING_TEXT,
  "google/gemini-3.1-pro": FRONTIER,
  "google/gemini-3.5-flash": FRONTIER,
  "google/gemini-3-flash": FRONTIER,
  "google/gemini-3.1-flash-lite": FRONTIER,
  "google/gemini-2.5-pro": FRONTIER,
  "google/gemini-2.5-flash": FRONTIER,
  "google/gemini-2.5-flash-lite": FRONTIER,
  "google/gemma-4-31b": ["vision", "streaming"],
  "google/gemma-4-26b-a4b": ["vision", "streaming"],
  "google/gemma-3-27b": ["vision", "streaming"],
  "meta/llama-4-maverick-17b-128e-instruct": CHAT_VISION,
  "meta/llama-4-scout-17b-16e-instruct": CHAT_VISION,
  "meta/llama-3.3-70b-instruct": CHAT,
  "meta/llama-3.1-8b-instruct": ["tools", "streaming"],
  "mistral/mistral-large-3": CHAT_VISION,
  "mistral/mistral-medium-3.1": CHAT_VISION,
  "mistral/mistral-medium-3": CHAT_VISION,
  "mistral/mistral-small-3.2": CHAT_VISION,
  "mistral/mistral-small-3.1": CHAT_VISION,
  "amazon/nova-premier": CHAT_VISION,
  "amazon/nova-pro": CHAT_VISION,
  "amazon/nova-lite": CHAT_VISION,
  "amazon/nova-micro": CHAT,
  "amazon/nova-2-lite": FRONTIER,
  "amazon/titan-text-premier": ["streaming"],
  "microsoft/phi-4": ["json-mode", "streaming"],
  "microsoft/phi-4-mini": ["tools", "streaming"],
  "microsoft/phi-4-multimodal": ["vision", "streaming"],
  "microsoft/phi-4-reasoning": ["streaming", "reasoning"],
  "cohere/command-a": CHAT,
  "cohere/command-r-plus-08-2024": CHAT,
  "cohere/command-r-08-2024": CHAT,
  "deepseek/deepseek-v4-pro": REASONING_TEXT,
  "deepseek/deepseek-v4-flash": REASONING_TEXT,
  "deepseek/deepseek-v3.2": REASONING_TEXT,
  "deepseek/deepseek-v3.1": REASONING_TEXT,
  "deepseek/deepseek-r1": ["streaming", "reasoning"],
  "xai/grok-4.3": FRONTIER,
  "xai/grok-4.20": FRONTIER,
  "qwen/qwen3-235b-a22b-instruct-2507": CHAT,
  "ai21/jamba-1.5-large": CHAT,
  "ibm/granite-4.0-h-small": CHAT,
};

function capabilitiesOf(modelId: string, prices: Prices): Capability[] {
  const base = MODEL_CAPABILITIES[modelId] ?? ["streaming"];
  const extra: Capability[] = [];
  if (prices.cachedInput !== null) extra.push("prompt-caching");
  if (prices.batchInput !== null) extra.push("batch");
  return [...base, ...extra];
}

/** One offering as written below; anything left out takes the platform's default. */
type Row = {
  model: string;
  native: string;
  prices: Prices;
  context: number | null;
  maxOutput: number | null;
  regions?: string[];
  apiStyles?: ApiStyle[];
  lifecycle?: Lifecycle;
  deprecationDate?: string;
  sourceUrl?: string;
};

type RowOptions = Pick<
  Row,
  "regions" | "apiStyles" | "lifecycle" | "deprecationDate" | "sourceUrl"
>;

function row(
  model: string,
  native: string,
  prices: Prices,
  context: number | null,
  maxOutput: number | null,
  options: RowOptions = {},
): Row {
  return { model, native, prices, context, maxOutput, ...options };
}

type PlatformDefaults = {
  regions: string[];
  apiStyles: ApiStyle[];
  sourceUrl: string;
  /** The platform's batch API halves every price that has no batch price of its own. */
  hasHalfPriceBatch?: boolean;
};

function offerings(
  platformId: PlatformId,
  defaults: PlatformDefaults,
  rows: Row[],
): OfferingFact[] {
  return rows.map((row) => {
    const prices =
      defaults.hasHalfPriceBatch && row.prices.batchInput === null
        ? withBatchDiscount(row.prices)
        : row.prices;
    return {
      platformId,
      modelId: row.model,
      nativeId: row.native,
      regions: row.regions ?? defaults.regions,
      prices,
      contextWindow: row.context,
      maxOutputTokens: row.maxOutput,
      capabilities: capabilitiesOf(row.model, prices),
      apiStyles: row.apiStyles ?? defaults.apiStyles,
      lifecycle: row.lifecycle ?? "ga",
      deprecationDate: row.deprecationDate ?? null,
      sourceUrl: row.sourceUrl ?? defaults.sourceUrl,
    };
  });
}

const M = 1_000_000;

// Anthropic's own API, the reference price for every Claude resale below.
const ANTHROPIC = offerings(
  "anthropic",
  {
    regions: ["global"],
    apiStyles: ["anthropic-messages", "openai-compatible"],
    sourceUrl: "https://docs.anthropic.com/en/docs/about-claude/pricing",
    hasHalfPriceBatch: true,
  },
  [
    row("anthropic/claude-opus-4.8", "claude-opus-4-8", price(5, 25, 0.5), M, 128_000),
    row("anthropic/claude-opus-4.7", "claude-opus-4-7", price(5, 25, 0.5), M, 128_000),
    row(
      "anthropic/claude-opus-4.5",
      "claude-opus-4-5-20251101",
      price(5, 25, 0.5),
      200_000,
      64_000,
    ),
    {
      model: "anthropic/claude-opus-4.1",
      native: "claude-opus-4-1-20250805",
      prices: price(15, 75, 1.5),
      context: 200_000,
      maxOutput: 32_000,
      lifecycle: "deprecated",
      deprecationDate: "2026-08-05",
      sourceUrl: "https://docs.anthropic.com/en/docs/about-claude/model-deprecations",
    },
    row("anthropic/claude-sonnet-5", "claude-sonnet-5", price(2, 10, 0.2), M, 128_000),
    row("anthropic/claude-sonnet-4.6", "claude-sonnet-4-6", price(3, 15, 0.3), M, 64_000),
    row(
      "anthropic/claude-sonnet-4.5",
      "claude-sonnet-4-5-20250929",
      price(3, 15, 0.3),
      200_000,
      64_000,
    ),
    row(
      "anthropic/claude-haiku-4.5",
      "claude-haiku-4-5-20251001",
      price(1, 5, 0.1),
      200_000,
      64_000,
    ),
  ],
);

const BEDROCK_GLOBAL = ["us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1"];
const BEDROCK_US = ["us-east-1", "us-east-2", "us-west-2"];
// EU cross-region inference profiles keep data in the EU and cost about 10% more.
const BEDROCK_EU = ["eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1"];
const BEDROCK_CLAUDE: ApiStyle[] = ["anthropic-messages", "bedrock-converse", "bedrock-invoke"];
// GPT-5.x and Grok on Bedrock are served through Mantle, its OpenAI-compatible endpoint.
const BEDROCK_MANTLE: ApiStyle[] = ["openai-compatible", "openai-responses"];

const AWS_BEDROCK = offerings(
  "aws-bedrock",
  {
    regions: BEDROCK_US,
    apiStyles: ["bedrock-converse", "bedrock-invoke"],
    sourceUrl: "https://aws.amazon.com/bedrock/pricing/",
  },
  [
    row(
      "anthropic/claude-opus-4.8",
      "global.anthropic.claude-opus-4-8",
      price(5, 25, 0.5),
      M,
      128_000,
      { regions: BEDROCK_GLOBAL, apiStyles: BEDROCK_CLAUDE },
    ),
    row(
      "anthropic/claude-opus-4.8",
      "eu.anthropic.claude-opus-4-8",
      price(5.5, 27.5, 0.55),
      M,
      128_000,
      { regions: BEDROCK_EU, apiStyles: BEDROCK_CLAUDE },
    ),
    row(
      "anthropic/claude-opus-4.7",
      "global.anthropic.claude-opus-4-7",
      price(5, 25, 0.5),
      M,
      128_000,
      { regions: BEDROCK_GLOBAL, apiStyles: BEDROCK_CLAUDE },
    ),
    row(
      "anthropic/claude-opus-4.5",
      "global.anthropic.claude-opus-4-5-20251101-v1:0",
      price(5, 25, 0.5),
      200_000,
      64_000,
      { regions: BEDROCK_GLOBAL, apiStyles: BEDROCK_CLAUDE },
    ),
    row(
      "anthropic/claude-opus-4.1",
      "us.anthropic.claude-opus-4-1-20250805-v1:0",
      price(15, 75, 1.5),
      200_000,
      32_000,
      { apiStyles: BEDROCK_CLAUDE },
    ),
    row(
      "anthropic/claude-sonnet-5",
      "global.anthropic.claude-sonnet-5",
      price(2, 10, 0.2),
      M,
      128_000,
      { regions: BEDROCK_GLOBAL, apiStyles: BEDROCK_CLAUDE },
    ),
    row(
      "anthropic/claude-sonnet-5",
      "eu.anthropic.claude-sonnet-5",
      price(2.2, 11, 0.22),
      M,
      128_000,
      { regions: BEDROCK_EU, apiStyles: BEDROCK_CLAUDE },
    ),
    row(
      "anthropic/claude-sonnet-4.6",
      "global.anthropic.claude-sonnet-4-6",
      price(3, 15, 0.3),
      M,
      64_000,
      { regions: BEDROCK_GLOBAL, apiStyles: BEDROCK_CLAUDE },
    ),
    row(
      "anthropic/claude-sonnet-4.6",
      "eu.anthropic.claude-sonnet-4-6",
      price(3.3, 16.5, 0.33),
      M,
      64_000,
      { regions: BEDROCK_EU, apiStyles: BEDROCK_CLAUDE },
    ),
    row(
      "anthropic/claude-sonnet-4.5",
      "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
      price(3, 15, 0.3),
      200_000,
      64_000,
      { regions: BEDROCK_GLOBAL, apiStyles: BEDROCK_CLAUDE },
    ),
    row(
      "anthropic/claude-haiku-4.5",
      "global.anthropic.claude-haiku-4-5-20251001-v1:0",
      price(1, 5, 0.1),
      200_000,
      64_000,
      { regions: BEDROCK_GLOBAL, apiStyles: BEDROCK_CLAUDE },
    ),
    row(
      "anthropic/claude-haiku-4.5",
      "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
      price(1.1, 5.5, 0.11),
      200_000,
      64_000,
      { regions: BEDROCK_EU, apiStyles: BEDROCK_CLAUDE },
    ),

    row("openai/gpt-5.5", "openai.gpt-5.5", price(5.5, 33, 0.55), 272_000, 128_000, {
      regions: ["us-east-1", "us-west-2"],
      apiStyles: BEDROCK_MANTLE,
    }),
    row("openai/gpt-5.4", "openai.gpt-5.4", price(2.75, 16.5, 0.275), 272_000, 128_000, {
      regions: ["us-east-1", "us-west-2"],
      apiStyles: BEDROCK_MANTLE,
    }),
    row("openai/gpt-oss-120b", "openai.gpt-oss-120b-1:0", price(0.15, 0.6), 128_000, 16_384, {
      regions: ["us-east-1", "us-west-2", "eu-north-1"],
      apiStyles: ["bedrock-converse", "bedrock-invoke", "openai-compatible"],
    }),
    row("openai/gpt-oss-20b", "openai.gpt-oss-20b-1:0", price(0.07, 0.3), 128_000, 16_384, {
      regions: ["us-east-1", "us-west-2", "eu-north-1"],
      apiStyles: ["bedrock-converse", "bedrock-invoke", "openai-compatible"],
    }),

    row("amazon/nova-premier", "us.amazon.nova-premier-v1:0", price(2.5, 12.5), M, 10_000),
    row("amazon/nova-pro", "amazon.nova-pro-v1:0", price(0.8, 3.2, 0.2), 300_000, 10_000, {
      regions: ["us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1"],
    }),
    row("amazon/nova-lite", "amazon.nova-lite-v1:0", price(0.06, 0.24, 0.015), 300_000, 10_000, {
      regions: ["us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1"],
    }),
    row(
      "amazon/nova-micro",
      "amazon.nova-micro-v1:0",
      price(0.035, 0.14, 0.00875),
      128_000,
      10_000,
      { regions: ["us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1"] },
    ),
    row("amazon/nova-2-lite", "amazon.nova-2-lite-v1:0", price(0.3, 2.5, 0.075), M, 64_000),
    row(
      "amazon/titan-text-premier",
      "amazon.titan-text-premier-v1:0",
      price(0.5, 1.5),
      42_000,
      32_000,
      { regions: ["us-east-1"] },
    ),

    row(
      "meta/llama-4-maverick-17b-128e-instruct",
      "meta.llama4-maverick-17b-instruct-v1:0",
      price(0.24, 0.97, null, 0.12, 0.485),
      M,
      16_384,
    ),
    row(
      "meta/llama-4-scout-17b-16e-instruct",
      "meta.llama4-scout-17b-instruct-v1:0",
      price(0.17, 0.66, null, 0.085, 0.33),
      3_500_000,
      16_384,
    ),
    row(
      "meta/llama-3.3-70b-instruct",
      "meta.llama3-3-70b-instruct-v1:0",
      price(0.72, 0.72),
      128_000,
      4_096,
    ),
    row(
      "meta/llama-3.1-8b-instruct",
      "meta.llama3-1-8b-instruct-v1:0",
      price(0.22, 0.22),
      128_000,
      4_096,
    ),
    row(
      "mistral/mistral-large-3",
      "mistral.mistral-large-3-675b-instruct",
      price(0.5, 1.5),
      256_000,
      8_192,
      { regions: ["us-east-1", "us-west-2", "eu-west-1"] },
    ),
    row("deepseek/deepseek-r1", "deepseek.r1-v1:0", price(1.35, 5.4), 128_000, 32_768),
    row("deepseek/deepseek-v3.2", "deepseek.v3.2", price(0.62, 1.85), 163_840, 81_920, {
      regions: ["us-east-1", "us-west-2", "ap-northeast-1"],
    }),
    row("deepseek/deepseek-v3.1", "deepseek.v3-v1:0", price(0.58, 1.68), 163_840, 81_920, {
      regions: ["us-west-2", "ap-northeast-1", "ap-south-1"],
    }),
    row(
      "qwen/qwen3-235b-a22b-instruct-2507",
      "qwen.qwen3-235b-a22b-2507-v1:0",
      price(0.22, 0.88),
      262_144,
      131_072,
      { regions: ["us-west-2", "ap-northeast-1", "eu-central-1"] },
    ),
    row("xai/grok-4.3", "xai.grok-4.3", price(1.25, 2.5, 0.2), M, 131_072, {
      regions: ["us-east-1", "us-west-2"],
      apiStyles: BEDROCK_MANTLE,
    }),
    row("google/gemma-3-27b", "google.gemma-3-27b-it", price(0.12, 0.2), 128_000, 8_192, {
      regions: ["us-east-1", "us-west-2", "eu-west-1"],
    }),
    row("ai21/jamba-1.5-large", "ai21.jamba-1-5-large-v1:0", price(2, 8), 256_000, 4_096, {
      regions: ["us-east-1"],
    }),
  ],
);

const AZURE_OPENAI_PRICING =
  "https://azure.microsoft.com/pricing/details/cognitive-services/openai-service/";
const AZURE_CATALOG_PRICING = "https://azure.microsoft.com/pricing/details/ai-foundry-models/";
const AZURE_CLAUDE_DOCS =
  "https://learn.microsoft.com/azure/ai-foundry/foundry-models/how-to/use-foundry-models-claude";
const AZURE_REGIONS = ["eastus2", "swedencentral", "westus3", "japaneast"];
// Claude in Foundry is a preview that runs on Anthropic's infrastructure (announced 18 Nov 2025).
const AZURE_CLAUDE = {
  regions: ["eastus2", "swedencentral"],
  apiStyles: ["anthropic-messages"] as ApiStyle[],
  lifecycle: "preview" as const,
  sourceUrl: AZURE_CLAUDE_DOCS,
};
const AZURE_GPT: ApiStyle[] = ["azure-openai", "openai-compatible", "openai-responses"];

const AZURE_FOUNDRY = offerings(
  "azure-foundry",
  { regions: AZURE_REGIONS, apiStyles: ["openai-compatible"], sourceUrl: AZURE_CATALOG_PRICING },
  [
    row("anthropic/claude-opus-4.8", "claude-opus-4-8", price(5, 25, 0.5), M, 128_000, {
      ...AZURE_CLAUDE,
    }),
    row("anthropic/claude-opus-4.7", "claude-opus-4-7", price(5, 25, 0.5), M, 128_000, {
      ...AZURE_CLAUDE,
    }),
    row("anthropic/claude-opus-4.5", "claude-opus-4-5", price(5, 25, 0.5), 200_000, 64_000, {
      ...AZURE_CLAUDE,
    }),
    row("anthropic/claude-opus-4.1", "claude-opus-4-1", price(15, 75, 1.5), 200_000, 32_000, {
      ...AZURE_CLAUDE,
    }),
    row("anthropic/claude-sonnet-5", "claude-sonnet-5", price(2, 10, 0.2), M, 128_000, {
      ...AZURE_CLAUDE,
    }),
    row("anthropic/claude-sonnet-4.6", "claude-sonnet-4-6", price(3, 15, 0.3), M, 64_000, {
      ...AZURE_CLAUDE,
    }),
    row("anthropic/claude-sonnet-4.5", "claude-sonnet-4-5", price(3, 15, 0.3), 200_000, 64_000, {
      ...AZURE_CLAUDE,
    }),
    row("anthropic/claude-haiku-4.5", "claude-haiku-4-5", price(1, 5, 0.1), 200_000, 64_000, {
      ...AZURE_CLAUDE,
    }),

    row("openai/gpt-5.5", "gpt-5.5", price(5, 30, 0.5), 1_050_000, 128_000, {
      apiStyles: AZURE_GPT,
      sourceUrl: AZURE_OPENAI_PRICING,
    }),
    row("openai/gpt-5.4", "gpt-5.4", price(2.5, 15, 0.25), 1_050_000, 128_000, {
      apiStyles: AZURE_GPT,
      sourceUrl: AZURE_OPENAI_PRICING,
    }),
    row("openai/gpt-5.4-mini", "gpt-5.4-mini", price(0.75, 4.5, 0.075), 400_000, 128_000, {
      apiStyles: AZURE_GPT,
      sourceUrl: AZURE_OPENAI_PRICING,
    }),
    row("openai/gpt-5.4-nano", "gpt-5.4-nano", price(0.2, 1.25, 0.02), 400_000, 128_000, {
      apiStyles: AZURE_GPT,
      sourceUrl: AZURE_OPENAI_PRICING,
    }),
    row("openai/gpt-5.2", "gpt-5.2", price(1.75, 14, 0.175), 400_000, 128_000, {
      apiStyles: AZURE_GPT,
      sourceUrl: AZURE_OPENAI_PRICING,
    }),
    row("openai/gpt-5", "gpt-5", price(1.25, 10, 0.125), 400_000, 128_000, {
      apiStyles: AZURE_GPT,
      sourceUrl: AZURE_OPENAI_PRICING,
    }),
    row("openai/gpt-5-mini", "gpt-5-mini", price(0.25, 2, 0.025), 400_000, 128_000, {
      apiStyles: AZURE_GPT,
      sourceUrl: AZURE_OPENAI_PRICING,
    }),
    row("openai/gpt-4.1", "gpt-4.1", price(2, 8, 0.5, 1, 4), 1_047_576, 32_768, {
      apiStyles: AZURE_GPT,
      sourceUrl: AZURE_OPENAI_PRICING,
    }),
    row("openai/gpt-4.1-mini", "gpt-4.1-mini", price(0.4, 1.6, 0.1, 0.2, 0.8), 1_047_576, 32_768, {
      apiStyles: AZURE_GPT,
      sourceUrl: AZURE_OPENAI_PRICING,
    }),
    row("openai/gpt-oss-120b", "gpt-oss-120b", price(0.15, 0.6), 131_072, 131_072),

    row("microsoft/phi-4", "Phi-4", price(0.125, 0.5), 16_384, 16_384, {
      sourceUrl: "https://azure.microsoft.com/pricing/details/phi-3/",
    }),
    row("microsoft/phi-4-mini", "Phi-4-mini-instruct", price(0.075, 0.3), 131_072, 4_096, {
      sourceUrl: "https://azure.microsoft.com/pricing/details/phi-3/",
    }),
    row(
      "microsoft/phi-4-multimodal",
      "Phi-4-multimodal-instruct",
      price(0.08, 0.32),
      131_072,
      4_096,
      { sourceUrl: "https://azure.microsoft.com/pricing/details/phi-3/" },
    ),
    row("microsoft/phi-4-reasoning", "Phi-4-reasoning", price(0.125, 0.5), 32_768, 4_096, {
      sourceUrl: "https://azure.microsoft.com/pricing/details/phi-3/",
    }),

    row(
      "meta/llama-4-maverick-17b-128e-instruct",
      "Llama-4-Maverick-17B-128E-Instruct-FP8",
      price(0.25, 1),
      128_000,
      8_192,
    ),
    row(
      "meta/llama-4-scout-17b-16e-instruct",
      "Llama-4-Scout-17B-16E-Instruct",
      price(0.2, 0.78),
      128_000,
      8_192,
    ),
    row(
      "meta/llama-3.3-70b-instruct",
      "Llama-3.3-70B-Instruct",
      price(0.71, 0.71),
      128_000,
      32_768,
    ),
    row(
      "meta/llama-3.1-8b-instruct",
      "Meta-Llama-3.1-8B-Instruct",
      price(0.3, 0.61),
      128_000,
      32_768,
    ),
    row("mistral/mistral-large-3", "mistral-large-3", price(0.5, 1.5), 256_000, 8_191),
    row("mistral/mistral-medium-3", "mistral-medium-2505", price(0.4, 2), 128_000, 128_000),
    row("mistral/mistral-small-3.1", "mistral-small-2503", price(0.1, 0.3), 128_000, 32_768),
    // Open-weight resale: DeepSeek V4 Pro here costs about 4x DeepSeek's own API.
    row("deepseek/deepseek-v4-pro", "deepseek-v4-pro", price(1.74, 3.48), M, 384_000),
    row("deepseek/deepseek-v4-flash", "deepseek-v4-flash", price(0.19, 0.51), M, 384_000),
    row("deepseek/deepseek-v3.2", "deepseek-v3.2", price(0.58, 1.68), 128_000, 128_000),
    row("deepseek/deepseek-r1", "deepseek-r1", price(1.35, 5.4), 163_840, 163_840),
    row("cohere/command-a", "cohere-command-a", price(2.5, 10), 256_000, 8_000),
    row(
      "cohere/command-r-plus-08-2024",
      "cohere-command-r-plus-08-2024",
      price(2.5, 10),
      128_000,
      4_000,
    ),
    row("cohere/command-r-08-2024", "cohere-command-r-08-2024", price(0.15, 0.6), 128_000, 4_000),
    row("xai/grok-4.20", "grok-4-20-reasoning", price(2, 6), 262_000, 8_192, {
      lifecycle: "preview",
    }),
  ],
);

const VERTEX_CLAUDE = {
  regions: ["global", "us-east5", "europe-west1", "asia-southeast1"],
  apiStyles: ["anthropic-messages"] as ApiStyle[],
};
const VERTEX_GEMINI = {
  regions: ["global", "us-central1", "europe-west4", "asia-northeast1"],
  apiStyles: ["vertex-generate", "openai-compatible"] as ApiStyle[],
};

const GCP_VERTEX = offerings(
  "gcp-vertex",
  {
    regions: ["global", "us-central1"],
    apiStyles: ["openai-compatible"],
    sourceUrl: "https://cloud.google.com/vertex-ai/generative-ai/pricing",
  },
  [
    row("anthropic/claude-opus-4.8", "claude-opus-4-8@default", price(5, 25, 0.5), M, 128_000, {
      ...VERTEX_CLAUDE,
    }),
    row("anthropic/claude-opus-4.7", "claude-opus-4-7@default", price(5, 25, 0.5), M, 128_000, {
      ...VERTEX_CLAUDE,
    }),
    row(
      "anthropic/claude-opus-4.5",
      "claude-opus-4-5@20251101",
      price(5, 25, 0.5),
      200_000,
      64_000,
      { ...VERTEX_CLAUDE },
    ),
    row(
      "anthropic/claude-opus-4.1",
      "claude-opus-4-1@20250805",
      price(15, 75, 1.5),
      200_000,
      32_000,
      { ...VERTEX_CLAUDE, lifecycle: "deprecated" },
    ),
    row("anthropic/claude-sonnet-5", "claude-sonnet-5@default", price(2, 10, 0.2), M, 128_000, {
      ...VERTEX_CLAUDE,
    }),
    row("anthropic/claude-sonnet-4.6", "claude-sonnet-4-6@default", price(3, 15, 0.3), M, 128_000, {
      ...VERTEX_CLAUDE,
    }),
    row(
      "anthropic/claude-sonnet-4.5",
      "claude-sonnet-4-5@20250929",
      price(3, 15, 0.3),
      200_000,
      64_000,
      { ...VERTEX_CLAUDE },
    ),
    row(
      "anthropic/claude-haiku-4.5",
      "claude-haiku-4-5@20251001",
      price(1, 5, 0.1),
      200_000,
      64_000,
      { ...VERTEX_CLAUDE },
    ),

    row(
      "google/gemini-3.1-pro",
      "gemini-3.1-pro-preview",
      price(2, 12, 0.2, 1, 6),
      1_048_576,
      65_536,
      { ...VERTEX_GEMINI, lifecycle: "preview" },
    ),
    row("google/gemini-3.5-flash", "gemini-3.5-flash", price(1.5, 9, 0.15), 1_048_576, 65_536, {
      ...VERTEX_GEMINI,
    }),
    row("google/gemini-3-flash", "gemini-3-flash-preview", price(0.5, 3, 0.05), 1_048_576, 65_536, {
      ...VERTEX_GEMINI,
      lifecycle: "preview",
    }),
    row(
      "google/gemini-3.1-flash-lite",
      "gemini-3.1-flash-lite",
      price(0.25, 1.5, 0.025, 0.125, 0.75),
      1_048_576,
      65_536,
      { ...VERTEX_GEMINI },
    ),
    row("google/gemini-2.5-pro", "gemini-2.5-pro", price(1.25, 10, 0.125), 1_048_576, 65_536, {
      ...VERTEX_GEMINI,
    }),
    row("google/gemini-2.5-flash", "gemini-2.5-flash", price(0.3, 2.5, 0.03), 1_048_576, 65_536, {
      ...VERTEX_GEMINI,
    }),
    row(
      "google/gemini-2.5-flash-lite",
      "gemini-2.5-flash-lite",
      price(0.1, 0.4, 0.01),
      1_048_576,
      65_536,
      { ...VERTEX_GEMINI },
    ),
    row(
      "google/gemma-4-26b-a4b",
      "google/gemma-4-26b-a4b-it-maas",
      price(0.15, 0.6),
      256_000,
      128_000,
      { regions: ["global"] },
    ),

    // Of OpenAI's models, Vertex offers only the open-weight gpt-oss.
    row("openai/gpt-oss-120b", "openai/gpt-oss-120b-maas", price(0.09, 0.36), 131_072, 32_768),
    row("openai/gpt-oss-20b", "openai/gpt-oss-20b-maas", price(0.07, 0.25), 131_072, 32_768),
    row(
      "meta/llama-4-maverick-17b-128e-instruct",
      "meta/llama-4-maverick-17b-128e-instruct-maas",
      price(0.35, 1.15),
      524_288,
      8_192,
      { regions: ["us-east5"] },
    ),
    row(
      "meta/llama-4-scout-17b-16e-instruct",
      "meta/llama-4-scout-17b-16e-instruct-maas",
      price(0.25, 0.7),
      null,
      null,
      { regions: ["us-east5"] },
    ),
    row(
      "meta/llama-3.3-70b-instruct",
      "meta/llama-3.3-70b-instruct-maas",
      price(0.72, 0.72),
      128_000,
      8_192,
      { regions: ["us-central1"] },
    ),
    row(
      "deepseek/deepseek-v3.2",
      "deepseek-ai/deepseek-v3.2-maas",
      price(0.56, 1.68, 0.056, 0.28),
      163_840,
      65_536,
      { regions: ["global"] },
    ),
    // The two compilations disagree on this price (0.60/1.70 vs 1.35/5.40); left unpriced.
    row("deepseek/deepseek-v3.1", "deepseek-ai/deepseek-v3.1-maas", UNPRICED, 163_840, 32_768, {
      regions: ["us-central1"],
    }),
    row(
      "qwen/qwen3-235b-a22b-instruct-2507",
      "qwen/qwen3-235b-a22b-instruct-2507-maas",
      price(0.22, 0.88),
      262_144,
      16_384,
      { regions: ["global", "us-south1"] },
    ),
    row("mistral/mistral-medium-3", "mistral-medium-3", price(0.4, 2), 128_000, 8_191, {
      regions: ["us-central1", "europe-west4"],
    }),
    row("mistral/mistral-small-3.1", "mistral-small-2503", UNPRICED, 128_000, null, {
      regions: ["us-central1", "europe-west4"],
    }),
    row("xai/grok-4.20", "xai/grok-4.20-reasoning", price(2, 6, 0.2), 2_000_000, null, {
      regions: ["global"],
    }),
    row("ai21/jamba-1.5-large", "jamba-1.5-large@001", price(2, 8), 256_000, null, {
      regions: ["us-central1", "europe-west4"],
    }),
  ],
);

const OCI_DOCS = "https://docs.oracle.com/en-us/iaas/Content/generative-ai/pretrained-models.htm";
const OCI_US = ["us-chicago-1", "us-ashburn-1", "us-phoenix-1"];
const OCI_COHERE: ApiStyle[] = ["cohere-chat", "openai-compatible"];

const OCI_GENAI = offerings(
  "oci-genai",
  {
    regions: ["us-chicago-1", "eu-frankfurt-1", "uk-london-1", "ap-osaka-1"],
    apiStyles: ["openai-compatible"],
    sourceUrl: "https://www.oracle.com/cloud/price-list/",
  },
  [
    row("openai/gpt-5", "openai.gpt-5", price(1.25, 10), 400_000, 128_000, {
      regions: OCI_US,
      sourceUrl: OCI_DOCS,
    }),
    row("openai/gpt-5-mini", "openai.gpt-5-mini", price(0.25, 2), 400_000, 128_000, {
      regions: OCI_US,
      sourceUrl: OCI_DOCS,
    }),
    row("google/gemini-2.5-pro", "google.gemini-2.5-pro", price(1.25, 10), 1_048_576, 65_536, {
      regions: OCI_US,
      sourceUrl: OCI_DOCS,
    }),
    // The compiled OCI prices for the Flash models match Gemini 2.0, not 2.5; left unpriced.
    row("google/gemini-2.5-flash", "google.gemini-2.5-flash", UNPRICED, 1_048_576, 65_536, {
      regions: OCI_US,
      sourceUrl: OCI_DOCS,
    }),
    row(
      "google/gemini-2.5-flash-lite",
      "google.gemini-2.5-flash-lite",
      UNPRICED,
      1_048_576,
      65_536,
      { regions: OCI_US, sourceUrl: OCI_DOCS },
    ),
    row(
      "meta/llama-4-maverick-17b-128e-instruct",
      "meta.llama-4-maverick-17b-128e-instruct-fp8",
      price(0.72, 0.72),
      1_048_576,
      8_192,
    ),
    row(
      "meta/llama-4-scout-17b-16e-instruct",
      "meta.llama-4-scout-17b-16e-instruct",
      price(0.72, 0.72),
      null,
      8_192,
    ),
    row(
      "meta/llama-3.3-70b-instruct",
      "meta.llama-3.3-70b-instruct",
      price(0.72, 0.72),
      128_000,
      4_000,
    ),
    row("cohere/command-a", "cohere.command-a-03-2025", price(1.56, 1.56), 256_000, 4_000, {
      apiStyles: OCI_COHERE,
    }),
    row(
      "cohere/command-r-plus-08-2024",
      "cohere.command-r-plus-08-2024",
      price(1.56, 1.56),
      128_000,
      4_000,
      { apiStyles: OCI_COHERE },
    ),
    row("cohere/command-r-08-2024", "cohere.command-r-08-2024", price(0.15, 0.15), 128_000, 4_000, {
      apiStyles: OCI_COHERE,
    }),
    row("xai/grok-4.20", "xai.grok-4.20", UNPRICED, 131_072, null, {
      regions: OCI_US,
      sourceUrl: OCI_DOCS,
    }),
  ],
);

const IBM_WATSONX = offerings(
  "ibm-watsonx",
  {
    regions: ["us-south", "eu-de", "eu-gb", "jp-tok"],
    apiStyles: ["openai-compatible"],
    sourceUrl: "https://www.ibm.com/products/watsonx-ai/foundation-models",
  },
  [
    row("ibm/granite-4.0-h-small", "ibm/granite-4-h-small", price(0.06, 0.25), 20_480, null),
    row(
      "meta/llama-3.3-70b-instruct",
      "meta-llama/llama-3-3-70b-instruct",
      price(0.71, 0.71),
      128_000,
      null,
    ),
    row(
      "meta/llama-4-maverick-17b-128e-instruct",
      "meta-llama/llama-4-maverick-17b-128e-instruct-fp8",
      price(0.35, 1.4),
      128_000,
      null,
    ),
    row("mistral/mistral-medium-3", "mistralai/mistral-medium-2505", price(3, 10), 128_000, null),
    row(
      "mistral/mistral-small-3.1",
      "mistralai/mistral-small-3-1-24b-instruct-2503",
      price(0.1, 0.3),
      32_000,
      null,
    ),
    row("openai/gpt-oss-120b", "openai/gpt-oss-120b", price(0.15, 0.6), 131_072, null),
  ],
);

const SNOWFLAKE_DOCS =
  "https://docs.snowflake.com/en/user-guide/snowflake-cortex/aisql#availability";

const SNOWFLAKE_CORTEX = offerings(
  "snowflake-cortex",
  {
    regions: ["aws-us-west-2", "aws-us-east-1", "aws-eu-central-1", "azure-eastus2"],
    apiStyles: ["openai-compatible"],
    sourceUrl: "https://www.snowflake.com/legal-files/CreditConsumptionTable.pdf",
  },
  [
    // Snowflake bills Cortex in credits; USD figures are given where the compiled list has them.
    row("anthropic/claude-opus-4.8", "claude-opus-4-8", UNPRICED, M, 128_000, {
      sourceUrl: SNOWFLAKE_DOCS,
    }),
    row("anthropic/claude-opus-4.7", "claude-opus-4-7", UNPRICED, M, 128_000, {
      lifecycle: "preview",
      sourceUrl: SNOWFLAKE_DOCS,
    }),
    row("anthropic/claude-sonnet-4.6", "claude-sonnet-4-6", price(3, 15, 0.3), M, 16_384),
    row("anthropic/claude-sonnet-4.5", "claude-sonnet-4-5", price(3, 15, 0.3), 200_000, 16_384),
    row("anthropic/claude-haiku-4.5", "claude-haiku-4-5", price(1, 5, 0.1), 200_000, 16_384),
    row("openai/gpt-5.5", "openai-gpt-5.5", UNPRICED, 1_050_000, 128_000, {
      lifecycle: "preview",
      sourceUrl: SNOWFLAKE_DOCS,
    }),
    row("openai/gpt-5.4", "openai-gpt-5.4", UNPRICED, 1_050_000, 128_000, {
      lifecycle: "preview",
      sourceUrl: SNOWFLAKE_DOCS,
    }),
    row("openai/gpt-5.2", "openai-gpt-5.2", UNPRICED, 400_000, 128_000, {
      sourceUrl: SNOWFLAKE_DOCS,
    }),
    row("openai/gpt-5", "openai-gpt-5", price(1.25, 10, 0.125), 400_000, 128_000, {
      lifecycle: "preview",
    }),
    row("openai/gpt-5-mini", "openai-gpt-5-mini", UNPRICED, 272_000, 8_192, {
      lifecycle: "preview",
      sourceUrl: SNOWFLAKE_DOCS,
    }),
    row("openai/gpt-4.1", "openai-gpt-4.1", price(2, 8, 0.5), 1_047_576, 32_768),
    row("google/gemini-3.1-pro", "gemini-3.1-pro", UNPRICED, 1_048_576, 65_536, {
      lifecycle: "preview",
      sourceUrl: SNOWFLAKE_DOCS,
    }),
    row(
      "meta/llama-4-maverick-17b-128e-instruct",
      "llama4-maverick",
      price(0.24, 0.97),
      128_000,
      16_384,
    ),
    row("meta/llama-3.3-70b-instruct", "llama3.3-70b", price(0.72, 0.72), 128_000, 16_384),
    row("meta/llama-3.1-8b-instruct", "llama3.1-8b", price(0.24, 0.24), 128_000, 16_384),
    row("deepseek/deepseek-r1", "deepseek-r1", price(1.35, 5.4), 128_000, 32_768, {
      regions: ["aws-us-west-2", "aws-us-east-1"],
    }),
  ],
);

const DATABRICKS = offerings(
  "databricks",
  {
    regions: ["us-east-1", "us-west-2", "eu-west-1"],
    apiStyles: ["openai-compatible"],
    sourceUrl: "https://www.databricks.com/product/pricing/foundation-model-serving",
  },
  [
    row("anthropic/claude-opus-4.7", "databricks-claude-opus-4-7", price(5, 25, 0.5), M, 128_000),
    row(
      "anthropic/claude-opus-4.5",
      "databricks-claude-opus-4-5",
      price(5, 25, 0.5),
      200_000,
      64_000,
    ),
    row(
      "anthropic/claude-opus-4.1",
      "databricks-claude-opus-4-1",
      price(15, 75, 1.5),
      200_000,
      32_000,
    ),
    row(
      "anthropic/claude-sonnet-4.6",
      "databricks-claude-sonnet-4-6",
      price(3, 15, 0.3),
      M,
      64_000,
    ),
    row(
      "anthropic/claude-sonnet-4.5",
      "databricks-claude-sonnet-4-5",
      price(3, 15, 0.3),
      200_000,
      64_000,
    ),
    row(
      "anthropic/claude-haiku-4.5",
      "databricks-claude-haiku-4-5",
      price(1, 5, 0.1),
      200_000,
      64_000,
    ),
    row(
      "google/gemini-3.1-pro",
      "databricks-gemini-3-1-pro",
      price(2, 12, 0.2),
      1_048_576,
      65_536,
      { lifecycle: "preview" },
    ),
    row(
      "google/gemini-3-flash",
      "databricks-gemini-3-flash",
      price(0.5, 3, 0.05),
      1_048_576,
      65_536,
      { lifecycle: "preview" },
    ),
    row(
      "google/gemini-3.1-flash-lite",
      "databricks-gemini-3-1-flash-lite",
      price(0.25, 1.5, 0.025),
      1_048_576,
      65_536,
    ),
    row(
      "google/gemini-2.5-pro",
      "databricks-gemini-2-5-pro",
      price(1.25, 10, 0.125),
      1_048_576,
      65_536,
    ),
    row(
      "google/gemini-2.5-flash",
      "databricks-gemini-2-5-flash",
      price(0.3, 2.5, 0.03),
      1_048_576,
      65_536,
    ),
    row("openai/gpt-5.5", "databricks-gpt-5-5", price(5, 30, 0.5), 1_050_000, 128_000),
    row("openai/gpt-5.4", "databricks-gpt-5-4", price(2.5, 15, 0.25), 1_050_000, 128_000),
    row(
      "openai/gpt-5.4-mini",
      "databricks-gpt-5-4-mini",
      price(0.75, 4.5, 0.075),
      400_000,
      128_000,
    ),
    row("openai/gpt-5.4-nano", "databricks-gpt-5-4-nano", price(0.2, 1.25, 0.02), 400_000, 128_000),
    row("openai/gpt-5.2", "databricks-gpt-5-2", price(1.75, 14, 0.175), 400_000, 128_000),
    row("openai/gpt-5", "databricks-gpt-5", price(1.25, 10, 0.125), 400_000, 128_000),
    row("openai/gpt-5-mini", "databricks-gpt-5-mini", price(0.25, 2, 0.025), 400_000, 128_000),
    row("openai/gpt-oss-120b", "databricks-gpt-oss-120b", price(0.072, 0.28), 131_072, 32_768),
    row("openai/gpt-oss-20b", "databricks-gpt-oss-20b", price(0.05, 0.2), 131_072, 32_768),
    row(
      "meta/llama-4-maverick-17b-128e-instruct",
      "databricks-llama-4-maverick",
      price(0.5, 1.5),
      128_000,
      null,
    ),
    row(
      "meta/llama-3.3-70b-instruct",
      "databricks-meta-llama-3-3-70b-instruct",
      price(0.5, 1.5),
      128_000,
      null,
    ),
    row(
      "meta/llama-3.1-8b-instruct",
      "databricks-meta-llama-3-1-8b-instruct",
      price(0.15, 0.45),
      128_000,
      null,
    ),
  ],
);

const OPENAI = offerings(
  "openai",
  {
    regions: ["global", "us", "eu"],
    apiStyles: ["openai-compatible", "openai-responses"],
    sourceUrl: "https://openai.com/api/pricing/",
    hasHalfPriceBatch: true,
  },
  [
    row("openai/gpt-5.5", "gpt-5.5", price(5, 30, 0.5), 1_050_000, 128_000),
    row("openai/gpt-5.4", "gpt-5.4", price(2.5, 15, 0.25), 1_050_000, 128_000),
    row("openai/gpt-5.4-mini", "gpt-5.4-mini", price(0.75, 4.5, 0.075), 400_000, 128_000),
    row("openai/gpt-5.4-nano", "gpt-5.4-nano", price(0.2, 1.25, 0.02), 400_000, 128_000),
    row("openai/gpt-5.2", "gpt-5.2", price(1.75, 14, 0.175), 400_000, 128_000),
    row("openai/gpt-5", "gpt-5", price(1.25, 10, 0.125), 400_000, 128_000),
    row("openai/gpt-5-mini", "gpt-5-mini", price(0.25, 2, 0.025), 400_000, 128_000),
    row("openai/gpt-4.1", "gpt-4.1", price(2, 8, 0.5, 1, 4), 1_047_576, 32_768),
    row("openai/gpt-4.1-mini", "gpt-4.1-mini", price(0.4, 1.6, 0.1, 0.2, 0.8), 1_047_576, 32_768),
  ],
);

const GOOGLE_AI = offerings(
  "google-ai",
  {
    regions: ["global"],
    apiStyles: ["gemini-api", "openai-compatible"],
    sourceUrl: "https://ai.google.dev/gemini-api/docs/pricing",
    hasHalfPriceBatch: true,
  },
  [
    row(
      "google/gemini-3.1-pro",
      "gemini-3.1-pro-preview",
      price(2, 12, 0.2, 1, 6),
      1_048_576,
      65_536,
      { lifecycle: "preview" },
    ),
    row("google/gemini-3.5-flash", "gemini-3.5-flash", price(1.5, 9, 0.15), 1_048_576, 65_536),
    row("google/gemini-3-flash", "gemini-3-flash-preview", price(0.5, 3, 0.05), 1_048_576, 65_536, {
      lifecycle: "preview",
    }),
    row(
      "google/gemini-3.1-flash-lite",
      "gemini-3.1-flash-lite",
      price(0.25, 1.5, 0.025, 0.125, 0.75),
      1_048_576,
      65_536,
    ),
    row("google/gemini-2.5-pro", "gemini-2.5-pro", price(1.25, 10, 0.125), 1_048_576, 65_536),
    row("google/gemini-2.5-flash", "gemini-2.5-flash", price(0.3, 2.5, 0.03), 1_048_576, 65_536),
    row(
      "google/gemini-2.5-flash-lite",
      "gemini-2.5-flash-lite",
      price(0.1, 0.4, 0.01),
      1_048_576,
      65_536,
    ),
    row("google/gemma-4-31b", "gemma-4-31b-it", UNPRICED, 262_144, 32_768),
    row("google/gemma-4-26b-a4b", "gemma-4-26b-a4b-it", UNPRICED, 262_144, 32_768),
    // Gemma on the Gemini API is free of charge (with rate limits).
    row("google/gemma-3-27b", "gemma-3-27b-it", price(0, 0), 131_072, 8_192),
  ],
);

const MISTRAL = offerings(
  "mistral",
  {
    regions: ["eu"],
    apiStyles: ["mistral-chat", "openai-compatible"],
    sourceUrl: "https://mistral.ai/pricing#api-pricing",
  },
  [
    row("mistral/mistral-large-3", "mistral-large-2512", price(0.5, 1.5), 262_144, null),
    row("mistral/mistral-medium-3.1", "mistral-medium-2508", price(0.4, 2), 262_144, null),
    row("mistral/mistral-medium-3", "mistral-medium-2505", price(0.4, 2), 131_072, null),
    row("mistral/mistral-small-3.2", "mistral-small-2506", price(0.1, 0.3), 128_000, 16_384),
  ],
);

const COHERE = offerings(
  "cohere",
  {
    regions: ["global"],
    apiStyles: ["cohere-chat", "openai-compatible"],
    sourceUrl: "https://cohere.com/pricing",
  },
  [
    row("cohere/command-a", "command-a-03-2025", price(2.5, 10), 256_000, 8_000),
    row("cohere/command-r-plus-08-2024", "command-r-plus-08-2024", price(2.5, 10), 128_000, 4_000),
    row("cohere/command-r-08-2024", "command-r-08-2024", price(0.15, 0.6), 128_000, 4_000),
  ],
);

const DEEPSEEK = offerings(
  "deepseek",
  {
    regions: ["cn"],
    apiStyles: ["openai-compatible", "anthropic-messages"],
    sourceUrl: "https://api-docs.deepseek.com/quick_start/pricing",
  },
  [
    row("deepseek/deepseek-v4-pro", "deepseek-v4-pro", price(0.435, 0.87, 0.003625), M, 384_000),
    row("deepseek/deepseek-v4-flash", "deepseek-v4-flash", price(0.14, 0.28, 0.0028), M, 384_000),
  ],
);

const XAI = offerings(
  "xai",
  {
    regions: ["global"],
    apiStyles: ["openai-compatible", "openai-responses"],
    sourceUrl: "https://docs.x.ai/docs/models",
  },
  [
    row("xai/grok-4.3", "grok-4.3", price(1.25, 2.5, 0.2), M, 30_000),
    row("xai/grok-4.20", "grok-4.20-0309-reasoning", price(1.25, 2.5, 0.2), M, 30_000),
  ],
);

// Open weights on your own servers: no per-token price, and the native id is the weights' name.
function huggingFace(repo: string): string {
  return `https://huggingface.co/${repo}`;
}

const SELF_HOSTED = offerings(
  "self-hosted",
  { regions: [], apiStyles: ["openai-compatible"], sourceUrl: "https://huggingface.co/models" },
  (
    [
      ["openai/gpt-oss-120b", "openai/gpt-oss-120b", 131_072],
      ["openai/gpt-oss-20b", "openai/gpt-oss-20b", 131_072],
      ["meta/llama-3.3-70b-instruct", "meta-llama/Llama-3.3-70B-Instruct", 131_072],
      ["meta/llama-4-scout-17b-16e-instruct", "meta-llama/Llama-4-Scout-17B-16E-Instruct", null],
      ["google/gemma-3-27b", "google/gemma-3-27b-it", 131_072],
      ["mistral/mistral-small-3.2", "mistralai/Mistral-Small-3.2-24B-Instruct-2506", 131_072],
      ["microsoft/phi-4", "microsoft/phi-4", 16_384],
      ["deepseek/deepseek-r1", "deepseek-ai/DeepSeek-R1", null],
      ["qwen/qwen3-235b-a22b-instruct-2507", "Qwen/Qwen3-235B-A22B-Instruct-2507", 262_144],
      ["ibm/granite-4.0-h-small", "ibm-granite/granite-4.0-h-small", null],
    ] as const
  ).map(([model, repo, context]) => ({
    model,
    native: repo,
    prices: UNPRICED,
    context,
    maxOutput: null,
    sourceUrl: huggingFace(repo),
  })),
);

/** Every seed offering: one canonical model on one platform. */
export const SEED_OFFERINGS: readonly OfferingFact[] = [
  ...ANTHROPIC,
  ...AWS_BEDROCK,
  ...AZURE_FOUNDRY,
  ...GCP_VERTEX,
  ...OCI_GENAI,
  ...IBM_WATSONX,
  ...SNOWFLAKE_CORTEX,
  ...DATABRICKS,
  ...OPENAI,
  ...GOOGLE_AI,
  ...MISTRAL,
  ...COHERE,
  ...DEEPSEEK,
  ...XAI,
  ...SELF_HOSTED,
];

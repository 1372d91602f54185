import type { ModelFact } from "../types";

const ANTHROPIC_MODELS = "https://docs.anthropic.com/en/docs/about-claude/models/overview";
const OPENAI_MODELS = "https://platform.openai.com/docs/models";
const GPT_OSS = "https://openai.com/index/introducing-gpt-oss/";
const GEMINI_MODELS = "https://ai.google.dev/gemini-api/docs/models";
const GEMMA_MODELS = "https://ai.google.dev/gemma/docs/core";
const LLAMA_MODELS = "https://www.llama.com/models/";
const MISTRAL_MODELS = "https://docs.mistral.ai/getting-started/models/";
const NOVA_MODELS = "https://docs.aws.amazon.com/nova/latest/userguide/what-is-nova.html";
const TITAN_MODELS = "https://docs.aws.amazon.com/bedrock/latest/userguide/titan-text-models.html";
const PHI_MODELS = "https://azure.microsoft.com/products/phi";
const COHERE_MODELS = "https://docs.cohere.com/docs/models";
const DEEPSEEK_MODELS = "https://api-docs.deepseek.com/quick_start/pricing";
const XAI_MODELS = "https://docs.x.ai/docs/models";

type ModelRow = [
  id: string,
  name: string,
  family: string,
  openWeights: boolean,
  releaseDate: string | null,
  sourceUrl: string,
];

/** The vendor is the part of the canonical id before the slash. */
function toModel([id, name, family, openWeights, releaseDate, sourceUrl]: ModelRow): ModelFact {
  const vendor = id.slice(0, id.indexOf("/"));
  return { id, name, vendor, family, openWeights, releaseDate, sourceUrl };
}

// Canonical ids are "<vendor>/<model>" with dots in version numbers and no platform prefixes,
// date stamps or "-preview" suffixes: the same model keeps one id wherever it is sold.
const ROWS: ModelRow[] = [
  ["anthropic/claude-opus-4.8", "Claude Opus 4.8", "claude", false, "2026-05-28", ANTHROPIC_MODELS],
  ["anthropic/claude-opus-4.7", "Claude Opus 4.7", "claude", false, "2026-04-16", ANTHROPIC_MODELS],
  ["anthropic/claude-opus-4.5", "Claude Opus 4.5", "claude", false, "2025-11-24", ANTHROPIC_MODELS],
  ["anthropic/claude-opus-4.1", "Claude Opus 4.1", "claude", false, "2025-08-05", ANTHROPIC_MODELS],
  ["anthropic/claude-sonnet-5", "Claude Sonnet 5", "claude", false, "2026-06-30", ANTHROPIC_MODELS],
  [
    "anthropic/claude-sonnet-4.6",
    "Claude Sonnet 4.6",
    "claude",
    false,
    "2026-02-17",
    ANTHROPIC_MODELS,
  ],
  [
    "anthropic/claude-sonnet-4.5",
    "Claude Sonnet 4.5",
    "claude",
    false,
    "2025-09-29",
    ANTHROPIC_MODELS,
  ],
  [
    "anthropic/claude-haiku-4.5",
    "Claude Haiku 4.5",
    "claude",
    false,
    "2025-10-15",
    ANTHROPIC_MODELS,
  ],

  ["openai/gpt-5.5", "GPT-5.5", "gpt", false, "2026-04-23", OPENAI_MODELS],
  ["openai/gpt-5.4", "GPT-5.4", "gpt", false, "2026-03-05", OPENAI_MODELS],
  ["openai/gpt-5.4-mini", "GPT-5.4 mini", "gpt", false, "2026-03-17", OPENAI_MODELS],
  ["openai/gpt-5.4-nano", "GPT-5.4 nano", "gpt", false, "2026-03-17", OPENAI_MODELS],
  ["openai/gpt-5.2", "GPT-5.2", "gpt", false, "2025-12-11", OPENAI_MODELS],
  ["openai/gpt-5", "GPT-5", "gpt", false, "2025-08-07", OPENAI_MODELS],
  ["openai/gpt-5-mini", "GPT-5 mini", "gpt", false, "2025-08-07", OPENAI_MODELS],
  ["openai/gpt-4.1", "GPT-4.1", "gpt", false, "2025-04-14", OPENAI_MODELS],
  ["openai/gpt-4.1-mini", "GPT-4.1 mini", "gpt", false, "2025-04-14", OPENAI_MODELS],
  ["openai/gpt-oss-120b", "gpt-oss-120b", "gpt-oss", true, "2025-08-05", GPT_OSS],
  ["openai/gpt-oss-20b", "gpt-oss-20b", "gpt-oss", true, "2025-08-05", GPT_OSS],

  ["google/gemini-3.1-pro", "Gemini 3.1 Pro", "gemini", false, "2026-02-19", GEMINI_MODELS],
  ["google/gemini-3.5-flash", "Gemini 3.5 Flash", "gemini", false, "2026-05-19", GEMINI_MODELS],
  ["google/gemini-3-flash", "Gemini 3 Flash", "gemini", false, "2025-12-17", GEMINI_MODELS],
  [
    "google/gemini-3.1-flash-lite",
    "Gemini 3.1 Flash-Lite",
    "gemini",
    false,
    "2026-05-07",
    GEMINI_MODELS,
  ],
  ["google/gemini-2.5-pro", "Gemini 2.5 Pro", "gemini", false, "2025-06-17", GEMINI_MODELS],
  ["google/gemini-2.5-flash", "Gemini 2.5 Flash", "gemini", false, "2025-06-17", GEMINI_MODELS],
  [
    "google/gemini-2.5-flash-lite",
    "Gemini 2.5 Flash-Lite",
    "gemini",
    false,
    "2025-07-22",
    GEMINI_MODELS,
  ],
  ["google/gemma-4-31b", "Gemma 4 31B", "gemma", true, "2026-04-02", GEMMA_MODELS],
  ["google/gemma-4-26b-a4b", "Gemma 4 26B A4B", "gemma", true, "2026-04-02", GEMMA_MODELS],
  ["google/gemma-3-27b", "Gemma 3 27B", "gemma", true, "2025-03-12", GEMMA_MODELS],

  [
    "meta/llama-4-maverick-17b-128e-instruct",
    "Llama 4 Maverick",
    "llama",
    true,
    "2025-04-05",
    LLAMA_MODELS,
  ],
  [
    "meta/llama-4-scout-17b-16e-instruct",
    "Llama 4 Scout",
    "llama",
    true,
    "2025-04-05",
    LLAMA_MODELS,
  ],
  [
    "meta/llama-3.3-70b-instruct",
    "Llama 3.3 70B Instruct",
    "llama",
    true,
    "2024-12-06",
    LLAMA_MODELS,
  ],
  [
    "meta/llama-3.1-8b-instruct",
    "Llama 3.1 8B Instruct",
    "llama",
    true,
    "2024-07-23",
    LLAMA_MODELS,
  ],

  ["mistral/mistral-large-3", "Mistral Large 3", "mistral", true, "2025-12-02", MISTRAL_MODELS],
  [
    "mistral/mistral-medium-3.1",
    "Mistral Medium 3.1",
    "mistral",
    false,
    "2025-08-12",
    MISTRAL_MODELS,
  ],
  ["mistral/mistral-medium-3", "Mistral Medium 3", "mistral", false, "2025-05-07", MISTRAL_MODELS],
  ["mistral/mistral-small-3.2", "Mistral Small 3.2", "mistral", true, "2025-06-20", MISTRAL_MODELS],
  ["mistral/mistral-small-3.1", "Mistral Small 3.1", "mistral", true, "2025-03-17", MISTRAL_MODELS],

  ["amazon/nova-premier", "Amazon Nova Premier", "nova", false, "2025-04-30", NOVA_MODELS],
  ["amazon/nova-pro", "Amazon Nova Pro", "nova", false, "2024-12-03", NOVA_MODELS],
  ["amazon/nova-lite", "Amazon Nova Lite", "nova", false, "2024-12-03", NOVA_MODELS],
  ["amazon/nova-micro", "Amazon Nova Micro", "nova", false, "2024-12-03", NOVA_MODELS],
  ["amazon/nova-2-lite", "Amazon Nova 2 Lite", "nova", false, "2025-12-02", NOVA_MODELS],
  ["amazon/titan-text-premier", "Amazon Titan Text Premier", "titan", false, null, TITAN_MODELS],

  ["microsoft/phi-4", "Phi-4", "phi", true, "2024-12-12", PHI_MODELS],
  ["microsoft/phi-4-mini", "Phi-4-mini", "phi", true, "2025-02-26", PHI_MODELS],
  ["microsoft/phi-4-multimodal", "Phi-4-multimodal", "phi", true, "2025-02-26", PHI_MODELS],
  ["microsoft/phi-4-reasoning", "Phi-4-reasoning", "phi", true, "2025-04-30", PHI_MODELS],

  // Cohere publishes Command weights for non-commercial use only; they still count as open.
  ["cohere/command-a", "Command A", "command", true, "2025-03-13", COHERE_MODELS],
  [
    "cohere/command-r-plus-08-2024",
    "Command R+ (08-2024)",
    "command",
    true,
    "2024-08-30",
    COHERE_MODELS,
  ],
  ["cohere/command-r-08-2024", "Command R (08-2024)", "command", true, "2024-08-30", COHERE_MODELS],

  ["deepseek/deepseek-v4-pro", "DeepSeek V4 Pro", "deepseek", true, "2026-04-24", DEEPSEEK_MODELS],
  [
    "deepseek/deepseek-v4-flash",
    "DeepSeek V4 Flash",
    "deepseek",
    true,
    "2026-04-24",
    DEEPSEEK_MODELS,
  ],
  ["deepseek/deepseek-v3.2", "DeepSeek V3.2", "deepseek", true, "2025-12-01", DEEPSEEK_MODELS],
  ["deepseek/deepseek-v3.1", "DeepSeek V3.1", "deepseek", true, "2025-08-21", DEEPSEEK_MODELS],
  ["deepseek/deepseek-r1", "DeepSeek R1", "deepseek", true, "2025-01-20", DEEPSEEK_MODELS],

  ["xai/grok-4.3", "Grok 4.3", "grok", false, "2026-04-17", XAI_MODELS],
  ["xai/grok-4.20", "Grok 4.20", "grok", false, "2026-03-09", XAI_MODELS],

  [
    "qwen/qwen3-235b-a22b-instruct-2507",
    "Qwen3 235B A22B Instruct 2507",
    "qwen",
    true,
    null,
    "https://huggingface.co/Qwen/Qwen3-235B-A22B-Instruct-2507",
  ],
  [
    "ai21/jamba-1.5-large",
    "Jamba 1.5 Large",
    "jamba",
    true,
    "2024-08-22",
    "https://docs.ai21.com/docs/jamba-15-models",
  ],
  [
    "ibm/granite-4.0-h-small",
    "Granite 4.0 H Small",
    "granite",
    true,
    "2025-10-02",
    "https://www.ibm.com/granite/docs/models/granite",
  ],
];

/** Canonical models, independent of where they are served. */
export const SEED_MODELS: readonly ModelFact[] = ROWS.map(toModel);

/**
 * The platforms Crossbench knows from its first start. Models and offerings arrive with the
 * catalogue (curated seed and LiteLLM / models.dev syncs); platforms are the frame they hang on.
 * Facts as of the snapshot date, each with the page it came from.
 */

export type PlatformSeed = {
  id: string;
  name: string;
  kind: "cloud" | "vendor_api" | "self_hosted";
  owner: string;
  homepageUrl: string | null;
  sourceUrl: string;
};

export const SEED_SNAPSHOT = {
  id: "seed-platforms-2026-07-01",
  source: "seed",
  // The seed is part of this repository; each platform row carries its own public source.
  sourceUrl: "crossbench-seed:prisma/seed/platforms.ts",
  takenAt: new Date("2026-07-01T00:00:00Z"),
  note: "Curated list of platforms shipped with Crossbench.",
} as const;

export const PLATFORMS: readonly PlatformSeed[] = [
  {
    id: "aws-bedrock",
    name: "AWS Bedrock",
    kind: "cloud",
    owner: "Amazon",
    homepageUrl: "https://aws.amazon.com/bedrock/",
    sourceUrl: "https://aws.amazon.com/bedrock/pricing/",
  },
  {
    id: "azure-foundry",
    name: "Azure AI Foundry",
    kind: "cloud",
    owner: "Microsoft",
    homepageUrl: "https://azure.microsoft.com/products/ai-foundry",
    sourceUrl: "https://azure.microsoft.com/pricing/details/cognitive-services/openai-service/",
  },
  {
    id: "gcp-vertex",
    name: "Google Vertex AI",
    kind: "cloud",
    owner: "Google",
    homepageUrl: "https://cloud.google.com/vertex-ai",
    sourceUrl: "https://cloud.google.com/vertex-ai/generative-ai/pricing",
  },
  {
    id: "oci-genai",
    name: "OCI Generative AI",
    kind: "cloud",
    owner: "Oracle",
    homepageUrl:
      "https://www.oracle.com/artificial-intelligence/generative-ai/generative-ai-service/",
    sourceUrl: "https://www.oracle.com/cloud/price-list/",
  },
  {
    id: "ibm-watsonx",
    name: "IBM watsonx.ai",
    kind: "cloud",
    owner: "IBM",
    homepageUrl: "https://www.ibm.com/products/watsonx-ai",
    sourceUrl: "https://www.ibm.com/products/watsonx-ai/pricing",
  },
  {
    id: "snowflake-cortex",
    name: "Snowflake Cortex AI",
    kind: "cloud",
    owner: "Snowflake",
    homepageUrl: "https://www.snowflake.com/en/product/features/cortex/",
    sourceUrl: "https://www.snowflake.com/legal-files/CreditConsumptionTable.pdf",
  },
  {
    id: "databricks",
    name: "Databricks Model Serving",
    kind: "cloud",
    owner: "Databricks",
    homepageUrl: "https://www.databricks.com/product/model-serving",
    sourceUrl: "https://www.databricks.com/product/pricing/foundation-model-serving",
  },
  {
    id: "openai",
    name: "OpenAI API",
    kind: "vendor_api",
    owner: "OpenAI",
    homepageUrl: "https://platform.openai.com/",
    sourceUrl: "https://openai.com/api/pricing/",
  },
  {
    id: "anthropic",
    name: "Anthropic API",
    kind: "vendor_api",
    owner: "Anthropic",
    homepageUrl: "https://www.anthropic.com/api",
    sourceUrl: "https://www.anthropic.com/pricing",
  },
  {
    id: "google-ai",
    name: "Google AI (Gemini API)",
    kind: "vendor_api",
    owner: "Google",
    homepageUrl: "https://ai.google.dev/",
    sourceUrl: "https://ai.google.dev/gemini-api/docs/pricing",
  },
  {
    id: "mistral",
    name: "Mistral AI API",
    kind: "vendor_api",
    owner: "Mistral AI",
    homepageUrl: "https://mistral.ai/",
    sourceUrl: "https://mistral.ai/pricing",
  },
  {
    id: "self-hosted",
    name: "Self-hosted (OpenAI-compatible)",
    kind: "self_hosted",
    owner: "Your organisation",
    homepageUrl: null,
    sourceUrl: "https://platform.openai.com/docs/api-reference/chat",
  },
];

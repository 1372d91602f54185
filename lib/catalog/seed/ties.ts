import type { PlatformOwner } from "../platforms";
import type { VendorTieFact } from "../types";

/**
 * Documented financial and commercial links between platform owners and model vendors. A cloud
 * and the vendors it has invested in count as "closely connected" in the concentration factor,
 * and a cloud's own router may favour them. `platformOwner` is a registry PlatformOwner and
 * `vendor` matches ModelFact.vendor.
 */
export const SEED_TIES: readonly VendorTieFact[] = [
  {
    platformOwner: "Amazon",
    vendor: "anthropic",
    kind: "equity",
    amountUsd: 8_000_000_000,
    announcedOn: "2024-11-22",
    description:
      "Minority stake built up to $8B: $4B in 2023-24 and a further $4B announced in November 2024, with AWS named Anthropic's primary cloud and training partner.",
    sourceUrl:
      "https://www.aboutamazon.com/news/aws/amazon-invests-additional-4-billion-anthropic-ai",
  },
  {
    platformOwner: "Amazon",
    vendor: "openai",
    kind: "equity",
    amountUsd: 50_000_000_000,
    announcedOn: "2026-02-27",
    description:
      "$50B investment ($15B at once, $35B more on conditions) in OpenAI's $110B round, alongside an expanded AWS compute agreement and OpenAI models on Bedrock.",
    sourceUrl:
      "https://ainewshome.com/article/amazon-invests-50-billion-openai-110-billion-funding-round",
  },
  {
    platformOwner: "Microsoft",
    vendor: "openai",
    kind: "equity",
    amountUsd: 13_000_000_000,
    announcedOn: "2023-01-23",
    description:
      "Long-standing investor since 2019 (about $13B in total); holds roughly 27% of OpenAI after the October 2025 recapitalisation.",
    sourceUrl: "https://blogs.microsoft.com/blog/2023/01/23/microsoftandopenaiextendpartnership/",
  },
  {
    platformOwner: "Microsoft",
    vendor: "openai",
    kind: "exclusive_hosting",
    amountUsd: null,
    announcedOn: "2025-10-28",
    description:
      "Azure keeps exclusive rights to host OpenAI's stateless APIs for its frontier models; other clouds may serve open-weight models and products OpenAI builds with third parties.",
    sourceUrl:
      "https://blogs.microsoft.com/blog/2025/10/28/the-next-chapter-of-the-microsoft-openai-partnership/",
  },
  {
    platformOwner: "Microsoft",
    vendor: "anthropic",
    kind: "equity",
    amountUsd: 5_000_000_000,
    announcedOn: "2025-11-18",
    description:
      "Microsoft invests up to $5B and NVIDIA up to $10B in Anthropic; Anthropic commits $30B of Azure compute and Claude comes to Microsoft Foundry.",
    sourceUrl:
      "https://blogs.microsoft.com/blog/2025/11/18/microsoft-nvidia-and-anthropic-announce-strategic-partnerships/",
  },
  {
    platformOwner: "Google",
    vendor: "anthropic",
    kind: "equity",
    amountUsd: 3_000_000_000,
    announcedOn: "2025-03-11",
    description:
      "Minority stake of about 14% (capped at 15%, no voting rights or board seat), from more than $3B invested since 2023, as disclosed in court filings.",
    sourceUrl:
      "https://theoutpost.ai/news-story/google-s-3-billion-investment-in-anthropic-reveals-deep-ties-in-ai-race-13141",
  },
  {
    platformOwner: "Amazon",
    vendor: "amazon",
    kind: "first_party",
    amountUsd: null,
    announcedOn: null,
    description: "Amazon's own model families, Nova and Titan, sold on Bedrock.",
    sourceUrl: "https://aws.amazon.com/ai/generative-ai/nova/",
  },
  {
    platformOwner: "Microsoft",
    vendor: "microsoft",
    kind: "first_party",
    amountUsd: null,
    announcedOn: null,
    description: "Microsoft's own Phi small language models, sold among clouds only on Azure.",
    sourceUrl: "https://azure.microsoft.com/products/phi",
  },
  {
    platformOwner: "Google",
    vendor: "google",
    kind: "first_party",
    amountUsd: null,
    announcedOn: null,
    description: "Google's own Gemini models and Gemma open-weight models.",
    sourceUrl: "https://deepmind.google/models/",
  },
] satisfies readonly (VendorTieFact & { platformOwner: PlatformOwner })[];

/**
 * Facts the catalogue does not hold but the lock-in factors need: internet egress list prices per
 * cloud, the kinds of proprietary platform services and how hard each is to move, and documented
 * pass-through hosting arrangements. Each carries its source and the date it was checked.
 */

import type { PlatformId } from "@/lib/catalog/platforms";

/** The date the reference facts below were checked, as shown in evidence rows. */
export const REFERENCE_DATE = "2026-07-01";

/** The date from which the EU Data Act (Art. 29(1)) forbids switching charges. */
export const DATA_ACT_NO_SWITCHING_CHARGES_FROM = "2027-01-12";

export const DATA_ACT_URL = "https://eur-lex.europa.eu/eli/reg/2023/2854/oj";

/** Internet egress price of a platform, first paid tier, USD per GB. */
export type EgressPrice = {
  usdPerGb: number;
  note: string;
  sourceUrl: string;
  /** A documented waiver of egress charges for customers who leave, if the cloud has one. */
  exitWaiver?: { note: string; sourceUrl: string };
};

/**
 * Egress list prices by platform id. Null where there is no published figure Crossbench trusts:
 * the factor is then unknown for a cloud or a self-hosted server, and zero for a vendor API, which
 * publishes no egress charge at all.
 */
export const EGRESS_PRICES: Readonly<Partial<Record<string, EgressPrice | null>>> = {
  "aws-bedrock": {
    usdPerGb: 0.09,
    note: "AWS data transfer out to the internet, first 10 TB per month",
    sourceUrl: "https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer",
    exitWaiver: {
      note: "AWS waives data transfer out for customers moving all their data off AWS (on request, since March 2024)",
      sourceUrl:
        "https://aws.amazon.com/blogs/aws/free-data-transfer-out-to-internet-when-moving-out-of-aws/",
    },
  },
  "azure-foundry": {
    usdPerGb: 0.087,
    note: "Azure internet egress (Microsoft premium global network), first 10 TB per month",
    sourceUrl: "https://azure.microsoft.com/pricing/details/bandwidth/",
  },
  "gcp-vertex": {
    usdPerGb: 0.12,
    note: "Google Cloud premium-tier internet egress, first 1 TiB per month",
    sourceUrl: "https://cloud.google.com/vpc/network-pricing",
    exitWaiver: {
      note: "Google Cloud waives data transfer fees for customers migrating off Google Cloud (on request, since January 2024)",
      sourceUrl:
        "https://cloud.google.com/blog/products/networking/eliminating-data-transfer-fees-when-migrating-off-google-cloud",
    },
  },
  "oci-genai": {
    usdPerGb: 0.0085,
    note: "OCI outbound data transfer after the first 10 TB free per month",
    sourceUrl: "https://www.oracle.com/cloud/networking/pricing/",
  },
  "ibm-watsonx": {
    usdPerGb: 0.09,
    note: "IBM Cloud public outbound bandwidth, first paid tier",
    sourceUrl: "https://www.ibm.com/cloud/bandwidth",
  },
  "snowflake-cortex": null,
  databricks: null,
  openai: null,
  anthropic: null,
  "google-ai": null,
  mistral: null,
  cohere: null,
  deepseek: null,
  xai: null,
  // No egress price recorded: OpenRouter's pricing FAQ (https://openrouter.ai/docs/faq) speaks of
  // per-token prices and prepaid credits only. Null, so data gravity treats it as it treats the
  // vendors' own APIs (its kind); with no offerings in the seed it is not scored at all.
  openrouter: null,
  "self-hosted": null,
} satisfies Record<PlatformId, EgressPrice | null>;

/** The kinds of platform service a workload may rely on. */
export const SERVICE_KINDS = [
  "managed-agents",
  "model-router",
  "guardrails",
  "knowledge-bases",
  "provisioned-throughput",
  "fine-tuning",
  "batch-inference",
  "prompt-management",
] as const;

/** A kind of platform service. */
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** A kind of service and how hard it is to move (0 = portable equivalent, 100 = rebuild). */
export type ServiceKindInfo = {
  label: string;
  /** Lock score 0–100: the share of the service that must be rebuilt elsewhere. */
  lock: number;
  why: string;
  sourceUrl: string;
};

export const SERVICE_KIND_INFO: Readonly<Record<ServiceKind, ServiceKindInfo>> = {
  "managed-agents": {
    label: "Managed agents",
    lock: 90,
    why: "agent definitions, memory and tool wiring use each platform's own formats (Bedrock Agents, Foundry Agent Service, Vertex Agent Engine)",
    sourceUrl: "https://aws.amazon.com/bedrock/agents/",
  },
  "model-router": {
    label: "Model router",
    lock: 80,
    why: "the router only picks among its own platform's catalogue (Bedrock Intelligent Prompt Routing, Foundry Model Router)",
    sourceUrl: "https://aws.amazon.com/bedrock/intelligent-prompt-routing/",
  },
  guardrails: {
    label: "Guardrails",
    lock: 50,
    why: "filter policies and their thresholds must be re-expressed and re-tested in another platform's filter",
    sourceUrl: "https://aws.amazon.com/bedrock/guardrails/",
  },
  "knowledge-bases": {
    label: "Knowledge bases (managed RAG)",
    lock: 60,
    why: "source documents move, but chunking, embeddings and retrieval settings are platform-specific and must be rebuilt",
    sourceUrl: "https://aws.amazon.com/bedrock/knowledge-bases/",
  },
  "provisioned-throughput": {
    label: "Provisioned throughput",
    lock: 70,
    why: "capacity is bought for a term (commitments of one month or more) on one platform and one model",
    sourceUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/prov-throughput.html",
  },
  "fine-tuning": {
    label: "Fine-tuned models",
    lock: 80,
    why: "custom weights of proprietary base models cannot be exported; the training data can, so the tuning must be redone",
    sourceUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models.html",
  },
  "batch-inference": {
    label: "Batch inference",
    lock: 20,
    why: "every major platform offers batch jobs; only the job file formats differ",
    sourceUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/batch-inference.html",
  },
  "prompt-management": {
    label: "Prompt management",
    lock: 30,
    why: "prompts are text and export easily; versions, variables and flows are platform-specific",
    sourceUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-management.html",
  },
};

/** A documented arrangement in which a platform passes requests for a vendor's models to another party. */
export type PassThrough = {
  platformId: PlatformId;
  vendor: string;
  note: string;
  sourceUrl: string;
  date: string;
};

export const PASS_THROUGH_HOSTING: readonly PassThrough[] = [
  {
    platformId: "azure-foundry",
    vendor: "anthropic",
    note: "Claude in Microsoft Foundry runs on Anthropic's infrastructure, not Azure's",
    sourceUrl:
      "https://blogs.microsoft.com/blog/2025/11/18/microsoft-nvidia-and-anthropic-announce-strategic-partnerships/",
    date: "2025-11-18",
  },
];

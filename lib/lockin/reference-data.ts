/**
 * Facts the catalogue does not hold but the lock-in factors need: internet egress list prices per
 * cloud, the kinds of proprietary platform services and how hard each is to move, and documented
 * pass-through hosting arrangements. Each carries its source and the date it was checked.
 */

import type { PlatformId } from "@/lib/catalog/platforms";

/**
 * How a reference fact was last checked. `confirmed`: on `checkedOn` the source (or, where the
 * vendor's page could not be reached, a dated copy or report of it) said what the fact says.
 * `unconfirmed`: the fact stands as first written and has not yet been compared with its source;
 * the lock-in page says so beside it.
 */
export type FactCheck = {
  sourceUrl: string;
  checkedOn: string;
  check: "confirmed" | "unconfirmed";
};

/** The date the EU Data Act (Art. 29(1)) forbids switching charges from. */
export const DATA_ACT_NO_SWITCHING_CHARGES_FROM = "2027-01-12";

export const DATA_ACT_URL = "https://eur-lex.europa.eu/eli/reg/2023/2854/oj";

/** The EU Data Act fact itself: Art. 29's dates, checked against the regulation's text. */
export const DATA_ACT_FACT: FactCheck = {
  sourceUrl: DATA_ACT_URL,
  checkedOn: "2026-12-07",
  check: "confirmed",
};

/**
 * What a customer must do to have a cloud waive internet egress when leaving. `scope` says what
 * must be left: the whole cloud (every service and subscription) or each service that holds the
 * data. Conditions are summarised in our own words; the source has the binding text.
 */
export type ExitWaiver = FactCheck & {
  announcedOn: string;
  summary: string;
  scope: "whole-cloud" | "each-service";
  /** What data the credit covers, as the source words the limit (summarised). */
  covers: string;
  conditions: readonly string[];
};

/** Internet egress price of a platform, first paid tier, USD per GB. */
export type EgressPrice = FactCheck & {
  usdPerGb: number;
  /** GB a month that leave free of charge before the price applies (0 when none). */
  freeGbPerMonth: number;
  note: string;
  /** A documented waiver of egress charges for customers who leave, if the cloud has one. */
  exitWaiver?: ExitWaiver;
};

/**
 * Egress list prices by platform id. Null where there is no published figure Crossbench trusts:
 * the factor is then unknown for a cloud or a self-hosted server, and zero for a vendor API, which
 * publishes no egress charge at all.
 *
 * Checked on 2026-12-07 (see the note "Reference facts" in the README): AWS's and Azure's first
 * paid tier and free 100 GB, Google's premium-tier first tier and OCI's free 10 TB were confirmed;
 * OCI's free allowance had been written down but not applied (a 2,000 GB exit was charged at
 * $0.0085/GB instead of nothing). Azure's exit waiver (12 March 2024) was missing and is added.
 */
export const EGRESS_PRICES: Readonly<Partial<Record<string, EgressPrice | null>>> = {
  "aws-bedrock": {
    usdPerGb: 0.09,
    freeGbPerMonth: 100,
    note: "AWS data transfer out to the internet, first 10 TB per month after 100 GB free",
    sourceUrl: "https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer",
    checkedOn: "2026-12-07",
    check: "confirmed",
    exitWaiver: {
      announcedOn: "2024-03-05",
      summary:
        "AWS credits data transfer out to the internet for customers moving their data off AWS",
      scope: "whole-cloud",
      covers: "all data transferred out to the internet for the move",
      conditions: [
        "ask AWS Support and have the request approved",
        "move all data and workloads off AWS, within 60 days of approval",
        "the credit is applied afterwards; repeated requests get extra scrutiny",
      ],
      sourceUrl:
        "https://aws.amazon.com/blogs/aws/free-data-transfer-out-to-internet-when-moving-out-of-aws/",
      checkedOn: "2026-12-07",
      check: "confirmed",
    },
  },
  "azure-foundry": {
    usdPerGb: 0.087,
    freeGbPerMonth: 100,
    note: "Azure internet egress (Microsoft premium global network), first 10 TB per month after 100 GB free",
    sourceUrl: "https://azure.microsoft.com/pricing/details/bandwidth/",
    checkedOn: "2026-12-07",
    check: "confirmed",
    exitWaiver: {
      announcedOn: "2024-03-12",
      summary:
        "Azure credits internet egress for customers leaving Azure for another cloud or their own data centre",
      scope: "whole-cloud",
      covers: "data held in Azure Storage, taken out over the internet",
      conditions: [
        "open an Azure Support request stating the intent to leave",
        "move the data out within 60 days",
        "cancel every Azure subscription of the account",
        "only Azure Storage data and internet egress are credited",
      ],
      sourceUrl:
        "https://learn.microsoft.com/azure/cost-management-billing/manage/cancel-azure-subscription#what-data-transfer-fees-are-applied-when-moving-all-data-off-azure",
      checkedOn: "2026-12-07",
      check: "confirmed",
    },
  },
  "gcp-vertex": {
    usdPerGb: 0.12,
    freeGbPerMonth: 0,
    note: "Google Cloud premium-tier internet egress, first 1 TiB per month",
    sourceUrl: "https://cloud.google.com/vpc/network-pricing",
    checkedOn: "2026-12-07",
    check: "confirmed",
    exitWaiver: {
      announcedOn: "2024-01-11",
      summary:
        "Google Cloud credits data transfer for customers who stop using a Google Cloud service and move its data elsewhere",
      scope: "each-service",
      covers:
        "data in Google Cloud storage and data-management products, on the premium network tier",
      conditions: [
        "submit an exit notice, then start the move within the initiation period Google sets",
        "move all workloads and production data of the service being left, and confirm when done",
        "intend to end the contract for that service; Google may audit the move",
      ],
      sourceUrl: "https://cloud.google.com/exit-cloud",
      checkedOn: "2026-12-07",
      check: "confirmed",
    },
  },
  "oci-genai": {
    usdPerGb: 0.0085,
    freeGbPerMonth: 10_240,
    note: "OCI outbound data transfer after the first 10 TB free per month",
    sourceUrl: "https://www.oracle.com/cloud/networking/pricing/",
    checkedOn: "2026-12-07",
    check: "confirmed",
  },
  "ibm-watsonx": {
    usdPerGb: 0.09,
    freeGbPerMonth: 0,
    note: "IBM Cloud public outbound bandwidth, first paid tier",
    sourceUrl: "https://www.ibm.com/cloud/bandwidth",
    checkedOn: "2026-07-01",
    check: "unconfirmed",
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
export type ServiceKindInfo = FactCheck & {
  label: string;
  /** Lock score 0–100: the share of the service that must be rebuilt elsewhere. */
  lock: number;
  /** The reasoning behind the lock score, which is Crossbench's judgement; the source documents the service. */
  why: string;
};

export const SERVICE_KIND_INFO: Readonly<Record<ServiceKind, ServiceKindInfo>> = {
  "managed-agents": {
    label: "Managed agents",
    lock: 90,
    why: "agent definitions and tool wiring use each platform's own formats: Bedrock Agents' action groups are OpenAPI schemas bound to Lambda functions; Foundry Agent Service and Vertex Agent Engine have their own",
    sourceUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/agents-api-schema.html",
    checkedOn: "2026-12-07",
    check: "confirmed",
  },
  "model-router": {
    label: "Model router",
    lock: 80,
    why: "the router picks only among models its own platform serves; Bedrock's routes between models of one model family",
    sourceUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-routing.html",
    checkedOn: "2026-12-07",
    check: "confirmed",
  },
  guardrails: {
    label: "Guardrails",
    lock: 50,
    why: "filter policies and their thresholds (Bedrock: content categories at four strengths, denied topics, word and sensitive-information filters) must be re-expressed and re-tested in another platform's filter",
    sourceUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-components.html",
    checkedOn: "2026-12-07",
    check: "confirmed",
  },
  "knowledge-bases": {
    label: "Knowledge bases (managed RAG)",
    lock: 60,
    why: "source documents move, but the chunking strategy, embeddings model, vector store and sync settings are configured per platform and the index must be rebuilt",
    sourceUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/kb-chunking.html",
    checkedOn: "2026-12-07",
    check: "confirmed",
  },
  "provisioned-throughput": {
    label: "Provisioned throughput",
    lock: 70,
    why: "capacity is bought for one model on one platform, for no term (some models only) or a one- or six-month term that cannot be ended early",
    sourceUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/prov-throughput.html",
    checkedOn: "2026-12-07",
    check: "confirmed",
  },
  "fine-tuning": {
    label: "Fine-tuned models",
    lock: 80,
    why: "custom weights of proprietary base models cannot be exported; the training data can, so the tuning must be redone",
    sourceUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models.html",
    checkedOn: "2026-07-01",
    check: "unconfirmed",
  },
  "batch-inference": {
    label: "Batch inference",
    lock: 20,
    why: "every major platform offers batch jobs; the job files differ (Bedrock reads JSONL records whose body is the platform's own InvokeModel request, from S3)",
    sourceUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-data.html",
    checkedOn: "2026-12-07",
    check: "confirmed",
  },
  "prompt-management": {
    label: "Prompt management",
    lock: 30,
    why: "prompts are text and export easily; their versions, variants, variable syntax and use in flows are platform-specific",
    sourceUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-management.html",
    checkedOn: "2026-12-07",
    check: "confirmed",
  },
};

/** A documented arrangement in which a platform passes requests for a vendor's models to another party. */
export type PassThrough = FactCheck & {
  platformId: PlatformId;
  vendor: string;
  note: string;
};

export const PASS_THROUGH_HOSTING: readonly PassThrough[] = [
  {
    platformId: "azure-foundry",
    vendor: "anthropic",
    // Checked 2026-12-07: Microsoft Learn now documents two hosting options (on Azure, or on
    // Anthropic's infrastructure); the first version of this fact said every request ran on
    // Anthropic's infrastructure. Anthropic sells and operates the models in both.
    note: "Claude in Microsoft Foundry is sold and operated by Anthropic, which processes prompts as an independent processor; with the Anthropic-hosted option they may be processed outside Azure",
    sourceUrl:
      "https://learn.microsoft.com/azure/foundry/responsible-ai/claude-models/data-privacy",
    checkedOn: "2026-12-07",
    check: "confirmed",
  },
];

/** One reference fact as the lock-in page lists it, with the factor it feeds. */
export type ReferenceFactRow = FactCheck & {
  id: string;
  factor: "data-gravity" | "proprietary-services" | "hosting-locus";
  subject: string;
  fact: string;
};

/**
 * Every reference fact in one list, in the order of the factors they feed: egress prices and exit
 * waivers (data gravity), service lock scores (proprietary services), pass-through hosting
 * (hosting locus), and the EU Data Act date.
 */
export function listReferenceFacts(
  platformNames: Readonly<Record<string, string>>,
): ReferenceFactRow[] {
  const name = (id: string) => platformNames[id] ?? id;
  const rows: ReferenceFactRow[] = [];
  for (const [platformId, egress] of Object.entries(EGRESS_PRICES)) {
    if (!egress) continue;
    rows.push({
      id: `egress-${platformId}`,
      factor: "data-gravity",
      subject: `${name(platformId)}: internet egress`,
      fact: `$${egress.usdPerGb}/GB (${egress.note})`,
      sourceUrl: egress.sourceUrl,
      checkedOn: egress.checkedOn,
      check: egress.check,
    });
    const waiver = egress.exitWaiver;
    if (waiver) {
      rows.push({
        id: `waiver-${platformId}`,
        factor: "data-gravity",
        subject: `${name(platformId)}: exit waiver since ${waiver.announcedOn}`,
        fact: `${waiver.summary}. Covers ${waiver.covers}. Conditions: ${waiver.conditions.join("; ")}.`,
        sourceUrl: waiver.sourceUrl,
        checkedOn: waiver.checkedOn,
        check: waiver.check,
      });
    }
  }
  rows.push({
    id: "data-act",
    factor: "data-gravity",
    subject: "EU Data Act, Art. 29",
    fact: `Switching charges (egress for switching included) may only cover costs until 11 Jan 2027 and are not allowed from ${DATA_ACT_NO_SWITCHING_CHARGES_FROM}.`,
    ...DATA_ACT_FACT,
  });
  for (const kind of SERVICE_KINDS) {
    const info = SERVICE_KIND_INFO[kind];
    rows.push({
      id: `service-${kind}`,
      factor: "proprietary-services",
      subject: info.label,
      fact: `Lock ${info.lock}: ${info.why}.`,
      sourceUrl: info.sourceUrl,
      checkedOn: info.checkedOn,
      check: info.check,
    });
  }
  for (const entry of PASS_THROUGH_HOSTING) {
    rows.push({
      id: `pass-through-${entry.platformId}-${entry.vendor}`,
      factor: "hosting-locus",
      subject: `${name(entry.platformId)}: ${entry.vendor} models`,
      fact: `${entry.note}.`,
      sourceUrl: entry.sourceUrl,
      checkedOn: entry.checkedOn,
      check: entry.check,
    });
  }
  return rows;
}

/**
 * The catalogue as plain data: what the curated seed and the importers (LiteLLM, models.dev)
 * produce, and what the store in lib/server writes. Prices are USD per 1M tokens; dates are
 * ISO `YYYY-MM-DD` strings. Every fact carries the URL it came from.
 */

import type { FieldConflict } from "./provenance";

export const API_STYLES = [
  "openai-compatible",
  "openai-responses",
  "azure-openai",
  "anthropic-messages",
  "bedrock-converse",
  "bedrock-invoke",
  "vertex-generate",
  "gemini-api",
  "mistral-chat",
  "cohere-chat",
] as const;
export type ApiStyle = (typeof API_STYLES)[number];

export const CAPABILITIES = [
  "tools",
  "json-mode",
  "vision",
  "streaming",
  "reasoning",
  "prompt-caching",
  "batch",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const LIFECYCLES = ["ga", "preview", "deprecated", "retired"] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

/**
 * What sort of platform it is: a cloud, a hosted model API paid per token (`vendor_api`: a model
 * vendor's own, or a reseller's such as OpenRouter), or a server you run.
 */
export type PlatformKind = "cloud" | "vendor_api" | "self_hosted";

export type PlatformFact = {
  /** Stable slug: a PlatformId of the registry in ./platforms for every curated platform. */
  id: string;
  /** The display name, e.g. "AWS Bedrock". */
  name: string;
  kind: PlatformKind;
  /** The company that runs it, e.g. "Amazon"; matched against VendorTieFact.platformOwner. */
  owner: string;
  homepageUrl: string | null;
  /** The page that documents the platform's model prices. */
  sourceUrl: string;
};

export type ModelFact = {
  /** Canonical id, "<vendor>/<model>", e.g. "anthropic/claude-sonnet-4.6". */
  id: string;
  name: string;
  /** Lower-case vendor slug, e.g. "anthropic", "amazon", "meta". */
  vendor: string;
  family: string;
  openWeights: boolean;
  releaseDate: string | null;
  sourceUrl: string;
};

export type Prices = {
  input: number | null;
  output: number | null;
  cachedInput: number | null;
  batchInput: number | null;
  batchOutput: number | null;
};

export type OfferingFact = {
  platformId: string;
  modelId: string;
  /** The platform's own id for the model, e.g. "anthropic.claude-sonnet-4-6-v1:0". */
  nativeId: string;
  regions: string[];
  prices: Prices;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  capabilities: Capability[];
  apiStyles: ApiStyle[];
  lifecycle: Lifecycle;
  deprecationDate: string | null;
  sourceUrl: string;
};

export type VendorTieFact = {
  platformOwner: string;
  vendor: string;
  kind: "equity" | "exclusive_hosting" | "first_party" | "partnership";
  amountUsd: number | null;
  announcedOn: string | null;
  description: string;
  sourceUrl: string;
};

export type SkippedEntry = { key: string; reason: string };

/** One import: everything a source says as of `takenAt`, plus what it deliberately left out. */
export type CatalogBatch = {
  source: "seed" | "litellm" | "models-dev";
  sourceUrl: string;
  /** The date the source's facts are as of (the snapshot date on every row). */
  takenAt: string;
  platforms: PlatformFact[];
  models: ModelFact[];
  offerings: OfferingFact[];
  ties: VendorTieFact[];
  skipped: SkippedEntry[];
};

/** What applying a batch did (or, in a dry run, would do). */
export type CatalogSyncReport = {
  snapshotId: string | null;
  dryRun: boolean;
  created: { models: number; offerings: number; platforms: number; ties: number };
  updated: { models: number; offerings: number; platforms: number; ties: number };
  unchanged: { models: number; offerings: number; platforms: number; ties: number };
  priceChanges: number;
  skipped: SkippedEntry[];
  /** Offerings whose fields changed, with the changed field names (capped for display). */
  changes: { platformId: string; nativeId: string; fields: string[] }[];
  /**
   * Offerings this full sync of their creating source no longer lists: marked withdrawn (or, in
   * a dry run, that would be). Reports stored before withdrawals existed lack it.
   */
  withdrawn: OfferingRef[];
  /** Withdrawn offerings this sync lists again: restored. */
  restored: OfferingRef[];
  /**
   * Fields on which this source and the one that set the stored value disagree beyond tolerance,
   * with the value precedence kept (lib/catalog/provenance); capped for display. Reports stored
   * before provenance existed lack it.
   */
  conflicts: (FieldConflict & { platformId: string; nativeId: string })[];
  /** How many conflicts there were in all. */
  conflictsTotal: number;
};

/** An offering named in a report. */
export type OfferingRef = { platformId: string; nativeId: string; modelId: string };

/** Blended price at 3 input : 1 output tokens, or null when either price is unknown. */
export function blendedPrice(prices: Pick<Prices, "input" | "output">): number | null {
  if (prices.input === null || prices.output === null) return null;
  return (3 * prices.input + prices.output) / 4;
}

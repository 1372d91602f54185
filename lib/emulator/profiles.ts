import type { EmulatedPlatformId } from "../catalog/platforms";
import { SEED_OFFERINGS } from "../catalog/seed";
import { createRandom, hashToSeed } from "./prng";

/*
 * SIMULATION. Nothing in this file is a measurement of a real model or platform. The numbers are
 * invented to be plausible and, above all, to differ between platforms in the ways that make
 * Crossbench's parity and lock-in views meaningful: the same model is a little slower on one cloud,
 * a little less accurate on another (quantised or older snapshots), rate-limited more often on a
 * third. Every figure derived from these profiles is labelled "simulated" in the product.
 */

/** Task categories a profile scores; evaluation suites tag their items with one of these. */
export const TASK_CATEGORIES = [
  "reasoning",
  "coding",
  "math",
  "extraction",
  "summarization",
  "classification",
  "general",
] as const;

/** One task category. */
export type TaskCategory = (typeof TASK_CATEGORIES)[number];

/** A log-normal distribution by its median and log-space spread. */
export type Distribution = { median: number; sigma: number };

/** The simulated behaviour of one model on one platform. */
export type ModelProfile = {
  platformId: string;
  /** The catalogue model id when the native id is known, otherwise the id as requested. */
  modelId: string;
  /** Probability of a correct answer per category, in [0, 1]. */
  quality: Record<TaskCategory, number>;
  ttftMs: Distribution;
  tokensPerSecond: Distribution;
  /** Per-request probabilities of each simulated failure. */
  errorRates: { rateLimited: number; serverError: number; timeout: number };
  /** Always true: a reminder wherever a profile travels that it is not a measurement. */
  isSimulated: true;
};

type Tier = {
  quality: number;
  ttftMs: number;
  tokensPerSecond: number;
};

// Bigger models answer better, start later and stream slower. Tested in this order: the first
// pattern that matches wins, so "flash-lite" is small before "flash" could make it mid-sized.
const TIERS: { pattern: RegExp; tier: Tier }[] = [
  {
    pattern: /nano|micro|8b|gemma|granite|titan/,
    tier: { quality: 0.55, ttftMs: 250, tokensPerSecond: 180 },
  },
  {
    pattern: /haiku|mini|lite|small|scout|20b|command-r/,
    tier: { quality: 0.7, ttftMs: 350, tokensPerSecond: 130 },
  },
  {
    pattern: /opus|pro|large|premier|maverick|grok|120b|gpt-5(\.\d)?$|gpt-5\.5/,
    tier: { quality: 0.88, ttftMs: 900, tokensPerSecond: 55 },
  },
  {
    pattern: /sonnet|flash|medium|gpt-4\.1|70b|command-a|deepseek/,
    tier: { quality: 0.8, ttftMs: 500, tokensPerSecond: 90 },
  },
];

const DEFAULT_TIER: Tier = { quality: 0.72, ttftMs: 600, tokensPerSecond: 80 };

/** How a platform shifts every model it serves (simulation; see the note at the top). */
type PlatformTraits = {
  /** Multiplies time to first token: queueing, gateways, cross-region routing. */
  ttft: number;
  /** Multiplies output speed: hardware and batching. */
  speed: number;
  /** Added to quality when the platform is not the model's maker (older snapshots, quantisation). */
  resaleQualityDelta: number;
  rateLimited: number;
  serverError: number;
  timeout: number;
  /** Catalogue vendor prefixes whose models this platform serves first-hand. */
  firstPartyVendors: string[];
};

/** The character of a platform without traits of its own. */
const DEFAULT_TRAITS: PlatformTraits = {
  ttft: 1.2,
  speed: 0.9,
  resaleQualityDelta: -0.02,
  rateLimited: 0.015,
  serverError: 0.005,
  timeout: 0.002,
  firstPartyVendors: [],
};

// Keyed by every simulated platform, so one the emulator gains cannot fall back to the default.
const PLATFORM_TRAITS: Readonly<Partial<Record<string, PlatformTraits>>> = {
  openai: {
    ttft: 1,
    speed: 1,
    resaleQualityDelta: 0,
    rateLimited: 0.01,
    serverError: 0.004,
    timeout: 0.001,
    firstPartyVendors: ["openai"],
  },
  anthropic: {
    ttft: 1,
    speed: 1,
    resaleQualityDelta: 0,
    rateLimited: 0.012,
    serverError: 0.005,
    timeout: 0.001,
    firstPartyVendors: ["anthropic"],
  },
  mistral: {
    ttft: 0.9,
    speed: 1.05,
    resaleQualityDelta: 0,
    rateLimited: 0.015,
    serverError: 0.004,
    timeout: 0.001,
    firstPartyVendors: ["mistral"],
  },
  "azure-foundry": {
    ttft: 1.1,
    speed: 0.95,
    resaleQualityDelta: -0.005,
    rateLimited: 0.02,
    serverError: 0.003,
    timeout: 0.001,
    firstPartyVendors: ["microsoft"],
  },
  "aws-bedrock": {
    ttft: 1.15,
    speed: 0.9,
    resaleQualityDelta: -0.01,
    rateLimited: 0.025,
    serverError: 0.003,
    timeout: 0.001,
    firstPartyVendors: ["amazon"],
  },
  "gcp-vertex": {
    ttft: 1.05,
    speed: 1,
    resaleQualityDelta: -0.005,
    rateLimited: 0.015,
    serverError: 0.004,
    timeout: 0.001,
    firstPartyVendors: ["google"],
  },
  "oci-genai": {
    ttft: 1.3,
    speed: 0.85,
    resaleQualityDelta: -0.02,
    rateLimited: 0.01,
    serverError: 0.008,
    timeout: 0.003,
    firstPartyVendors: [],
  },
  "ibm-watsonx": {
    ttft: 1.35,
    speed: 0.8,
    resaleQualityDelta: -0.03,
    rateLimited: 0.01,
    serverError: 0.008,
    timeout: 0.003,
    firstPartyVendors: ["ibm"],
  },
  "snowflake-cortex": {
    ttft: 1.4,
    speed: 0.85,
    resaleQualityDelta: -0.015,
    rateLimited: 0.02,
    serverError: 0.006,
    timeout: 0.002,
    firstPartyVendors: ["snowflake"],
  },
  databricks: {
    ttft: 1.2,
    speed: 0.9,
    resaleQualityDelta: -0.01,
    rateLimited: 0.015,
    serverError: 0.006,
    timeout: 0.002,
    firstPartyVendors: ["databricks"],
  },
  // A reseller's gateway in front of the vendors: the default character, which it had when the
  // emulator served it before it was a catalogue platform.
  openrouter: DEFAULT_TRAITS,
  "self-hosted": {
    // One tenant, no queue, but modest GPUs and quantised weights.
    ttft: 0.7,
    speed: 0.6,
    resaleQualityDelta: -0.04,
    rateLimited: 0,
    serverError: 0.01,
    timeout: 0.004,
    firstPartyVendors: [],
  },
} satisfies Record<EmulatedPlatformId, PlatformTraits>;

// Native id → catalogue model id, per platform and across platforms (a client may send another
// platform's spelling, e.g. a Bedrock id to an OpenAI-compatible gateway).
const MODEL_BY_NATIVE = new Map<string, string>();
const MODEL_BY_NATIVE_ANY = new Map<string, string>();
for (const offering of SEED_OFFERINGS) {
  MODEL_BY_NATIVE.set(`${offering.platformId}\u0000${offering.nativeId}`, offering.modelId);
  if (!MODEL_BY_NATIVE_ANY.has(offering.nativeId)) {
    MODEL_BY_NATIVE_ANY.set(offering.nativeId, offering.modelId);
  }
}

/** Maps a requested model id to the catalogue model id, or returns it unchanged when unknown. */
export function resolveModelId(platformId: string, requested: string): string {
  return (
    MODEL_BY_NATIVE.get(`${platformId}\u0000${requested}`) ??
    MODEL_BY_NATIVE_ANY.get(requested) ??
    requested
  );
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

const profileCache = new Map<string, ModelProfile>();

/**
 * The simulated profile of a model on a platform. Any model id gets one: known ids by their
 * catalogue model, unknown ids by their name's tier or a default. Deterministic (no seed): the
 * profile is the simulated platform's fixed character, the seed only varies individual requests.
 */
export function getProfile(platformId: string, requestedModel: string): ModelProfile {
  const key = `${platformId}\u0000${requestedModel}`;
  const cached = profileCache.get(key);
  if (cached) return cached;

  const modelId = resolveModelId(platformId, requestedModel);
  const name = modelId.toLowerCase();
  const tier = TIERS.find((entry) => entry.pattern.test(name))?.tier ?? DEFAULT_TIER;
  const traits = PLATFORM_TRAITS[platformId] ?? DEFAULT_TRAITS;
  const vendor = name.includes("/") ? name.slice(0, name.indexOf("/")) : "";
  const isFirstParty = traits.firstPartyVendors.includes(vendor);
  const qualityShift = isFirstParty ? 0 : traits.resaleQualityDelta;

  // A model's strengths are its own (same on every platform); the small per-platform jitter
  // keeps two resellers of one model from being exactly tied.
  const modelRandom = createRandom(hashToSeed("model", modelId));
  const platformRandom = createRandom(hashToSeed("platform-model", platformId, modelId));
  const quality = {} as Record<TaskCategory, number>;
  for (const category of TASK_CATEGORIES) {
    const strength = (modelRandom() - 0.5) * 0.1;
    const jitter = (platformRandom() - 0.5) * 0.02;
    quality[category] = round(
      clamp(tier.quality + strength + qualityShift + jitter, 0.05, 0.99),
      3,
    );
  }
  const speedJitter = 0.9 + platformRandom() * 0.2;

  const profile: ModelProfile = {
    platformId,
    modelId,
    quality,
    ttftMs: { median: Math.round(tier.ttftMs * traits.ttft * speedJitter), sigma: 0.35 },
    tokensPerSecond: {
      median: round((tier.tokensPerSecond * traits.speed) / speedJitter, 1),
      sigma: 0.2,
    },
    errorRates: {
      rateLimited: traits.rateLimited,
      serverError: traits.serverError,
      timeout: traits.timeout,
    },
    isSimulated: true,
  };
  profileCache.set(key, profile);
  return profile;
}

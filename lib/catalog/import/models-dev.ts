/**
 * Reads a models.dev catalogue (providers, each with its models; costs already USD per 1M tokens)
 * into a catalogue batch, with the same platform and canonical-id mapping as the LiteLLM importer.
 * Pure: the caller fetches and parses the file.
 */
import type { CatalogBatch, Capability, ModelFact, OfferingFact, SkippedEntry } from "../types";
import { CatalogImportError } from "./errors";
import {
  apiStylesFor,
  canonicalModelFor,
  displayNameFor,
  familyFor,
  isOpenWeight,
  platformForModelsDevProvider,
} from "./id-mapping";
import { IMPLAUSIBLE_INPUT_PRICE } from "./litellm";

/** Skip reasons of this importer. */
export const MODELS_DEV_SKIP = {
  notTracked: "provider not tracked",
  notChat: "not a chat model (embedding, image or speech)",
  missingPrices: "missing prices",
  implausible: "implausible price",
  duplicate: "duplicate of another key for the same platform and native id",
} as const;

// models.dev has no mode field: these name patterns mark the non-chat models it lists.
const NON_CHAT_PATTERN = /(embed|image|tts|whisper|transcribe|dall-e|moderation|rerank|-audio-)/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function cost(record: Record<string, unknown>, field: string, key: string): number | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new CatalogImportError(
      `${key}: cost.${field} is not a number (${JSON.stringify(value)}).`,
      {
        key,
      },
    );
  }
  return Math.round(value * 1e6) / 1e6;
}

function tokens(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * Parses a models.dev catalogue: `{ <provider id>: { models: { <model id>: {…} } } }`, with an
 * optional `_source` entry describing the file.
 *
 * @throws CatalogImportError when the file, a provider or a model is not an object, or a cost is
 *   not a number
 */
export function parseModelsDev(
  json: unknown,
  options: { sourceUrl: string; takenAt: string },
): CatalogBatch {
  if (!isRecord(json)) {
    throw new CatalogImportError("The models.dev file is not a JSON object of providers.");
  }
  const skipped: SkippedEntry[] = [];
  const models = new Map<string, ModelFact>();
  const offerings = new Map<string, OfferingFact>();

  for (const [providerId, provider] of Object.entries(json)) {
    if (providerId.startsWith("_")) continue;
    if (!isRecord(provider) || !isRecord(provider.models)) {
      throw new CatalogImportError(`${providerId}: not a provider with a models object.`, {
        key: providerId,
      });
    }
    const platformId = platformForModelsDevProvider(providerId);
    for (const [modelId, model] of Object.entries(provider.models)) {
      const key = `${providerId}/${modelId}`;
      if (!isRecord(model)) {
        throw new CatalogImportError(`${key}: the value is not an object.`, { key });
      }
      if (platformId === null) {
        skipped.push({ key, reason: MODELS_DEV_SKIP.notTracked });
        continue;
      }
      if (NON_CHAT_PATTERN.test(modelId.toLowerCase())) {
        skipped.push({ key, reason: MODELS_DEV_SKIP.notChat });
        continue;
      }
      const costs = isRecord(model.cost) ? model.cost : {};
      const input = cost(costs, "input", key);
      const output = cost(costs, "output", key);
      if (input === null || output === null) {
        skipped.push({ key, reason: MODELS_DEV_SKIP.missingPrices });
        continue;
      }
      if (input > IMPLAUSIBLE_INPUT_PRICE) {
        skipped.push({ key, reason: MODELS_DEV_SKIP.implausible });
        continue;
      }
      const offeringKey = `${platformId}\u0000${modelId}`;
      if (offerings.has(offeringKey)) {
        skipped.push({ key, reason: MODELS_DEV_SKIP.duplicate });
        continue;
      }
      // `base_model` ("anthropic/claude-sonnet-5") names the model when the provider's id does not.
      const baseModel = typeof model.base_model === "string" ? model.base_model : null;
      const canonical = canonicalModelFor(
        baseModel ?? modelId,
        platformId === "google-ai" || platformId === "gcp-vertex" ? "google" : undefined,
      );
      const releaseDate =
        typeof model.release_date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(model.release_date)
          ? model.release_date
          : null;
      const existingModel = models.get(canonical.id);
      if (!existingModel) {
        models.set(canonical.id, {
          id: canonical.id,
          name: displayNameFor(canonical.name),
          vendor: canonical.vendor,
          family: familyFor(canonical.name),
          openWeights:
            typeof model.open_weights === "boolean"
              ? model.open_weights
              : isOpenWeight(canonical.vendor, canonical.name),
          releaseDate,
          sourceUrl: options.sourceUrl,
        });
      } else if (existingModel.releaseDate === null && releaseDate !== null) {
        existingModel.releaseDate = releaseDate;
      }
      const limit = isRecord(model.limit) ? model.limit : {};
      const capabilities: Capability[] = [
        ...(model.tool_call === true ? (["tools"] as const) : []),
        ...(model.structured_output === true ? (["json-mode"] as const) : []),
        ...(model.reasoning === true ? (["reasoning"] as const) : []),
        ...(costs.cache_read !== undefined ? (["prompt-caching"] as const) : []),
      ];
      const status = model.status;
      offerings.set(offeringKey, {
        platformId,
        modelId: canonical.id,
        nativeId: modelId,
        regions: [],
        prices: {
          input,
          output,
          cachedInput: cost(costs, "cache_read", key),
          batchInput: null,
          batchOutput: null,
        },
        contextWindow: tokens(limit.context),
        maxOutputTokens: tokens(limit.output),
        capabilities,
        apiStyles: apiStylesFor(platformId, { vendor: canonical.vendor }),
        lifecycle: status === "deprecated" ? "deprecated" : status === "beta" ? "preview" : "ga",
        deprecationDate: null,
        sourceUrl: options.sourceUrl,
      });
    }
  }

  return {
    source: "models-dev",
    sourceUrl: options.sourceUrl,
    takenAt: options.takenAt,
    platforms: [],
    models: [...models.values()],
    offerings: [...offerings.values()],
    ties: [],
    skipped,
  };
}

import { describe, expect, it } from "vitest";
import { COMMERCIAL_PLATFORM_IDS } from "@/lib/testing/platform-ids";
import { API_STYLES, CAPABILITIES, type OfferingFact } from "../types";
import { SEED_SNAPSHOT_DATE, buildSeedBatch } from "./index";

const batch = buildSeedBatch();
const modelsById = new Map(batch.models.map((model) => [model.id, model]));
const CLOUDS = new Set(
  batch.platforms.filter((platform) => platform.kind === "cloud").map((platform) => platform.id),
);

function familyOf(offering: OfferingFact): string | undefined {
  return modelsById.get(offering.modelId)?.family;
}

function platformsOffering(predicate: (offering: OfferingFact) => boolean): Set<string> {
  return new Set(batch.offerings.filter(predicate).map((offering) => offering.platformId));
}

describe("buildSeedBatch", () => {
  it("is a seed batch as of the snapshot date", () => {
    expect(batch.source).toBe("seed");
    expect(batch.takenAt).toBe(SEED_SNAPSHOT_DATE);
    expect(batch.takenAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(batch.skipped).toEqual([]);
  });

  it("covers enough of the market to compare platforms", () => {
    expect(batch.platforms.length).toBeGreaterThanOrEqual(12);
    expect(batch.models.length).toBeGreaterThanOrEqual(30);
    expect(new Set(batch.models.map((model) => model.vendor)).size).toBeGreaterThanOrEqual(8);
    expect(batch.offerings.length).toBeGreaterThanOrEqual(150);
    for (const id of [...COMMERCIAL_PLATFORM_IDS, "self-hosted"]) {
      expect(
        batch.offerings.some((offering) => offering.platformId === id),
        `${id} offers nothing`,
      ).toBe(true);
    }
  });

  it("has unique ids, and every offering points at a seeded model and platform", () => {
    const platformIds = batch.platforms.map((platform) => platform.id);
    expect(new Set(platformIds).size).toBe(platformIds.length);
    expect(modelsById.size).toBe(batch.models.length);

    const platforms = new Set(platformIds);
    const keys = new Set<string>();
    for (const offering of batch.offerings) {
      const key = `${offering.platformId} ${offering.nativeId}`;
      expect(modelsById.has(offering.modelId), `${key}: model ${offering.modelId}`).toBe(true);
      expect(platforms.has(offering.platformId), `${key}: platform`).toBe(true);
      expect(keys.has(key), `${key} appears twice`).toBe(false);
      keys.add(key);
    }
  });

  it("names models <vendor>/<model> with the vendor's slug", () => {
    for (const model of batch.models) {
      expect(model.id, model.id).toMatch(/^[a-z0-9-]+\/[a-z0-9.-]+$/);
      expect(model.id.startsWith(`${model.vendor}/`), model.id).toBe(true);
      if (model.releaseDate !== null) expect(model.releaseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("cites an https source on every row", () => {
    const rows = [...batch.platforms, ...batch.models, ...batch.offerings, ...batch.ties];
    for (const row of rows) {
      expect(() => new URL(row.sourceUrl), row.sourceUrl).not.toThrow();
      expect(new URL(row.sourceUrl).protocol, row.sourceUrl).toBe("https:");
    }
  });

  it("keeps prices non-negative and plausible, and batch cheaper than on demand", () => {
    for (const offering of batch.offerings) {
      const key = `${offering.platformId} ${offering.nativeId}`;
      for (const [field, value] of Object.entries(offering.prices)) {
        if (value === null) continue;
        expect(value, `${key} ${field}`).toBeGreaterThanOrEqual(0);
        expect(value, `${key} ${field}`).toBeLessThan(1000);
      }
      const { input, cachedInput, batchInput } = offering.prices;
      if (input !== null && cachedInput !== null) expect(cachedInput).toBeLessThanOrEqual(input);
      if (input !== null && batchInput !== null) expect(batchInput).toBeLessThanOrEqual(input);
    }
  });

  it("uses only known capabilities, API styles and lifecycles, with sane limits", () => {
    for (const offering of batch.offerings) {
      const key = `${offering.platformId} ${offering.nativeId}`;
      expect(offering.apiStyles.length, key).toBeGreaterThan(0);
      for (const style of offering.apiStyles) expect(API_STYLES, key).toContain(style);
      for (const capability of offering.capabilities)
        expect(CAPABILITIES, key).toContain(capability);
      if (offering.contextWindow !== null && offering.maxOutputTokens !== null) {
        expect(offering.maxOutputTokens, key).toBeLessThanOrEqual(offering.contextWindow);
      }
      if (offering.deprecationDate !== null) {
        expect(offering.deprecationDate, key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      if (offering.platformId !== "self-hosted")
        expect(offering.regions.length, key).toBeGreaterThan(0);
    }
  });
});

describe("the product brief's access facts", () => {
  it("sells Amazon Nova on Bedrock only among the clouds", () => {
    const clouds = platformsOffering((offering) => familyOf(offering) === "nova");
    expect([...clouds].filter((id) => CLOUDS.has(id))).toEqual(["aws-bedrock"]);
  });

  it("never sells Gemini on Bedrock or Azure, but does on Google AI, Vertex, OCI and Databricks", () => {
    const gemini = platformsOffering((offering) => familyOf(offering) === "gemini");
    expect(gemini.has("aws-bedrock")).toBe(false);
    expect(gemini.has("azure-foundry")).toBe(false);
    for (const id of ["google-ai", "gcp-vertex", "oci-genai", "databricks"]) {
      expect(gemini.has(id), id).toBe(true);
    }
  });

  it("sells Microsoft Phi on Azure and not on Bedrock or Vertex", () => {
    const phi = platformsOffering((offering) => familyOf(offering) === "phi");
    expect(phi.has("azure-foundry")).toBe(true);
    expect(phi.has("aws-bedrock")).toBe(false);
    expect(phi.has("gcp-vertex")).toBe(false);
    expect([...phi].filter((id) => CLOUDS.has(id))).toEqual(["azure-foundry"]);
  });

  it("sells Claude on Anthropic, Bedrock, Vertex, Snowflake, Databricks and (in preview) Azure", () => {
    const claude = batch.offerings.filter((offering) => familyOf(offering) === "claude");
    const platforms = new Set(claude.map((offering) => offering.platformId));
    for (const id of [
      "anthropic",
      "aws-bedrock",
      "gcp-vertex",
      "azure-foundry",
      "snowflake-cortex",
      "databricks",
    ]) {
      expect(platforms.has(id), id).toBe(true);
    }
    const onAzure = claude.filter((offering) => offering.platformId === "azure-foundry");
    expect(onAzure.every((offering) => offering.lifecycle === "preview")).toBe(true);
  });

  it("offers OpenAI's GPT models on Vertex only as open-weight gpt-oss", () => {
    const onVertex = batch.offerings.filter(
      (offering) => offering.platformId === "gcp-vertex" && offering.modelId.startsWith("openai/"),
    );
    expect(onVertex.length).toBeGreaterThan(0);
    expect(onVertex.every((offering) => familyOf(offering) === "gpt-oss")).toBe(true);
    const gpt = platformsOffering((offering) => familyOf(offering) === "gpt");
    for (const id of ["openai", "azure-foundry", "oci-genai", "snowflake-cortex", "databricks"]) {
      expect(gpt.has(id), id).toBe(true);
    }
    expect(gpt.has("aws-bedrock")).toBe(true);
  });

  it("prices proprietary models at the vendor's list price on the big clouds", () => {
    const direct = new Map(
      batch.offerings
        .filter((offering) => ["anthropic", "openai", "google-ai"].includes(offering.platformId))
        .map((offering) => [offering.modelId, offering.prices.input]),
    );
    const resold = batch.offerings.filter(
      (offering) =>
        ["azure-foundry", "gcp-vertex", "databricks"].includes(offering.platformId) &&
        modelsById.get(offering.modelId)?.openWeights === false &&
        direct.get(offering.modelId) != null &&
        offering.prices.input !== null,
    );
    expect(resold.length).toBeGreaterThan(20);
    for (const offering of resold) {
      expect(offering.prices.input, `${offering.platformId} ${offering.nativeId}`).toBe(
        direct.get(offering.modelId),
      );
    }
  });

  it("shows open-weight resale premiums, e.g. DeepSeek V4 Pro on Azure at about 4x", () => {
    const own = batch.offerings.find(
      (offering) =>
        offering.platformId === "deepseek" && offering.modelId === "deepseek/deepseek-v4-pro",
    );
    const azure = batch.offerings.find(
      (offering) =>
        offering.platformId === "azure-foundry" && offering.modelId === "deepseek/deepseek-v4-pro",
    );
    const ratio = (azure?.prices.input ?? 0) / (own?.prices.input ?? 1);
    expect(ratio).toBeGreaterThan(3.5);
    expect(ratio).toBeLessThan(4.5);
  });

  it("records every vendor tie named in the brief", () => {
    const ties = batch.ties.map((tie) => `${tie.platformOwner}|${tie.vendor}|${tie.kind}`);
    expect(new Set(ties).size).toBe(ties.length);
    for (const tie of [
      "Amazon|anthropic|equity",
      "Amazon|openai|equity",
      "Microsoft|openai|equity",
      "Microsoft|openai|exclusive_hosting",
      "Microsoft|anthropic|equity",
      "Google|anthropic|equity",
      "Amazon|amazon|first_party",
      "Microsoft|microsoft|first_party",
      "Google|google|first_party",
    ]) {
      expect(ties, tie).toContain(tie);
    }
    const find = (owner: string, vendor: string) =>
      batch.ties.find((tie) => tie.platformOwner === owner && tie.vendor === vendor);
    expect(find("Amazon", "anthropic")).toMatchObject({ amountUsd: 8e9 });
    expect(find("Amazon", "openai")).toMatchObject({ amountUsd: 50e9, announcedOn: "2026-02-27" });
    expect(find("Microsoft", "anthropic")).toMatchObject({ announcedOn: "2025-11-18" });

    const owners = new Set(batch.platforms.map((platform) => platform.owner));
    const vendors = new Set(batch.models.map((model) => model.vendor));
    for (const tie of batch.ties) {
      expect(owners.has(tie.platformOwner), tie.platformOwner).toBe(true);
      expect(vendors.has(tie.vendor), tie.vendor).toBe(true);
    }
  });
});

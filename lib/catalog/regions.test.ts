import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseLiteLlm } from "./import/litellm";
import { parseModelsDev } from "./import/models-dev";
import {
  GEOGRAPHY_INFO,
  REGION_TABLE,
  isWithinGeography,
  lookupRegion,
  parseRegionFilter,
  prepareRegionOptions,
  regionCodesFor,
} from "./regions";
import { buildSeedBatch } from "./seed";
import type { CatalogBatch } from "./types";

/** The reference data beside the project (../shared/data), present in CI. */
const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/data");
const LITELLM = path.join(SHARED, "litellm/model_prices_and_context_window.json");
const MODELS_DEV = path.join(SHARED, "models-dev/resolved_cloud_and_direct_providers.json");

function unmapped(batch: CatalogBatch): string[] {
  const missing = new Set<string>();
  for (const offering of batch.offerings) {
    for (const region of offering.regions) {
      if (!lookupRegion(region, offering.platformId))
        missing.add(`${offering.platformId}:${region}`);
    }
  }
  return [...missing].sort();
}

const options = { sourceUrl: "https://example.test/source", takenAt: "2026-08-01" };

describe("the region table covers every code the catalogue can hold", () => {
  it("maps every region of the curated seed", () => {
    const batch = buildSeedBatch();
    expect(batch.offerings.some((offering) => offering.regions.length > 0)).toBe(true);
    expect(unmapped(batch)).toEqual([]);
  });

  it.skipIf(!existsSync(LITELLM))("maps every region the LiteLLM importer outputs", () => {
    const batch = parseLiteLlm(JSON.parse(readFileSync(LITELLM, "utf8")), options);
    expect(
      batch.offerings.filter((offering) => offering.regions.length > 0).length,
    ).toBeGreaterThan(10);
    expect(unmapped(batch)).toEqual([]);
  });

  it.skipIf(!existsSync(MODELS_DEV))("maps every region the models.dev importer outputs", () => {
    const batch = parseModelsDev(JSON.parse(readFileSync(MODELS_DEV, "utf8")), options);
    expect(batch.offerings.length).toBeGreaterThan(10);
    expect(unmapped(batch)).toEqual([]);
  });

  it("fails on a code the table does not know", () => {
    const batch: CatalogBatch = {
      ...buildSeedBatch(),
      offerings: [
        { ...buildSeedBatch().offerings[0]!, platformId: "aws-bedrock", regions: ["mars-north-1"] },
      ],
    };
    expect(unmapped(batch)).toEqual(["aws-bedrock:mars-north-1"]);
  });
});

describe("lookupRegion", () => {
  it("gives each entry a source, a jurisdiction note and a coherent kind", () => {
    for (const entry of REGION_TABLE) {
      expect(entry.sourceUrl, entry.code).toMatch(/^https:\/\//);
      expect(entry.jurisdiction.length, entry.code).toBeGreaterThan(0);
      expect(entry.geography === null, entry.code).toBe(entry.kind === "global");
      if (entry.country !== null) expect(entry.country, entry.code).toMatch(/^[A-Z]{2}$/);
    }
  });

  it("reads a code by the platform that uses it", () => {
    expect(lookupRegion("eu", "aws-bedrock")).toMatchObject({
      geography: "eu",
      kind: "cross-region",
    });
    expect(lookupRegion("eu", "openai")).toMatchObject({ geography: "eu", kind: "region" });
    expect(lookupRegion("apac", "aws-bedrock")).toMatchObject({ geography: "apac", country: null });
    expect(lookupRegion("global", "azure-foundry")).toMatchObject({
      geography: null,
      kind: "global",
    });
    expect(lookupRegion("data-zone-eu", "azure-foundry")).toMatchObject({
      geography: "eu",
      kind: "cross-region",
    });
    expect(lookupRegion("europe-west1", "gcp-vertex")).toMatchObject({
      country: "BE",
      geography: "eu",
    });
    expect(lookupRegion("eu-west-2")).toMatchObject({ country: "GB", geography: "uk" });
    expect(lookupRegion("europe-west6")).toMatchObject({ country: "CH", geography: "ch" });
    expect(lookupRegion("aws-eu-central-1", "snowflake-cortex")).toMatchObject({ country: "DE" });
    expect(lookupRegion("apac", "openai")).toBeNull();
    expect(lookupRegion("")).toBeNull();
  });

  it("keeps global out of every geography and takes any Asia-Pacific country for apac", () => {
    const global = lookupRegion("global")!;
    for (const id of Object.keys(GEOGRAPHY_INFO) as (keyof typeof GEOGRAPHY_INFO)[]) {
      expect(isWithinGeography(global, id)).toBe(false);
    }
    expect(isWithinGeography(lookupRegion("ap-northeast-1")!, "apac")).toBe(true);
    expect(isWithinGeography(lookupRegion("apac", "aws-bedrock")!, "jp")).toBe(false);
    expect(isWithinGeography(lookupRegion("cn")!, "apac")).toBe(false);
  });
});

describe("the region filter", () => {
  it("reads geography values and keeps old code values", () => {
    expect(parseRegionFilter("geo:eu")).toEqual({ geography: "eu" });
    expect(parseRegionFilter("eu-west-1")).toEqual({ code: "eu-west-1" });
    expect(parseRegionFilter("geo:mars")).toEqual({ code: "geo:mars" });
  });

  it("lists the EU/EEA codes, Bedrock's eu profile as an override, and no global code", () => {
    const eu = regionCodesFor("eu");
    expect(eu.codes).toEqual(
      expect.arrayContaining(["europe-west1", "eu-west-1", "eu", "aws-eu-central-1"]),
    );
    expect(eu.codes).not.toContain("global");
    expect(eu.codes).not.toContain("eu-west-2");
    expect(eu.inside).toContain("aws-bedrock|eu");
    const us = regionCodesFor("us");
    expect(us.inside).toContain("aws-bedrock|us");
    expect(us.codes).toContain("us");
  });

  it("groups the choices by geography, with global codes apart", () => {
    const groups = prepareRegionOptions([
      { platformId: "gcp-vertex", region: "europe-west1" },
      { platformId: "aws-bedrock", region: "eu-west-1" },
      { platformId: "aws-bedrock", region: "eu" },
      { platformId: "anthropic", region: "global" },
      { platformId: "aws-bedrock", region: "us-east-1" },
      { platformId: "someone", region: "moon-1" },
    ]);
    expect(groups.map((group) => group.label)).toEqual([
      "EU/EEA",
      "United States",
      "Global (data may leave the geography)",
      "Not in the region table",
    ]);
    expect(groups[0]).toMatchObject({
      geographyValue: "geo:eu",
      codes: [
        { value: "eu", label: "eu (cross-region, within EU/EEA)" },
        { value: "eu-west-1", label: "eu-west-1" },
        { value: "europe-west1", label: "europe-west1" },
      ],
    });
    expect(groups[2]).toMatchObject({ geographyValue: null, codes: [{ value: "global" }] });
  });
});

import { describe, expect, it } from "vitest";
import {
  disagrees,
  mergeFields,
  readFieldSources,
  sourceRank,
  sourcesOfNew,
  TRACKED_FIELDS,
  type FieldSource,
  type TrackedValues,
} from "./provenance";

const empty = Object.fromEntries(TRACKED_FIELDS.map((field) => [field, null])) as TrackedValues;
const values = (overrides: Partial<TrackedValues>): TrackedValues => ({ ...empty, ...overrides });
const stamp = (source: string, date = "2026-08-01"): FieldSource => ({
  source,
  snapshotId: `snap-${source}-${date}`,
  date,
});

describe("precedence", () => {
  it("ranks the curated seed over LiteLLM over models.dev, and unknown sources last", () => {
    expect(sourceRank("seed")).toBeGreaterThan(sourceRank("litellm"));
    expect(sourceRank("litellm")).toBeGreaterThan(sourceRank("models-dev"));
    expect(sourceRank("models-dev")).toBeGreaterThan(sourceRank("something-else"));
    expect(sourceRank(null)).toBe(0);
  });

  it("treats values within 1% as agreeing, lists as sets", () => {
    expect(disagrees(3, 3.02)).toBe(false);
    expect(disagrees(3, 3.1)).toBe(true);
    expect(disagrees(["us-east-1", "eu-west-1"], ["eu-west-1", "us-east-1"])).toBe(false);
    expect(disagrees(["us-east-1"], ["us-east-1", "eu-west-1"])).toBe(true);
    expect(disagrees(null, 3)).toBe(true);
  });
});

describe("mergeFields", () => {
  const litellm = stamp("litellm", "2026-08-01");
  const current = {
    values: values({
      inputPrice: 3,
      outputPrice: 15,
      contextWindow: 200_000,
      regions: ["us-east-1"],
    }),
    sources: sourcesOfNew(
      values({ inputPrice: 3, outputPrice: 15, contextWindow: 200_000, regions: ["us-east-1"] }),
      litellm,
    ),
    originSource: "litellm",
  };

  it("keeps LiteLLM's price against models.dev and reports the disagreement", () => {
    const merged = mergeFields(current, {
      values: values({ inputPrice: 3.3, outputPrice: 15.05, contextWindow: 200_000 }),
      stamp: stamp("models-dev", "2026-08-02"),
    });
    expect(merged.values.inputPrice).toBe(3);
    expect(merged.sources.inputPrice).toEqual(litellm);
    // 15 against 15.05 is within 1%: kept without a conflict.
    expect(merged.conflicts).toEqual([
      {
        field: "inputPrice",
        kept: { source: "litellm", value: 3 },
        other: { source: "models-dev", value: 3.3 },
      },
    ]);
  });

  it("fills a field no source has set, from any source, and records it", () => {
    const devStamp = stamp("models-dev", "2026-08-02");
    const merged = mergeFields(current, {
      values: values({ inputPrice: 3, maxOutputTokens: 64_000 }),
      stamp: devStamp,
    });
    expect(merged.values.maxOutputTokens).toBe(64_000);
    expect(merged.sources.maxOutputTokens).toEqual(devStamp);
    // A null from models.dev never erases LiteLLM's regions.
    expect(merged.values.regions).toEqual(["us-east-1"]);
    expect(merged.conflicts).toEqual([]);
  });

  it("lets the curated seed replace an aggregator's value, reporting what it replaced", () => {
    const seed = stamp("seed", "2026-07-01");
    const merged = mergeFields(current, { values: values({ inputPrice: 2.5 }), stamp: seed });
    expect(merged.values.inputPrice).toBe(2.5);
    expect(merged.sources.inputPrice).toEqual(seed);
    expect(merged.conflicts).toEqual([
      {
        field: "inputPrice",
        kept: { source: "seed", value: 2.5 },
        other: { source: "litellm", value: 3 },
      },
    ]);
  });

  it("lets a source update its own field, and keeps the date it was first set when unchanged", () => {
    const later = stamp("litellm", "2026-09-01");
    const merged = mergeFields(current, {
      values: values({
        inputPrice: 2,
        outputPrice: 15,
        contextWindow: 200_000,
        regions: ["us-east-1"],
      }),
      stamp: later,
    });
    expect(merged.values.inputPrice).toBe(2);
    expect(merged.sources.inputPrice).toEqual(later);
    expect(merged.sources.outputPrice).toEqual(litellm);
    expect(merged.conflicts).toEqual([]);
  });

  it("falls back to the creating source for fields stored before provenance existed", () => {
    const legacy = { ...current, sources: {} };
    const merged = mergeFields(legacy, {
      values: values({ inputPrice: 9 }),
      stamp: stamp("models-dev"),
    });
    expect(merged.values.inputPrice).toBe(3);
    expect(merged.conflicts.map((c) => c.kept.source)).toEqual(["litellm"]);
  });

  it("agrees over three snapshots: models.dev, then LiteLLM, then models.dev again", () => {
    const first = {
      values: values({ inputPrice: 3.3 }),
      sources: sourcesOfNew(values({ inputPrice: 3.3 }), stamp("models-dev", "2026-07-01")),
      originSource: "models-dev",
    };
    const second = mergeFields(first, {
      values: values({ inputPrice: 3 }),
      stamp: stamp("litellm", "2026-07-02"),
    });
    expect(second.values.inputPrice).toBe(3);
    const third = mergeFields(
      { values: second.values, sources: second.sources, originSource: "models-dev" },
      { values: values({ inputPrice: 3.3 }), stamp: stamp("models-dev", "2026-07-03") },
    );
    expect(third.values.inputPrice).toBe(3);
    expect(third.sources.inputPrice?.source).toBe("litellm");
    expect(third.conflicts).toHaveLength(1);
  });
});

describe("readFieldSources", () => {
  it("keeps well-formed entries and drops the rest", () => {
    expect(
      readFieldSources({
        inputPrice: { source: "seed", snapshotId: "s1", date: "2026-07-01" },
        outputPrice: { source: 3 },
        nonsense: { source: "seed", date: "2026-07-01" },
      }),
    ).toEqual({ inputPrice: { source: "seed", snapshotId: "s1", date: "2026-07-01" } });
    expect(readFieldSources(null)).toEqual({});
  });
});

import { describe, expect, it } from "vitest";
import { createVersionedCache, stableKey } from "./versioned-cache";

describe("createVersionedCache", () => {
  it("computes once per key and version, and again when the version changes", async () => {
    const cache = createVersionedCache<number>({ maxEntries: 10 });
    let calls = 0;
    const compute = async () => ++calls;
    const [a, b] = await Promise.all([
      cache.get("k", "v1", compute),
      cache.get("k", "v1", compute),
    ]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    expect(await cache.get("k", "v2", compute)).toBe(2);
    expect(await cache.get("k", "v2", compute)).toBe(2);
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 2 });
  });

  it("does not keep a failed computation", async () => {
    const cache = createVersionedCache<number>({ maxEntries: 10 });
    await expect(cache.get("k", "v", () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    expect(await cache.get("k", "v", async () => 7)).toBe(7);
  });

  it("evicts the least recently used key beyond its size", async () => {
    const cache = createVersionedCache<string>({ maxEntries: 2 });
    await cache.get("a", "1", async () => "a");
    await cache.get("b", "1", async () => "b");
    await cache.get("a", "1", async () => "a again");
    await cache.get("c", "1", async () => "c");
    expect(await cache.get("a", "1", async () => "recomputed")).toBe("a");
    expect(await cache.get("b", "1", async () => "recomputed")).toBe("recomputed");
  });
});

describe("stableKey", () => {
  it("ignores object key order but not array order", () => {
    expect(stableKey({ a: 1, b: [1, 2] })).toBe(stableKey({ b: [1, 2], a: 1 }));
    expect(stableKey({ b: [2, 1] })).not.toBe(stableKey({ b: [1, 2] }));
  });
});

import { describe, expect, it } from "vitest";
import { createRandom, hashToSeed, logNormal, pick } from "./prng";

describe("hashToSeed", () => {
  it("is stable for the same parts and differs for different parts", () => {
    expect(hashToSeed("a", "b")).toBe(hashToSeed("a", "b"));
    expect(hashToSeed("a", "b")).not.toBe(hashToSeed("a", "c"));
  });

  it("keeps part boundaries apart", () => {
    expect(hashToSeed("ab", "c")).not.toBe(hashToSeed("a", "bc"));
  });
});

describe("createRandom", () => {
  it("replays the same sequence from the same seed", () => {
    const first = createRandom(42);
    const second = createRandom(42);
    const a = Array.from({ length: 20 }, () => first());
    const b = Array.from({ length: 20 }, () => second());
    expect(a).toEqual(b);
    const other = createRandom(43);
    expect(Array.from({ length: 20 }, () => other())).not.toEqual(a);
  });

  it("stays in [0, 1) with a mean near one half", () => {
    const random = createRandom(7);
    const values = Array.from({ length: 20_000 }, () => random());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const sum = values.reduce((total, value) => total + value, 0);
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
  });
});

describe("logNormal", () => {
  it("has the requested median", () => {
    const random = createRandom(1);
    const draws = Array.from({ length: 5_001 }, () => logNormal(random, 500, 0.4)).sort(
      (left, right) => left - right,
    );
    const median = draws[2_500] ?? 0;
    expect(median).toBeGreaterThan(470);
    expect(median).toBeLessThan(530);
  });
});

describe("pick", () => {
  it("refuses an empty list", () => {
    expect(() => pick(createRandom(1), [])).toThrow();
  });
});

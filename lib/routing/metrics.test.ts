import { describe, expect, it } from "vitest";
import { computeAiq, computeCpt, concaveEnvelope, paretoFrontier } from "./metrics";

const pt = (costPerCase: number, quality: number) => ({ costPerCase, quality });

describe("paretoFrontier", () => {
  it("keeps exactly the points nothing beats, cheapest first", () => {
    const points = [pt(1, 0.5), pt(2, 0.4), pt(2, 0.75), pt(3, 0.75), pt(4, 0.9), pt(0.5, 0.3)];
    expect(paretoFrontier(points)).toEqual([pt(0.5, 0.3), pt(1, 0.5), pt(2, 0.75), pt(4, 0.9)]);
  });

  it("keeps one of two identical points and drops a dearer point of equal quality", () => {
    expect(paretoFrontier([pt(1, 0.5), pt(1, 0.5), pt(2, 0.5)])).toEqual([pt(1, 0.5)]);
  });
});

describe("computeAiq", () => {
  it("is q · (1 − ĉ) for a single point", () => {
    expect(computeAiq([pt(1, 0.8)], { min: 0, max: 2 })).toBeCloseTo(0.4, 12);
  });

  it("integrates the envelope and holds the best quality beyond the dearest point", () => {
    // ĉ: 0 → 0.5 at q 0.5 → 0.9 (trapezoid 0.35), then 0.9 flat to ĉ = 1 (0.45).
    expect(computeAiq([pt(0, 0.5), pt(1, 0.9)], { min: 0, max: 2 })).toBeCloseTo(0.8, 12);
  });

  it("uses the concave envelope: a point below a mix of its neighbours adds nothing", () => {
    expect(concaveEnvelope([pt(0, 0), pt(1, 0.2), pt(2, 1)])).toEqual([pt(0, 0), pt(2, 1)]);
    expect(computeAiq([pt(0, 0), pt(1, 0.2), pt(2, 1)], { min: 0, max: 2 })).toBeCloseTo(0.5, 12);
  });

  it("is the best quality when every point costs the same, and null without points", () => {
    expect(computeAiq([pt(1, 0.3), pt(1, 0.6)], { min: 1, max: 1 })).toBe(0.6);
    expect(computeAiq([], { min: 0, max: 1 })).toBeNull();
  });
});

describe("computeCpt", () => {
  const points = [
    { quality: 0.5, strongShare: 0 },
    { quality: 0.6, strongShare: 0.2 },
    { quality: 0.72, strongShare: 0.4 },
    { quality: 0.85, strongShare: 0.7 },
    { quality: 0.9, strongShare: 1 },
  ];

  it("reads the least strong-target share that closes x of the gap", () => {
    expect(computeCpt(points, 0.5, 0.9, 0.5)).toBe(0.4);
    expect(computeCpt(points, 0.5, 0.9, 0.8)).toBe(0.7);
    expect(computeCpt(points, 0.5, 0.9, 1)).toBe(1);
  });

  it("is null with no gap or when no point gets there", () => {
    expect(computeCpt(points, 0.9, 0.9, 0.5)).toBeNull();
    expect(computeCpt(points.slice(0, 2), 0.5, 0.9, 0.5)).toBeNull();
  });
});

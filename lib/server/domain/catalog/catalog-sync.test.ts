import { describe, expect, it } from "vitest";
import { groupSkipped } from "./catalog-sync";

describe("groupSkipped", () => {
  it("groups by reason, most frequent first, with the first few keys as examples", () => {
    const skipped = [
      { key: "a", reason: "missing prices" },
      { key: "b", reason: "implausible price" },
      { key: "c", reason: "missing prices" },
      { key: "d", reason: "missing prices" },
    ];
    expect(groupSkipped(skipped, 2)).toEqual([
      { reason: "missing prices", count: 3, examples: ["a", "c"] },
      { reason: "implausible price", count: 1, examples: ["b"] },
    ]);
  });
});

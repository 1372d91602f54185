import { describe, expect, it } from "vitest";
import { decodeRouteParam } from "./route-params";

describe("decodeRouteParam", () => {
  it("decodes once", () => {
    expect(decodeRouteParam("cmabc123")).toBe("cmabc123");
    expect(decodeRouteParam("meta%2Fllama")).toBe("meta/llama");
    expect(decodeRouteParam("%2525zz")).toBe("%25zz");
  });

  it.each(["%zz", "%", "%E0%A4%A", "%ED%A0%80", "%00", "a%0Ab"])(
    "returns null for what cannot be an id: %s",
    (raw) => {
      expect(decodeRouteParam(raw)).toBeNull();
    },
  );
});

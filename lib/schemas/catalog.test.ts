import { describe, expect, it } from "vitest";
import { catalogQuery, parseCatalogFilters } from "./catalog";

describe("catalog filters", () => {
  it("falls back to defaults for missing and malformed values", () => {
    const filters = parseCatalogFilters({
      page: "-3",
      sort: "nonsense",
      openWeights: "maybe",
      vendor: ["meta", "x"],
    });
    expect(filters.page).toBe(1);
    expect(filters.sort).toBe("model");
    expect(filters.openWeights).toBe("any");
    expect(filters.vendor).toBe("meta");
  });

  it("writes only what differs from the defaults", () => {
    const filters = parseCatalogFilters({ vendor: "anthropic" });
    expect(catalogQuery(filters)).toBe("?vendor=anthropic");
    expect(catalogQuery(filters, { page: 2 })).toBe("?vendor=anthropic&page=2");
    expect(catalogQuery(parseCatalogFilters({}))).toBe("");
  });
});

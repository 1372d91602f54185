import { describe, expect, it } from "vitest";
import { ROLES, hasRole, roleBelow } from "./roles";

describe("roles", () => {
  it("orders roles so each includes the ones before it", () => {
    expect(hasRole("admin", "viewer")).toBe(true);
    expect(hasRole("operator", "analyst")).toBe(true);
    expect(hasRole("analyst", "operator")).toBe(false);
    expect(hasRole("viewer", "analyst")).toBe(false);
    for (const role of ROLES) expect(hasRole(role, role)).toBe(true);
  });

  it("names the role below", () => {
    expect(roleBelow("admin")).toBe("operator");
    expect(roleBelow("analyst")).toBe("viewer");
    expect(roleBelow("viewer")).toBeNull();
  });
});

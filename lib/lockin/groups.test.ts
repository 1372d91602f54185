import { describe, expect, it } from "vitest";
import { ownerGroupName, ownsVendor, providerGroupOf } from "./groups";

const bedrock = { id: "aws-bedrock", owner: "Amazon" };
const vertex = { id: "gcp-vertex", owner: "Google" };
const amazonTies = [{ platformOwner: "Amazon", vendor: "anthropic" }];

describe("providerGroupOf", () => {
  it("counts a vendor the platform owner is tied to to the owner's group", () => {
    expect(providerGroupOf(bedrock, amazonTies, "anthropic", "Anthropic")).toEqual({
      group: "Amazon group",
      isOwnerGroup: true,
    });
  });

  it("counts the owner's own models to its group without any tie", () => {
    expect(ownsVendor(bedrock, "amazon")).toBe(true);
    expect(providerGroupOf(bedrock, [], "amazon", "Amazon")).toEqual({
      group: "Amazon group",
      isOwnerGroup: true,
    });
    // Google on Vertex: the platform id says nothing, the owner's name does.
    expect(ownsVendor(vertex, "google")).toBe(true);
    expect(providerGroupOf(vertex, [], "google", "Google")).toEqual({
      group: "Google group",
      isOwnerGroup: true,
    });
  });

  it("recognises a platform named after its vendor", () => {
    const openaiApi = { id: "openai-api", owner: "OpenAI" };
    expect(ownsVendor(openaiApi, "openai")).toBe(true);
    expect(ownsVendor(openaiApi, "anthropic")).toBe(false);
  });

  it("ignores a tie recorded for another platform's owner", () => {
    // Amazon's tie to Anthropic says nothing about Anthropic on Google's platform.
    expect(providerGroupOf(vertex, amazonTies, "anthropic", "Anthropic")).toEqual({
      group: "Anthropic",
      isOwnerGroup: false,
    });
  });

  it("gives any other vendor its own group under its display name, or its slug by default", () => {
    expect(providerGroupOf(bedrock, amazonTies, "meta", "Meta")).toEqual({
      group: "Meta",
      isOwnerGroup: false,
    });
    expect(providerGroupOf(bedrock, amazonTies, "meta")).toEqual({
      group: "meta",
      isOwnerGroup: false,
    });
    expect(ownsVendor(bedrock, "meta")).toBe(false);
  });
});

describe("ownerGroupName", () => {
  it("names the group after the platform's owner", () => {
    expect(ownerGroupName({ id: "azure-foundry", owner: "Microsoft" })).toBe("Microsoft group");
  });
});

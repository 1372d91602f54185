import { describe, expect, it } from "vitest";
import { bandOf } from "./bands";
import { DEFAULT_WEIGHTS, FACTOR_IDS } from "./factors";
import { geographyOf, isHostedOnOtherCloud, servesGeography } from "./regions";

describe("geographyOf", () => {
  // Read from the catalogue's region table: Asia-Pacific regions now name their country
  // (they were all "apac" under the old id rules), and the "apac" requirement takes any of them.
  it("maps each cloud's region ids onto one geography", () => {
    const cases: [string, string | null][] = [
      ["eu-central-1", "eu"],
      ["swedencentral", "eu"],
      ["europe-west4", "eu"],
      ["eu-frankfurt-1", "eu"],
      ["eu-de", "eu"],
      ["aws-eu-central-1", "eu"],
      ["eu-gb", "uk"],
      ["uk-london-1", "uk"],
      ["us-east-1", "us"],
      ["eastus2", "us"],
      ["us-central1", "us"],
      ["us-south", "us"],
      ["ap-northeast-1", "jp"],
      ["asia-southeast1", "sg"],
      ["japaneast", "jp"],
      ["jp-tok", "jp"],
      ["cn", "cn"],
      ["sa-east-1", "br"],
    ];
    for (const [region, geography] of cases) expect(geographyOf(region), region).toBe(geography);
  });

  it("gives global and unknown regions no geography", () => {
    expect(geographyOf("global")).toBeNull();
    expect(geographyOf("mars-north-1")).toBeNull();
    expect(geographyOf("")).toBeNull();
  });

  it("keeps the stored requirement ids meaning what they meant", () => {
    expect(servesGeography("ap-northeast-1", "apac")).toBe(true);
    expect(servesGeography("apac", "apac", "aws-bedrock")).toBe(true);
    expect(servesGeography("eu", "eu", "aws-bedrock")).toBe(true);
    expect(servesGeography("global", "eu")).toBe(false);
    expect(servesGeography("eu-west-2", "eu")).toBe(false);
    expect(servesGeography("eu-west-2", "uk")).toBe(true);
  });

  it("recognises regions named after another cloud", () => {
    expect(isHostedOnOtherCloud("aws-us-west-2")).toBe(true);
    expect(isHostedOnOtherCloud("us-west-2")).toBe(false);
  });
});

describe("rubric and bands", () => {
  it("has ten factors whose default weights sum to 100", () => {
    expect(FACTOR_IDS).toHaveLength(10);
    expect(Object.values(DEFAULT_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it("puts 25 and 50 in the band above and 75 still in high", () => {
    expect(bandOf(0)).toBe("low");
    expect(bandOf(24.99)).toBe("low");
    expect(bandOf(25)).toBe("moderate");
    expect(bandOf(49.99)).toBe("moderate");
    expect(bandOf(50)).toBe("high");
    expect(bandOf(75)).toBe("high");
    expect(bandOf(75.01)).toBe("critical");
    expect(bandOf(100)).toBe("critical");
  });
});

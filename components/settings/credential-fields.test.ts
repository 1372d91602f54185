import { describe, expect, it } from "vitest";

import {
  checkCredentialForm,
  getShownLastFour,
  listCredentialFields,
  listStoredSecrets,
  toCredentialFieldErrors,
} from "@/components/settings/credential-fields";

const names = (fields: { name: string }[]) => fields.map((field) => field.name);

describe("listCredentialFields", () => {
  it("shows Bedrock's keys of the chosen authentication only", () => {
    const apiKey = listCredentialFields("bedrock", {
      platformId: "aws-bedrock",
      authMode: "api-key",
    });
    const accessKey = listCredentialFields("bedrock", {
      platformId: "aws-bedrock",
      authMode: "access-key",
    });
    expect(names(apiKey)).toEqual(["authMode", "region", "apiKey"]);
    expect(names(accessKey)).toEqual([
      "authMode",
      "region",
      "accessKeyId",
      "secretAccessKey",
      "sessionToken",
    ]);
  });

  it("lets a self-hosted server go without a key, but not a cloud platform", () => {
    const selfHosted = listCredentialFields("openai-compatible", {
      platformId: "self-hosted",
      authMode: "api-key",
    });
    const mistral = listCredentialFields("openai-compatible", {
      platformId: "mistral",
      authMode: "api-key",
    });
    expect(selfHosted.find((field) => field.name === "apiKey")?.isOptional).toBe(true);
    expect(mistral.find((field) => field.name === "apiKey")?.isOptional).toBe(false);
  });

  it("names OpenRouter's one base URL instead of an example", () => {
    const openrouter = listCredentialFields("openai-compatible", {
      platformId: "openrouter",
      authMode: "api-key",
    });
    expect(names(openrouter)).toEqual(["baseUrl", "apiKey"]);
    expect(openrouter[0]?.hint).toContain("https://openrouter.ai/api/v1");
    expect(openrouter[1]?.isOptional).toBe(false);
  });
});

describe("checkCredentialForm", () => {
  const openai = listCredentialFields("openai", { platformId: "openai", authMode: "api-key" });

  it("requires a key when none is stored", () => {
    const check = checkCredentialForm("openai", "openai", openai, { apiKey: "  " }, {});
    expect(check).toEqual({
      ok: false,
      errors: { apiKey: "API key is required." },
      message: null,
    });
  });

  it("keeps the stored key when the field is left blank, even one too short to hint", () => {
    const check = checkCredentialForm("openai", "openai", openai, { apiKey: "" }, { apiKey: "" });
    expect(check).toEqual({
      ok: true,
      input: { kind: "openai", platformId: "openai", apiKey: "" },
    });
  });

  it("gives the schema's format rule after the field's label", () => {
    const bedrock = listCredentialFields("bedrock", {
      platformId: "aws-bedrock",
      authMode: "access-key",
    });
    const check = checkCredentialForm(
      "bedrock",
      "aws-bedrock",
      bedrock,
      { authMode: "access-key", region: "Virginia", accessKeyId: "AKIA…", secretAccessKey: "" },
      {},
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors).toEqual({
      region: "Region must be an AWS region such as us-east-1.",
      secretAccessKey: "Secret access key is required.",
    });
  });

  it("never sends a secret of a field the form does not show", () => {
    const bedrock = listCredentialFields("bedrock", {
      platformId: "aws-bedrock",
      authMode: "api-key",
    });
    const check = checkCredentialForm(
      "bedrock",
      "aws-bedrock",
      bedrock,
      { authMode: "api-key", region: "us-east-1", apiKey: "key-1234", secretAccessKey: "stale" },
      {},
    );
    expect(check.ok && check.input).toMatchObject({ apiKey: "key-1234", secretAccessKey: "" });
  });
});

describe("toCredentialFieldErrors", () => {
  it("keeps the endpoint check's full sentences and labels the schema's fragments", () => {
    const errors = toCredentialFieldErrors(
      {
        baseUrl: ["The address 10.0.0.5 is on a private network"],
        serviceAccountJson: ["is not valid JSON"],
        platformId: ["is required"],
      },
      ["baseUrl", "serviceAccountJson"],
    );
    expect(errors).toEqual({
      baseUrl: "The address 10.0.0.5 is on a private network.",
      serviceAccountJson: "Service account JSON is not valid JSON.",
    });
  });
});

describe("listStoredSecrets", () => {
  it("lists stored secrets in form order, including ones too short to hint", () => {
    expect(
      listStoredSecrets("bedrock", { secretAccessKey: "wxyz", accessKeyId: "", region: "x" }),
    ).toEqual(["accessKeyId", "secretAccessKey"]);
  });
});

describe("getShownLastFour", () => {
  it("shows the last four of a key, never of a JSON key file or a too-short secret", () => {
    const hints = { apiKey: "abcd", accessKeyId: "", serviceAccountJson: '"\n}' };
    expect(getShownLastFour(hints, "apiKey")).toBe("abcd");
    expect(getShownLastFour(hints, "accessKeyId")).toBeNull();
    expect(getShownLastFour(hints, "serviceAccountJson")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import {
  findBedrockDefaultRouter,
  getDefaultMode,
  NATIVE_ROUTERS,
  parsePromptRouterArn,
} from "./native-routers";

describe("native routers", () => {
  it("cite a source and a reading date, and have exactly one default mode and a pool", () => {
    for (const router of NATIVE_ROUTERS) {
      expect(router.sourceUrls.length, router.id).toBeGreaterThan(0);
      for (const url of router.sourceUrls) expect(url).toMatch(/^https:\/\//);
      expect(router.readOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(
        router.modes.filter((mode) => mode.isDefault),
        router.id,
      ).toHaveLength(1);
      expect(router.pool.length, router.id).toBeGreaterThan(0);
      expect(getDefaultMode(router)).toBeDefined();
    }
  });

  it("keep Bedrock's routers within one family, as the service requires", () => {
    for (const router of NATIVE_ROUTERS.filter((entry) => entry.platformId === "aws-bedrock")) {
      const family = router.id.split("/")[1]?.split(".")[0];
      for (const member of router.pool) expect(member.servedId.startsWith(`${family}.`)).toBe(true);
    }
  });

  it("parse both prompt-router ARN forms and nothing else", () => {
    expect(
      parsePromptRouterArn(
        "arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1",
      ),
    ).toEqual({
      region: "us-east-1",
      account: "123456789012",
      kind: "default",
      resourceId: "anthropic.claude:1",
    });
    expect(
      parsePromptRouterArn("arn:aws:bedrock:eu-west-1:123456789012:prompt-router/abc123xyz"),
    ).toMatchObject({ kind: "configured", resourceId: "abc123xyz" });
    expect(parsePromptRouterArn("anthropic.claude-3-haiku-20240307-v1:0")).toBeNull();
    expect(
      parsePromptRouterArn("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0"),
    ).toBeNull();
  });

  it("find the default router of each family from its ARN", () => {
    for (const family of ["anthropic.claude", "meta.llama", "amazon.nova"]) {
      const arn = `arn:aws:bedrock:us-west-2:123456789012:default-prompt-router/${family}:1`;
      expect(findBedrockDefaultRouter(arn)?.id).toBe(`aws-bedrock/${family}`);
    }
    expect(
      findBedrockDefaultRouter("arn:aws:bedrock:us-west-2:123456789012:prompt-router/abc"),
    ).toBeNull();
  });
});

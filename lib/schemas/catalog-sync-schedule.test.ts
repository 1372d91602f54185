import { describe, expect, it } from "vitest";
import { catalogSyncScheduleFormSchema, syncCatalogNowSchema } from "./catalog-sync-schedule";

const valid = {
  isEnabled: "on",
  hourUtc: "4",
  litellm: "on",
  litellmUrl: "https://mirror.example/litellm.json",
  modelsDevUrl: "https://models.dev/api.json",
};

describe("catalogSyncScheduleFormSchema", () => {
  it("reads the checkboxes into the chosen sources and keeps both URLs", () => {
    expect(catalogSyncScheduleFormSchema.parse(valid)).toEqual({
      isEnabled: true,
      hourUtc: 4,
      sources: ["litellm"],
      urls: {
        litellm: "https://mirror.example/litellm.json",
        "models-dev": "https://models.dev/api.json",
      },
    });
  });

  it("needs a source while the schedule is on, not when it is off", () => {
    const noSource = { ...valid, litellm: undefined };
    const refused = catalogSyncScheduleFormSchema.safeParse(noSource);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(["sources"]);
    const off = catalogSyncScheduleFormSchema.parse({ ...noSource, isEnabled: undefined });
    expect(off).toMatchObject({ isEnabled: false, sources: [] });
  });

  it.each([["24"], ["-1"], ["3.5"], ["soon"]])("refuses the hour %s", (hourUtc) => {
    const result = catalogSyncScheduleFormSchema.safeParse({ ...valid, hourUtc });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["hourUtc"]);
  });

  it("refuses a plain http URL", () => {
    const result = catalogSyncScheduleFormSchema.safeParse({
      ...valid,
      litellmUrl: "http://mirror.example/litellm.json",
    });
    expect(result.error?.issues[0]?.message).toMatch(/https/);
  });
});

describe("syncCatalogNowSchema", () => {
  it("needs at least one known source, and lists each once in a fixed order", () => {
    expect(syncCatalogNowSchema.safeParse({}).success).toBe(false);
    expect(syncCatalogNowSchema.safeParse({ sources: [] }).success).toBe(false);
    expect(syncCatalogNowSchema.safeParse({ sources: ["openrouter"] }).success).toBe(false);
    expect(syncCatalogNowSchema.parse({ sources: ["models-dev", "litellm"] })).toEqual({
      sources: ["litellm", "models-dev"],
    });
  });
});

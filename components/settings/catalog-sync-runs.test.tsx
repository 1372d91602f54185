import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { CatalogSyncRuns } from "@/components/settings/catalog-sync-runs";
import type { CatalogSyncRunItem } from "@/lib/schemas/catalog-sync-schedule";

const base: CatalogSyncRunItem = {
  id: "run-1",
  trigger: "schedule",
  source: "litellm",
  url: "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json",
  status: "succeeded",
  error: null,
  snapshotId: "snap-1",
  counts: {
    created: 3,
    updated: 1,
    unchanged: 2,
    skipped: 0,
    priceChanges: 1,
    withdrawn: 0,
    restored: 0,
  },
  createdAt: new Date("2026-12-07T03:00:00Z"),
  finishedAt: new Date("2026-12-07T03:00:09Z"),
};

describe("CatalogSyncRuns", () => {
  it("says so when nothing has run yet", () => {
    const html = renderToStaticMarkup(<CatalogSyncRuns runs={[]} />);
    expect(html).toContain("No scheduled sync has run yet");
    expect(html).not.toContain("<table");
  });

  it("links a finished sync to its stored report, and shows a failure's reason", () => {
    const failed: CatalogSyncRunItem = {
      ...base,
      id: "run-2",
      trigger: "manual",
      status: "failed",
      error: "Download failed: Could not download from models.dev (ENOTFOUND).",
      snapshotId: null,
      counts: null,
      source: "models-dev",
    };
    const html = renderToStaticMarkup(<CatalogSyncRuns runs={[failed, base]} />);
    expect(html).toContain('href="/settings/catalog/snapshots/snap-1/report.json"');
    expect(html).toContain("Succeeded");
    expect(html).toContain("Failed");
    expect(html).toContain("Could not download from models.dev (ENOTFOUND).");
    expect(html).toContain("Sync now");
    expect(html.match(/report\.json/g)).toHaveLength(1);
  });
});

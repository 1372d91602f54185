"use server";

import { revalidatePath } from "next/cache";
import { CATALOG_SOURCE_INFO, syncCatalogFormSchema } from "@/lib/schemas/catalog-sync";
import { authedAction } from "@/lib/server/http/action";
import {
  downloadCatalogSourceForSync,
  summarizeCatalogSync,
  syncCatalog,
} from "@/lib/server/domain/catalog/catalog-sync";
import { getDb } from "@/lib/server/ops/db";
import { getEnv } from "@/lib/server/ops/env";
import { endpointPolicyFromEnv } from "@/lib/server/ops/server-deps";

/**
 * Syncs the catalogue from LiteLLM or models.dev, by https URL or uploaded file, as one new
 * snapshot (or, for a dry run, only the report of what would change).
 */
export const syncCatalogAction = authedAction(
  "admin",
  syncCatalogFormSchema,
  async (caller, input) => {
    let text: string;
    let from: string;
    if (input.file) {
      text = await input.file.text();
      from = input.file.name || "the uploaded file";
    } else {
      const url = input.url ?? CATALOG_SOURCE_INFO[input.source].url;
      text = await downloadCatalogSourceForSync(caller, url, endpointPolicyFromEnv(getEnv()));
      from = url;
    }
    const takenAt = new Date().toISOString().slice(0, 10);
    const report = await syncCatalog(caller, getDb(), {
      source: input.source,
      text,
      sourceUrl: input.url,
      takenAt,
      dryRun: input.dryRun,
      label: from,
      via: "settings",
    });
    if (!report.dryRun) {
      revalidatePath("/settings/catalog");
      revalidatePath("/catalog", "layout");
      revalidatePath("/");
    }
    return summarizeCatalogSync(report, { source: input.source, from, takenAt });
  },
);

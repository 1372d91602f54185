"use server";

import { revalidatePath } from "next/cache";
import { CATALOG_SOURCE_INFO, syncCatalogFormSchema } from "@/lib/schemas/catalog-sync";
import {
  catalogSyncScheduleFormSchema,
  syncCatalogNowSchema,
} from "@/lib/schemas/catalog-sync-schedule";
import { sendCatalogSyncJobs } from "@/lib/queue/catalog-sync-queue";
import { authedAction } from "@/lib/server/http/action";
import {
  downloadCatalogSourceForSync,
  summarizeCatalogSync,
  syncCatalog,
} from "@/lib/server/domain/catalog/catalog-sync";
import {
  requestCatalogSyncNow,
  saveCatalogSyncSchedule,
} from "@/lib/server/domain/catalog/catalog-sync-schedule";
import { getAppQueue } from "@/lib/server/eval/app";
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

/** Saves the scheduled sync's settings: on or off, the hour (UTC), the sources and their URLs. */
export const saveCatalogSyncScheduleAction = authedAction(
  "admin",
  catalogSyncScheduleFormSchema,
  async (caller, input) => {
    await saveCatalogSyncSchedule(caller, getDb(), input);
    revalidatePath("/settings/catalog");
    return { saved: true as const };
  },
);

/** Queues a sync of the schedule's sources now; a worker runs it like a scheduled one. */
export const syncCatalogNowAction = authedAction(
  "admin",
  syncCatalogNowSchema,
  async (caller, input) => {
    const queued = await requestCatalogSyncNow(caller, getDb(), input.sources, async (runIds) =>
      sendCatalogSyncJobs(await getAppQueue(), runIds),
    );
    revalidatePath("/settings/catalog");
    return queued;
  },
);

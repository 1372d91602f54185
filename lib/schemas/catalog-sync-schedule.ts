import { z } from "zod";
import {
  CATALOG_SOURCE_INFO,
  CATALOG_SOURCES,
  catalogSourceSchema,
  type CatalogSource,
} from "./catalog-sync";

/** The scheduled catalogue sync as an admin sets it. */
export type CatalogSyncScheduleSettings = {
  isEnabled: boolean;
  /** The hour of day, UTC (0–23), the daily sync is due. */
  hourUtc: number;
  sources: CatalogSource[];
  urls: Record<CatalogSource, string>;
};

/** What applies until an admin saves the form: on, daily at 03:00 UTC, both public sources. */
export const DEFAULT_CATALOG_SYNC_SCHEDULE: CatalogSyncScheduleSettings = {
  isEnabled: true,
  hourUtc: 3,
  sources: [...CATALOG_SOURCES],
  urls: {
    litellm: CATALOG_SOURCE_INFO.litellm.url,
    "models-dev": CATALOG_SOURCE_INFO["models-dev"].url,
  },
};

const checkbox = z
  .literal("on", { error: "must be checked or not" })
  .optional()
  .transform((value) => value === "on");

const httpsUrl = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(2048, "must be at most 2048 characters")
  .pipe(z.url({ protocol: /^https$/, error: "must be an https:// address" }));

/**
 * The scheduled sync form as the server action receives it (FormData entries): `isEnabled`,
 * `litellm` and `modelsDev` are checkboxes ("on" when checked), `hourUtc` a whole hour 0–23, and
 * each source's https URL. A source left unchecked keeps its URL for later.
 */
export const catalogSyncScheduleFormSchema = z
  .object({
    isEnabled: checkbox,
    hourUtc: z.coerce
      .number({ error: "must be a whole hour from 0 to 23" })
      .int("must be a whole hour from 0 to 23")
      .min(0, "must be a whole hour from 0 to 23")
      .max(23, "must be a whole hour from 0 to 23"),
    litellm: checkbox,
    modelsDev: checkbox,
    litellmUrl: httpsUrl,
    modelsDevUrl: httpsUrl,
  })
  .superRefine((input, context) => {
    if (input.isEnabled && !input.litellm && !input.modelsDev) {
      context.addIssue({
        code: "custom",
        path: ["sources"],
        message: "must include at least one while the schedule is on",
      });
    }
  })
  .transform((input): CatalogSyncScheduleSettings => ({
    isEnabled: input.isEnabled,
    hourUtc: input.hourUtc,
    sources: CATALOG_SOURCES.filter((source) =>
      source === "litellm" ? input.litellm : input.modelsDev,
    ),
    urls: { litellm: input.litellmUrl, "models-dev": input.modelsDevUrl },
  }));

/** "Sync now": the sources to sync, each from the URL saved for it. */
export const syncCatalogNowSchema = z.object({
  sources: z
    .array(catalogSourceSchema, { error: "must be a list of sources" })
    .min(1, "must name at least one source: tick one in the scheduled sync form and save it")
    .max(CATALOG_SOURCES.length)
    .transform((sources) => CATALOG_SOURCES.filter((source) => sources.includes(source))),
});

/** One sync the worker ran or will run, as the settings page lists it. */
export type CatalogSyncRunItem = {
  id: string;
  trigger: "schedule" | "manual";
  source: CatalogSource | string;
  url: string;
  status: "queued" | "running" | "succeeded" | "failed";
  error: string | null;
  snapshotId: string | null;
  counts: CatalogSyncRunCounts | null;
  createdAt: Date;
  finishedAt: Date | null;
};

/** The stored report's headline numbers: offerings created, updated, unchanged, and the rest. */
export type CatalogSyncRunCounts = {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  priceChanges: number;
  withdrawn: number;
  restored: number;
};

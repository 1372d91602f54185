import { z } from "zod";

/** The public catalogue sources an admin can sync from, with where each is published. */
export const CATALOG_SOURCES = ["litellm", "models-dev"] as const;
export type CatalogSource = (typeof CATALOG_SOURCES)[number];

export const CATALOG_SOURCE_INFO: Record<CatalogSource, { label: string; url: string }> = {
  litellm: {
    label: "LiteLLM cost map",
    url: "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json",
  },
  "models-dev": { label: "models.dev", url: "https://models.dev/api.json" },
};

/** The largest source file accepted from the browser (LiteLLM's cost map is about 1.5 MB). */
export const MAX_CATALOG_FILE_BYTES = 20 * 1024 * 1024;

export const catalogSourceSchema = z.enum(CATALOG_SOURCES, {
  error: "must be LiteLLM or models.dev",
});

// A browser sends an empty text input as "" and an empty file input as a nameless, empty File.
const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(
    z
      .url({ protocol: /^https$/, error: "must be an https:// address" })
      .max(2048, "must be at most 2048 characters")
      .optional(),
  );

const optionalFile = z
  .instanceof(File, { error: "must be a file" })
  .optional()
  .transform((file) => (file && (file.size > 0 || file.name !== "") ? file : undefined))
  .pipe(
    z
      .instanceof(File)
      .refine((file) => file.size <= MAX_CATALOG_FILE_BYTES, "must be at most 20 MB")
      .optional(),
  );

/**
 * The catalogue sync form as the server action receives it (FormData entries): a source, then
 * either an https URL or an uploaded file, and `dryRun` ("on" when the box is checked).
 */
export const syncCatalogFormSchema = z
  .object({
    source: catalogSourceSchema,
    url: optionalUrl,
    file: optionalFile,
    dryRun: z
      .literal("on")
      .optional()
      .transform((value) => value === "on"),
  })
  .superRefine((input, context) => {
    if (input.url === undefined && input.file === undefined) {
      context.addIssue({
        code: "custom",
        path: ["url"],
        message: "or a file is required: give a source URL or choose a file",
      });
    } else if (input.url !== undefined && input.file !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["file"],
        message: "and a URL were both given: give one or the other",
      });
    }
  });

export type SyncCatalogForm = z.output<typeof syncCatalogFormSchema>;

/** What the settings page shows of a sync: counts, skip reasons with examples, first changes. */
export type CatalogSyncSummary = {
  dryRun: boolean;
  snapshotId: string | null;
  source: CatalogSource;
  /** Where the facts came from: the URL, or the uploaded file's name. */
  from: string;
  takenAt: string;
  counts: Record<
    "created" | "updated" | "unchanged",
    { platforms: number; models: number; offerings: number; ties: number }
  >;
  priceChanges: number;
  skippedTotal: number;
  skipped: { reason: string; count: number; examples: string[] }[];
  /** Dry runs only: the first changes, and how many there were in all. */
  changes: { platformId: string; nativeId: string; fields: string[] }[];
  changesTotal: number;
  /**
   * Offerings the source created and no longer lists: withdrawn by this sync (a dry run: would
   * be). The first few, and how many in all.
   */
  withdrawn: { platformId: string; nativeId: string; modelId: string }[];
  withdrawnTotal: number;
  /** Withdrawn offerings the source lists again: restored. */
  restored: { platformId: string; nativeId: string; modelId: string }[];
  restoredTotal: number;
  /**
   * Fields on which two sources disagree beyond tolerance: the value precedence kept and the
   * other, values formatted for display. The first few, and how many in all.
   */
  conflicts: {
    platformId: string;
    nativeId: string;
    field: string;
    kept: { source: string; value: string };
    other: { source: string; value: string };
  }[];
  conflictsTotal: number;
};

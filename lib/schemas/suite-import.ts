import { z } from "zod";

/** The most the import form accepts, all files together. */
export const MAX_SUITE_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_SUITE_FILES = 20;
export const SUITE_FILE_ACCEPT = ".jsonl,.csv,.yaml,.yml,.txt";

/**
 * A form sends each file under `files.0`, `files.1`, … (the action wrapper keeps one value per
 * FormData key), or a single `files` entry. The first file is the suite; the rest are files it
 * references.
 */
function collectFiles(input: unknown): unknown {
  if (!input || typeof input !== "object") return input;
  const record = input as Record<string, unknown>;
  if (Array.isArray(record.files)) return record;
  const indexed = Object.keys(record)
    .map((key) => ({ key, match: /^files(?:\.(\d+))?$/.exec(key) }))
    .filter((entry) => entry.match)
    .sort((a, b) => Number(a.match?.[1] ?? -1) - Number(b.match?.[1] ?? -1))
    .map((entry) => record[entry.key])
    .filter((file) => !(file instanceof File && file.size === 0 && file.name === ""));
  return { files: indexed };
}

export const importSuiteFormSchema = z.preprocess(
  collectFiles,
  z.object({
    files: z
      .array(z.instanceof(File, { error: "must be files" }), { error: "choose a suite file" })
      .min(1, "Choose a suite file to import.")
      .max(MAX_SUITE_FILES, `At most ${MAX_SUITE_FILES} files at once.`)
      .refine(
        (files) => files.reduce((sum, file) => sum + file.size, 0) <= MAX_SUITE_UPLOAD_BYTES,
        "The files are larger than 5 MB together.",
      ),
  }),
);

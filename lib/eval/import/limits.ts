/** Largest suite file accepted, in bytes of UTF-8. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Most columns a CSV suite may have (promptfoo test files use a few dozen at most). */
export const MAX_CSV_COLUMNS = 500;

/** Most cases one imported suite may hold (for promptfoo: prompts × tests). */
export const MAX_IMPORT_CASES = 10_000;

/** The file name without its directory or extension: `evals/qa.v2.jsonl` → `qa.v2`. */
export function getBaseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).at(-1) ?? fileName;
  const dot = last.lastIndexOf(".");
  return dot > 0 ? last.slice(0, dot) : last;
}

/** A kebab-case slug from a file name: `My Tests_v2.csv` → `my-tests-v2`. */
export function slugFromFileName(fileName: string): string {
  const slug = getBaseName(fileName)
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "imported-suite" : slug.slice(0, 64).replace(/-+$/, "");
}

/** The last path segment, for messages: `evals/tests.csv` → `tests.csv`. */
export function getDisplayName(fileName: string): string {
  return fileName.split(/[\\/]/).at(-1) || fileName;
}

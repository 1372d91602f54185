import path from "node:path";

/**
 * The formats of `npm run eval -- --output <file>`, by extension. Apart from cli-output.ts, which
 * loads the run domain: the command checks its arguments with this before loading anything heavy.
 */

export const OUTPUT_FORMATS = ["json", "jsonl", "csv"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The format for a file name, or null when its extension is not one of {@link OUTPUT_FORMATS}. */
export function outputFormatOf(file: string): OutputFormat | null {
  const extension = path.extname(file).slice(1).toLowerCase();
  return (OUTPUT_FORMATS as readonly string[]).includes(extension)
    ? (extension as OutputFormat)
    : null;
}

/** Why an import refused a source file: which key (or where in the text) was malformed. */
export class CatalogImportError extends Error {
  override readonly name = "CatalogImportError";
  /** The model key that was malformed, or null when the file as a whole was. */
  readonly key: string | null;
  /** 1-based position of a JSON syntax error, when the text did not parse. */
  readonly line: number | null;
  readonly column: number | null;

  constructor(
    message: string,
    details: { key?: string | null; line?: number | null; column?: number | null } = {},
  ) {
    super(message);
    this.key = details.key ?? null;
    this.line = details.line ?? null;
    this.column = details.column ?? null;
  }
}

/** The 1-based line and column of a character offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/**
 * Parses a source file's text, turning a syntax error into a {@link CatalogImportError} that names
 * the line and column (V8 reports a character offset, or at the end of input none at all).
 */
export function parseSourceJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    const position = /position (\d+)/.exec(message);
    const where = lineColumn
      ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
      : lineAndColumn(text, position ? Number(position[1]) : text.length);
    throw new CatalogImportError(
      `${label} is not valid JSON at line ${where.line}, column ${where.column}: ${message}`,
      where,
    );
  }
}

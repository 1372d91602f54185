/** Types of scripts/cli-bundle.mjs (plain JavaScript: it runs before any TypeScript loader). */
export function bundleDirectory(root: string): string;
export function freshBundle(root: string, command: string): string | null;
export function buildBundle(
  root: string,
  command: string,
  entry: string,
  alsoWatch?: string[],
): Promise<string>;

import { parseRouterTargetSpec } from "@/lib/eval/router-targets";

/**
 * The command lines' target syntax checks that need no database: kept apart from target-specs.ts
 * (which loads the domain and Prisma) so a command can refuse a typo before it starts anything.
 */

/** A mistake in a command line's arguments: the command exits 64 with its usage line. */
export class CliUsageError extends Error {}

/** The --targets list, split on commas outside parentheses. */
export function splitTargetList(list: string): string[] {
  return (
    list
      .match(/[^,(]+(\([^)]*\))?/g)
      ?.map((p) => p.trim())
      .filter(Boolean) ?? []
  );
}

/** Router targets are checked before any database work, so a typo fails at once. */
export function checkRouterTargets(list: string): void {
  for (const part of splitTargetList(list)) {
    if (!part.startsWith("router:")) continue;
    const parsed = parseRouterTargetSpec(part);
    if (!parsed.ok) throw new CliUsageError(parsed.message);
  }
}

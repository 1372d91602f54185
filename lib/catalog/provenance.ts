/**
 * Field-level provenance of offerings: which source and snapshot set each field, and which source
 * wins when two disagree.
 *
 * Precedence, highest first:
 * 1. `seed`, the curated catalogue: written from each provider's own pricing and model pages,
 *    reviewed by hand. Provider documentation outranks any aggregator.
 * 2. `litellm`: its cost map is what LiteLLM's proxy bills with, so deployments notice a wrong
 *    price. It also keys entries per platform deployment (Bedrock geo prefixes, Azure data zones,
 *    regional keys), so a platform's own price is recorded as that platform's.
 * 3. `models-dev`: its cloud providers' entries inherit from a base model (`base_model`), so a
 *    platform's price is often the vendor's list price carried over rather than the platform's.
 *
 * Rules for one field of an existing offering, given the source of its current value (the
 * offering's creating source when the field has no recorded source) and an incoming value:
 * - the same source always updates its own field;
 * - an incoming null never erases another source's value;
 * - a field without a value takes the incoming one, whatever its source;
 * - otherwise the higher-precedence source's value stands. When the two differ by more than the
 *   field's tolerance, the disagreement is a conflict, listed in the sync report with both values
 *   and which was kept, never overwritten silently.
 */

/** The catalogue sources in precedence order, highest first. */
export const SOURCE_PRECEDENCE = ["seed", "litellm", "models-dev"] as const;
export type ProvenanceSource = (typeof SOURCE_PRECEDENCE)[number];

/** Rank of a source: higher wins. Unknown sources rank below every known one. */
export function sourceRank(source: string | null | undefined): number {
  const index = SOURCE_PRECEDENCE.indexOf(source as ProvenanceSource);
  return index === -1 ? 0 : SOURCE_PRECEDENCE.length - index;
}

/** The offering fields whose source is recorded. */
export const TRACKED_FIELDS = [
  "inputPrice",
  "outputPrice",
  "cachedInputPrice",
  "batchInputPrice",
  "batchOutputPrice",
  "contextWindow",
  "maxOutputTokens",
  "regions",
  "apiStyles",
  "capabilities",
] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];

export type FieldValue = number | readonly string[] | null;
export type TrackedValues = Record<TrackedField, FieldValue>;

/** Where a field's value came from. */
export type FieldSource = { source: string; snapshotId: string | null; date: string };
export type FieldSources = Partial<Record<TrackedField, FieldSource>>;

/** Relative difference above which two numbers disagree (prices and token limits): 1%. */
export const RELATIVE_TOLERANCE = 0.01;

/** Whether two values of a field disagree by more than the tolerance. */
export function disagrees(a: FieldValue, b: FieldValue): boolean {
  if (a === null || b === null) return a !== b;
  if (typeof a === "number" && typeof b === "number") {
    const scale = Math.max(Math.abs(a), Math.abs(b));
    return scale > 0 && Math.abs(a - b) / scale > RELATIVE_TOLERANCE;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const left = new Set(a);
    const right = new Set(b);
    return left.size !== right.size || [...left].some((item) => !right.has(item));
  }
  return true;
}

function equal(a: FieldValue, b: FieldValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return !disagrees(a, b);
  return a === b;
}

/** Two sources' values of one field that disagree beyond tolerance, and which was kept. */
export type FieldConflict = {
  field: TrackedField;
  kept: { source: string; value: FieldValue };
  other: { source: string; value: FieldValue };
};

/** Reads a stored `fieldSources` JSON value, dropping anything malformed. */
export function readFieldSources(stored: unknown): FieldSources {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {};
  const result: FieldSources = {};
  for (const field of TRACKED_FIELDS) {
    const entry = (stored as Record<string, unknown>)[field];
    if (typeof entry !== "object" || entry === null) continue;
    const { source, snapshotId, date } = entry as Record<string, unknown>;
    if (typeof source !== "string" || typeof date !== "string") continue;
    result[field] = {
      source,
      snapshotId: typeof snapshotId === "string" ? snapshotId : null,
      date,
    };
  }
  return result;
}

/** The sources of a new offering: every field with a value comes from the creating source. */
export function sourcesOfNew(values: TrackedValues, stamp: FieldSource): FieldSources {
  const sources: FieldSources = {};
  for (const field of TRACKED_FIELDS) if (values[field] !== null) sources[field] = stamp;
  return sources;
}

/**
 * Merges an incoming source's values into an offering's current ones by the precedence rules
 * above: the values to store, their sources, and the conflicts to report.
 */
export function mergeFields(
  current: { values: TrackedValues; sources: FieldSources; originSource: string | null },
  incoming: { values: TrackedValues; stamp: FieldSource },
): { values: TrackedValues; sources: FieldSources; conflicts: FieldConflict[] } {
  const values = { ...current.values };
  const sources: FieldSources = { ...current.sources };
  const conflicts: FieldConflict[] = [];
  const source = incoming.stamp.source;
  for (const field of TRACKED_FIELDS) {
    const now = current.values[field];
    const next = incoming.values[field];
    const owner = current.sources[field]?.source ?? current.originSource ?? "";
    const take = () => {
      values[field] = next;
      if (next === null) delete sources[field];
      else if (!equal(now, next) || !current.sources[field] || owner !== source)
        sources[field] = incoming.stamp;
    };
    if (owner === source || now === null) {
      take();
      continue;
    }
    if (next === null) continue;
    const incomingWins = sourceRank(source) > sourceRank(owner);
    if (disagrees(now, next)) {
      conflicts.push(
        incomingWins
          ? { field, kept: { source, value: next }, other: { source: owner, value: now } }
          : { field, kept: { source: owner, value: now }, other: { source, value: next } },
      );
    }
    if (incomingWins) take();
  }
  return { values, sources, conflicts };
}

/** A field's value as a report shows it. */
export function formatFieldValue(value: FieldValue): string {
  if (value === null) return "none";
  if (typeof value === "number") return String(value);
  return value.join(", ");
}

/** A conflict as a report line: "aws-bedrock x: inputPrice kept 3 (litellm) over 3.3 (models-dev)". */
export function describeConflict(
  conflict: FieldConflict & { platformId: string; nativeId: string },
): string {
  return `${conflict.platformId} ${conflict.nativeId}: ${conflict.field} kept ${formatFieldValue(conflict.kept.value)} (${conflict.kept.source}) over ${formatFieldValue(conflict.other.value)} (${conflict.other.source})`;
}

/** How each source is named to a reader. */
export const SOURCE_LABELS: Readonly<Record<string, string>> = {
  seed: "Crossbench's curated catalogue (provider documentation)",
  litellm: "LiteLLM cost map",
  "models-dev": "models.dev",
};

/**
 * Where a field's value came from, as a sentence for a reader: the source and its snapshot date,
 * or, for a value stored before sources were recorded, the source that created the offering.
 */
export function describeFieldSource(
  source: FieldSource | undefined,
  originSource: string | null,
): string {
  if (source) return `${SOURCE_LABELS[source.source] ?? source.source}, snapshot of ${source.date}`;
  if (originSource)
    return `${SOURCE_LABELS[originSource] ?? originSource} (created the offering; field source not recorded)`;
  return "source not recorded";
}

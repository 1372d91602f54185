import { z } from "zod";

/**
 * Catalogue filters as they travel in the URL. Unknown or malformed values fall back to "any"
 * rather than failing the page: a stale bookmark still opens.
 */

const optionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .catch(undefined)
  .transform((value) => (value ? value : undefined));

export const OFFERING_SORTS = [
  "model",
  "vendor",
  "platform",
  "input",
  "output",
  "blended",
  "context",
  "updated",
] as const;

export const catalogFiltersSchema = z.object({
  vendor: optionalText,
  openWeights: z.enum(["any", "yes", "no"]).catch("any").default("any"),
  capability: optionalText,
  region: optionalText,
  apiStyle: optionalText,
  firstParty: z.enum(["any", "only", "exclude"]).catch("any").default("any"),
  q: optionalText,
  view: z.enum(["models", "families"]).catch("models").default("models"),
  sort: z.enum(OFFERING_SORTS).catch("model").default("model"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  /** The page of access-matrix rows shown (MATRIX_PAGE_SIZE rows a page). */
  rows: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/** Access-matrix rows a page: the page sends the rows it shows, not the whole catalogue. */
export const MATRIX_PAGE_SIZE = 40;

export type CatalogFilters = z.infer<typeof catalogFiltersSchema>;

/** Reads filters from Next's searchParams (values may be arrays; the first one wins). */
export function parseCatalogFilters(
  params: Record<string, string | string[] | undefined>,
): CatalogFilters {
  const flat: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(params))
    flat[key] = Array.isArray(value) ? value[0] : value;
  return catalogFiltersSchema.parse(flat);
}

/** The query string for these filters, leaving out defaults; `overrides` replace values. */
export function catalogQuery(
  filters: CatalogFilters,
  overrides: Partial<CatalogFilters> = {},
): string {
  const merged = { ...filters, ...overrides };
  const defaults = catalogFiltersSchema.parse({});
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === defaults[key as keyof CatalogFilters]) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

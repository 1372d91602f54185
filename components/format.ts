/**
 * Formatters for dates and audit details. UTC and fixed formats, so the server and the browser
 * render the same text (no hydration mismatch) and every admin reads the same time.
 */

/** "2026-11-25". */
export function formatUtcDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "2026-11-25 23:21:54 UTC". */
export function formatUtcDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function formatDetailValue(value: unknown): string {
  if (typeof value === "string") return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) {
    return String(value);
  }
  return JSON.stringify(value) ?? "";
}

/**
 * An audit event's detail as compact `key=value` text: `email=ana@example.com from=viewer to=admin`.
 * Strings with spaces, quotes or `=` are quoted; nested values are JSON. Empty for no detail.
 */
export function formatAuditDetail(detail: unknown): string {
  if (detail === null || detail === undefined) return "";
  if (typeof detail !== "object" || Array.isArray(detail)) return formatDetailValue(detail);
  return Object.entries(detail)
    .map(([key, value]) => `${key}=${formatDetailValue(value)}`)
    .join(" ");
}

/** The audit log's detail text. Numbers and dates are written by lib/format. */

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

/** Formatters for user-facing numbers: every one says its unit. */

/** USD per 1M tokens, e.g. "$3.00", "$0.075"; "—" when unknown. */
export function formatUsdPerMillion(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const digits = value !== 0 && Math.abs(value) < 0.1 ? 3 : 2;
  return `$${value.toFixed(digits)}`;
}

/** Token counts, e.g. "200K", "1M"; "—" when unknown. */
export function formatTokens(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "—";
  if (value >= 1_000_000) return `${Number((value / 1_000_000).toFixed(2))}M`;
  if (value >= 1_000) return `${Number((value / 1_000).toFixed(1))}K`;
  return String(value);
}

/** A date as YYYY-MM-DD (UTC), the form every snapshot date is shown in. */
export function formatDay(value: Date | string): string {
  return (typeof value === "string" ? new Date(value) : value).toISOString().slice(0, 10);
}

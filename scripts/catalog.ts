/**
 * `npm run catalog:sync -- --source litellm|models-dev (--file <path> | --url <url>) [--dry-run]
 *   [--partial] [--taken-at YYYY-MM-DD] [--source-url <url>]`
 *
 * Imports a public catalogue source into the database as one new snapshot, in one transaction,
 * and prints what it created, updated, left unchanged, skipped (with reasons), withdrew and
 * restored. The file is taken as the source's whole listing: offerings the source created that it
 * no longer lists are marked withdrawn (kept, with their history); `--partial` says the file is a
 * patch and withdraws nothing. `--dry-run` computes the same report and writes nothing. A real sync records a `catalog.synced` audit event;
 * a dry run records none, since it changes nothing.
 *
 * `--url` must be https and passes the same endpoint policy as user-supplied base URLs (no private,
 * loopback or metadata addresses unless the deployment allows them); redirects are followed only
 * on the same host, the body is capped at 50 MB and the download at 60 s.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { CatalogSyncReport } from "@/lib/catalog/types";
import { describeConflict } from "@/lib/catalog/provenance";
import { CATALOG_SOURCE_INFO } from "@/lib/schemas/catalog-sync";
import {
  CatalogDownloadError,
  downloadCatalogSource,
} from "@/lib/server/domain/catalog/catalog-download";
import {
  COMMAND_LINE_CALLER,
  groupSkipped,
  syncCatalog,
} from "@/lib/server/domain/catalog/catalog-sync";
import { resolveCliDatabaseUrl } from "@/lib/server/ops/cli-database";
import { createPrismaClient } from "@/lib/server/ops/db-client";
import { parseEnv } from "@/lib/server/ops/env";
import { AppError } from "@/lib/server/domain/errors";
import { endpointPolicyFromEnv } from "@/lib/server/ops/server-deps";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const USAGE =
  "usage: npm run catalog:sync -- --source litellm|models-dev (--file <path> | --url <https url>) [--dry-run] [--partial] [--taken-at YYYY-MM-DD] [--source-url <url>]";

const SHOWN_CHANGES = 20;
const SHOWN_EXAMPLES = 3;

/** The report as the terminal shows it: counts, skip reasons with examples, first changes. */
export function formatReport(report: CatalogSyncReport): string {
  const lines: string[] = [];
  const row = (label: string, counts: CatalogSyncReport["created"]) =>
    `  ${label.padEnd(10)} offerings ${counts.offerings}, models ${counts.models}, platforms ${counts.platforms}, ties ${counts.ties}`;
  lines.push(report.dryRun ? "Dry run: nothing was written." : `Snapshot ${report.snapshotId}.`);
  lines.push(row("created", report.created), row("updated", report.updated));
  lines.push(row("unchanged", report.unchanged));
  lines.push(`  price changes (new price rows) ${report.priceChanges}`);
  lines.push(`  skipped    ${report.skipped.length}`);
  for (const group of groupSkipped(report.skipped, SHOWN_EXAMPLES)) {
    const examples = group.examples.join(", ");
    lines.push(`    ${String(group.count).padStart(5)}  ${group.reason} (e.g. ${examples})`);
  }
  const would = report.dryRun ? " (would be)" : "";
  for (const [label, refs] of [
    [`withdrawn${would}`, report.withdrawn],
    [`restored${would}`, report.restored],
  ] as const) {
    lines.push(`  ${label.padEnd(10)} ${refs.length}`);
    for (const ref of refs.slice(0, SHOWN_CHANGES)) {
      lines.push(`    ${ref.platformId} ${ref.nativeId} (${ref.modelId})`);
    }
    if (refs.length > SHOWN_CHANGES) lines.push(`    … and ${refs.length - SHOWN_CHANGES} more`);
  }
  lines.push(
    `  conflicts  ${report.conflictsTotal} (kept by source precedence; see lib/catalog/provenance)`,
  );
  for (const conflict of report.conflicts.slice(0, SHOWN_CHANGES)) {
    lines.push(`    ${describeConflict(conflict)}`);
  }
  if (report.conflictsTotal > SHOWN_CHANGES) {
    lines.push(`    … and ${report.conflictsTotal - SHOWN_CHANGES} more`);
  }
  if (report.dryRun && report.changes.length > 0) {
    lines.push(`  first ${Math.min(SHOWN_CHANGES, report.changes.length)} changes:`);
    for (const change of report.changes.slice(0, SHOWN_CHANGES)) {
      lines.push(`    ${change.platformId} ${change.nativeId}: ${change.fields.join(", ")}`);
    }
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== "sync") {
    console.error(USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      source: { type: "string" },
      file: { type: "string" },
      url: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      partial: { type: "boolean", default: false },
      "taken-at": { type: "string" },
      "source-url": { type: "string" },
    },
    strict: true,
  });
  const source = values.source;
  if (source !== "litellm" && source !== "models-dev") {
    console.error("catalog:sync: --source must be litellm or models-dev");
    console.error(USAGE);
    return 2;
  }
  if ((values.file === undefined) === (values.url === undefined)) {
    console.error("catalog:sync: give exactly one of --file and --url");
    console.error(USAGE);
    return 2;
  }
  const takenAt = values["taken-at"] ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(takenAt) || Number.isNaN(Date.parse(takenAt))) {
    console.error("catalog:sync: --taken-at must be a date, YYYY-MM-DD");
    return 2;
  }
  try {
    process.loadEnvFile(path.join(root, ".env"));
  } catch {
    // No .env file.
  }
  const env = parseEnv(process.env);

  let text: string;
  let label: string;
  if (values.url !== undefined) {
    if (!values.url.startsWith("https://")) {
      console.error("catalog:sync: --url must be https");
      return 2;
    }
    text = await downloadCatalogSource(values.url, { policy: endpointPolicyFromEnv(env) });
    label = values.url;
  } else {
    const file = path.resolve(values.file ?? "");
    text = await readFile(file, "utf8");
    label = file;
  }
  const sourceUrl = values["source-url"] ?? values.url ?? CATALOG_SOURCE_INFO[source].url;

  const databaseUrl = await resolveCliDatabaseUrl(env, root);
  const db = createPrismaClient(databaseUrl, { max: 2 });
  try {
    const started = performance.now();
    const report = await syncCatalog(COMMAND_LINE_CALLER, db, {
      source,
      text,
      sourceUrl,
      takenAt,
      dryRun: values["dry-run"],
      full: !values.partial,
      label,
      via: "cli",
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(`catalog:sync ${source} from ${label} (as of ${takenAt}) in ${seconds} s`);
    console.log(formatReport(report));
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof AppError || error instanceof CatalogDownloadError) {
      console.error(`catalog:sync: ${error.message}`);
      process.exit(2);
    }
    console.error(`catalog:sync: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

/**
 * `npm run catalog:sync -- --source litellm|models-dev (--file <path> | --url <url>) [--dry-run]
 *   [--taken-at YYYY-MM-DD] [--source-url <url>]`
 *
 * Imports a public catalogue source into the database as one new snapshot, in one transaction,
 * and prints what it created, updated, left unchanged and skipped (with reasons). `--dry-run`
 * computes the same report and writes nothing. A real sync records a `catalog.synced` audit event;
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
import { CatalogImportError, parseSourceJson } from "@/lib/catalog/import/errors";
import { parseLiteLlm } from "@/lib/catalog/import/litellm";
import { parseModelsDev } from "@/lib/catalog/import/models-dev";
import type { CatalogBatch, CatalogSyncReport } from "@/lib/catalog/types";
import { checkEndpointUrl } from "@/lib/router/endpoint-policy";
import { recordAudit } from "@/lib/server/audit";
import { applyCatalogBatch } from "@/lib/server/catalog-store";
import { resolveCliDatabaseUrl } from "@/lib/server/cli-database";
import { createPrismaClient } from "@/lib/server/db-client";
import { parseEnv } from "@/lib/server/env";
import { endpointPolicyFromEnv } from "@/lib/server/server-deps";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const USAGE =
  "usage: npm run catalog:sync -- --source litellm|models-dev (--file <path> | --url <https url>) [--dry-run] [--taken-at YYYY-MM-DD] [--source-url <url>]";

const MAX_BYTES = 50 * 1024 * 1024;
const TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;
const SHOWN_CHANGES = 20;
const SHOWN_EXAMPLES = 3;

/** Where each source is published; the facts' source URL when importing a local copy. */
const SOURCES = {
  litellm: {
    url: "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json",
    parse: parseLiteLlm,
  },
  "models-dev": { url: "https://models.dev/api.json", parse: parseModelsDev },
} as const satisfies Record<
  string,
  {
    url: string;
    parse: (json: unknown, options: { sourceUrl: string; takenAt: string }) => CatalogBatch;
  }
>;

class UsageError extends Error {}

async function download(url: string, env: ReturnType<typeof parseEnv>): Promise<string> {
  const policy = endpointPolicyFromEnv(env);
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  let current = url;
  const host = new URL(url).host;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    if (new URL(current).protocol !== "https:")
      throw new UsageError(`--url must be https (${current}).`);
    const check = await checkEndpointUrl(current, policy);
    if (!check.ok) throw new UsageError(`Refusing ${current}: ${check.message}`);
    const response = await fetch(current, { redirect: "manual", signal });
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get("location");
      if (!location) throw new Error(`${current} answered ${response.status} without a Location.`);
      const next = new URL(location, current);
      if (next.host !== host) {
        throw new UsageError(`Refusing a redirect from ${host} to another host (${next.host}).`);
      }
      current = next.toString();
      continue;
    }
    if (!response.ok || !response.body) {
      throw new Error(`${current} answered ${response.status} ${response.statusText}.`);
    }
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > MAX_BYTES) throw new Error(`${current} is larger than ${MAX_BYTES} bytes.`);
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_BYTES) {
        await reader.cancel();
        throw new Error(`${current} is larger than ${MAX_BYTES} bytes.`);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString("utf8");
  }
  throw new Error(`More than ${MAX_REDIRECTS} redirects from ${url}.`);
}

/** The report as the terminal shows it: counts, skip reasons with examples, first changes. */
export function formatReport(report: CatalogSyncReport): string {
  const lines: string[] = [];
  const row = (label: string, counts: CatalogSyncReport["created"]) =>
    `  ${label.padEnd(10)} offerings ${counts.offerings}, models ${counts.models}, platforms ${counts.platforms}, ties ${counts.ties}`;
  lines.push(report.dryRun ? "Dry run: nothing was written." : `Snapshot ${report.snapshotId}.`);
  lines.push(row("created", report.created), row("updated", report.updated));
  lines.push(row("unchanged", report.unchanged));
  lines.push(`  price changes (new price rows) ${report.priceChanges}`);
  const groups = new Map<string, string[]>();
  for (const entry of report.skipped) {
    groups.set(entry.reason, [...(groups.get(entry.reason) ?? []), entry.key]);
  }
  lines.push(`  skipped    ${report.skipped.length}`);
  for (const [reason, keys] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    const examples = keys.slice(0, SHOWN_EXAMPLES).join(", ");
    lines.push(`    ${String(keys.length).padStart(5)}  ${reason} (e.g. ${examples})`);
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
    text = await download(values.url, env);
    label = values.url;
  } else {
    const file = path.resolve(values.file ?? "");
    text = await readFile(file, "utf8");
    label = file;
  }
  const sourceUrl = values["source-url"] ?? values.url ?? SOURCES[source].url;
  const batch = SOURCES[source].parse(parseSourceJson(text, label), { sourceUrl, takenAt });

  const databaseUrl = await resolveCliDatabaseUrl(env, root);
  const db = createPrismaClient(databaseUrl, { max: 2 });
  try {
    const started = performance.now();
    const report = await applyCatalogBatch(db, batch, { dryRun: values["dry-run"] });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!report.dryRun) {
      await recordAudit(db, {
        action: "catalog.synced",
        actor: { id: null, email: "command line" },
        targetType: "catalog_snapshot",
        targetId: report.snapshotId ?? undefined,
        detail: {
          source,
          sourceUrl,
          takenAt,
          dryRun: false,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          skipped: report.skipped.length,
          priceChanges: report.priceChanges,
          via: "cli",
        },
      });
    }
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
    if (error instanceof CatalogImportError || error instanceof UsageError) {
      console.error(`catalog:sync: ${error.message}`);
      process.exit(2);
    }
    console.error(`catalog:sync: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

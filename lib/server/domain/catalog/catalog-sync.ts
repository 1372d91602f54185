import { CatalogImportError, parseSourceJson } from "@/lib/catalog/import/errors";
import { parseLiteLlm } from "@/lib/catalog/import/litellm";
import { parseModelsDev } from "@/lib/catalog/import/models-dev";
import type { CatalogBatch, CatalogSyncReport } from "@/lib/catalog/types";
import { formatFieldValue } from "@/lib/catalog/provenance";
import {
  CATALOG_SOURCE_INFO,
  type CatalogSource,
  type CatalogSyncSummary,
} from "@/lib/schemas/catalog-sync";
import { actorOf, recordAudit } from "../audit";
import { commandLineCaller, requireRole, type Caller } from "../caller";
import type { EndpointPolicyOptions } from "@/lib/router/endpoint-policy";
import { CatalogDownloadError, downloadCatalogSource } from "./catalog-download";
import { applyCatalogBatch } from "./catalog-store";
import type { Db } from "../../ops/db-client";
import { AppError } from "../errors";

const PARSERS: Record<
  CatalogSource,
  (json: unknown, options: { sourceUrl: string; takenAt: string }) => CatalogBatch
> = {
  litellm: parseLiteLlm,
  "models-dev": parseModelsDev,
};

/**
 * The command line acts as an administrator without an account: the snapshot names no user and
 * the audit event's actor is "command line".
 */
export const COMMAND_LINE_CALLER: Caller = commandLineCaller("admin");

export type SyncCatalogInput = {
  source: CatalogSource;
  /** The source file's text. */
  text: string;
  /** Where the facts come from; the source's public URL when importing a local copy. */
  sourceUrl?: string;
  /** The date the facts are as of, YYYY-MM-DD. */
  takenAt: string;
  dryRun: boolean;
  /**
   * Whether the text is the source's whole listing (the default): then offerings the source
   * created that it no longer lists are withdrawn. False for a partial file meant as a patch.
   */
  full?: boolean;
  /** Names the text in parse errors: the file name or the URL. */
  label?: string;
  /** Recorded in the audit event: "cli" or "settings". */
  via?: string;
};

/**
 * Parses a source file's text with its importer. Throws INVALID_INPUT whose message names the
 * line and column of a JSON syntax error, or the key that was malformed.
 */
export function parseCatalogSource(
  source: CatalogSource,
  text: string,
  options: { sourceUrl: string; takenAt: string; label: string },
): CatalogBatch {
  try {
    return PARSERS[source](parseSourceJson(text, options.label), options);
  } catch (error) {
    if (error instanceof CatalogImportError) throw new AppError("INVALID_INPUT", error.message);
    throw error;
  }
}

/**
 * Imports one catalogue source as a new snapshot, all or nothing (see `applyCatalogBatch`), and
 * returns what it created, updated, left unchanged and skipped. Admins only. A real sync records
 * a `catalog.synced` audit event with the caller as actor; a dry run writes nothing at all.
 */
export async function syncCatalog(
  caller: Caller,
  db: Db,
  input: SyncCatalogInput,
): Promise<CatalogSyncReport> {
  requireRole(caller, "admin");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.takenAt) || Number.isNaN(Date.parse(input.takenAt))) {
    throw new AppError("INVALID_INPUT", "The facts' date must be YYYY-MM-DD.");
  }
  const sourceUrl = input.sourceUrl ?? CATALOG_SOURCE_INFO[input.source].url;
  const batch = parseCatalogSource(input.source, input.text, {
    sourceUrl,
    takenAt: input.takenAt,
    label: input.label ?? "The file",
  });
  const actorId = caller.userId === "" ? null : caller.userId;
  const report = await applyCatalogBatch(db, batch, {
    dryRun: input.dryRun,
    actorId,
    full: input.full ?? true,
  });
  if (!report.dryRun) {
    await recordAudit(db, {
      action: "catalog.synced",
      actor: actorId === null ? { id: null, email: caller.email } : actorOf(caller),
      targetType: "catalog_snapshot",
      targetId: report.snapshotId ?? undefined,
      detail: {
        source: input.source,
        sourceUrl,
        takenAt: input.takenAt,
        dryRun: false,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.skipped.length,
        priceChanges: report.priceChanges,
        withdrawn: report.withdrawn.length,
        restored: report.restored.length,
        conflicts: report.conflictsTotal,
        via: input.via ?? "settings",
      },
      ipAddress: caller.ipAddress,
    });
  }
  return report;
}

/** Skip reasons, most frequent first, each with its count and the first few keys. */
export function groupSkipped(
  skipped: CatalogSyncReport["skipped"],
  examples: number,
): { reason: string; count: number; examples: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const entry of skipped) {
    const keys = groups.get(entry.reason);
    if (keys) keys.push(entry.key);
    else groups.set(entry.reason, [entry.key]);
  }
  return [...groups]
    .map(([reason, keys]) => ({ reason, count: keys.length, examples: keys.slice(0, examples) }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** The report as the settings page shows it: a few examples per skip reason, the first changes. */
export function summarizeCatalogSync(
  report: CatalogSyncReport,
  context: { source: CatalogSource; from: string; takenAt: string },
  limits: { examples: number; changes: number } = { examples: 5, changes: 50 },
): CatalogSyncSummary {
  return {
    dryRun: report.dryRun,
    snapshotId: report.snapshotId,
    ...context,
    counts: { created: report.created, updated: report.updated, unchanged: report.unchanged },
    priceChanges: report.priceChanges,
    skippedTotal: report.skipped.length,
    skipped: groupSkipped(report.skipped, limits.examples),
    changes: report.dryRun ? report.changes.slice(0, limits.changes) : [],
    changesTotal: report.created.offerings + report.updated.offerings,
    withdrawn: report.withdrawn.slice(0, limits.changes),
    withdrawnTotal: report.withdrawn.length,
    restored: report.restored.slice(0, limits.changes),
    restoredTotal: report.restored.length,
    conflicts: report.conflicts.slice(0, limits.changes).map((conflict) => ({
      platformId: conflict.platformId,
      nativeId: conflict.nativeId,
      field: conflict.field,
      kept: { source: conflict.kept.source, value: formatFieldValue(conflict.kept.value) },
      other: { source: conflict.other.source, value: formatFieldValue(conflict.other.value) },
    })),
    conflictsTotal: report.conflictsTotal,
  };
}

type Counts = CatalogSyncSummary["counts"]["created"];

export type CatalogSnapshotRow = {
  id: string;
  source: string;
  sourceUrl: string;
  takenAt: Date;
  createdAt: Date;
  /** The admin who ran the sync; null for the seed and the command line, or a deleted user. */
  createdBy: { name: string; email: string } | null;
  /** From the stored report; null when the snapshot has none. */
  counts: {
    created: Counts;
    updated: Counts;
    unchanged: Counts;
    skipped: number;
    priceChanges: number;
    /** Offerings withdrawn and restored; 0 in reports stored before withdrawals existed. */
    withdrawn: number;
    restored: number;
  } | null;
};

const countsOf = (value: unknown): Counts | null => {
  if (typeof value !== "object" || value === null) return null;
  const record = value as Record<string, unknown>;
  const read = (key: string) => (typeof record[key] === "number" ? record[key] : 0);
  return {
    platforms: read("platforms"),
    models: read("models"),
    offerings: read("offerings"),
    ties: read("ties"),
  };
};

function reportCounts(report: unknown): CatalogSnapshotRow["counts"] {
  if (typeof report !== "object" || report === null) return null;
  const record = report as Record<string, unknown>;
  const created = countsOf(record.created);
  const updated = countsOf(record.updated);
  const unchanged = countsOf(record.unchanged);
  if (!created || !updated || !unchanged) return null;
  return {
    created,
    updated,
    unchanged,
    skipped: Array.isArray(record.skipped) ? record.skipped.length : 0,
    priceChanges: typeof record.priceChanges === "number" ? record.priceChanges : 0,
    withdrawn: Array.isArray(record.withdrawn) ? record.withdrawn.length : 0,
    restored: Array.isArray(record.restored) ? record.restored.length : 0,
  };
}

/**
 * Past catalogue snapshots, the newest `limit` first, with who loaded them and their report's
 * counts, and how many there are in all.
 */
export async function listCatalogSnapshots(
  caller: Caller,
  db: Db,
  limit = 50,
): Promise<{ total: number; snapshots: CatalogSnapshotRow[] }> {
  requireRole(caller, "admin");
  const [total, snapshots] = await Promise.all([
    db.catalogSnapshot.count(),
    db.catalogSnapshot.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: {
        id: true,
        source: true,
        sourceUrl: true,
        takenAt: true,
        createdAt: true,
        createdById: true,
        report: true,
      },
    }),
  ]);
  const userIds = [
    ...new Set(snapshots.flatMap((row) => (row.createdById ? [row.createdById] : []))),
  ];
  const users =
    userIds.length === 0
      ? []
      : await db.user.findMany({
          where: { id: { in: userIds } },
          select: { id: true, name: true, email: true },
        });
  const userById = new Map(users.map((user) => [user.id, user]));
  const rows = snapshots.map((row) => {
    const user = row.createdById ? userById.get(row.createdById) : undefined;
    return {
      id: row.id,
      source: row.source,
      sourceUrl: row.sourceUrl,
      takenAt: row.takenAt,
      createdAt: row.createdAt,
      createdBy: user ? { name: user.name, email: user.email } : null,
      counts: reportCounts(row.report),
    };
  });
  return { total, snapshots: rows };
}

/**
 * Downloads a catalogue source for an admin's sync, as typed errors: a URL the endpoint policy
 * refuses is INVALID_INPUT on the `url` field, anything that goes wrong upstream is UPSTREAM.
 */
export async function downloadCatalogSourceForSync(
  caller: Caller,
  url: string,
  policy: EndpointPolicyOptions,
): Promise<string> {
  // Admins only: a download makes this server connect out on someone's behalf.
  requireRole(caller, "admin");
  try {
    return await downloadCatalogSource(url, { policy });
  } catch (error) {
    if (!(error instanceof CatalogDownloadError)) throw error;
    throw error.kind === "refused"
      ? new AppError("INVALID_INPUT", error.message, { url: [error.message] })
      : new AppError("UPSTREAM", error.message);
  }
}

import { isDueTimeOwed, latestDueTime, nextDueTime } from "@/lib/catalog/sync-schedule";
import { CATALOG_SOURCES, type CatalogSource } from "@/lib/schemas/catalog-sync";
import {
  DEFAULT_CATALOG_SYNC_SCHEDULE,
  type CatalogSyncRunCounts,
  type CatalogSyncRunItem,
  type CatalogSyncScheduleSettings,
} from "@/lib/schemas/catalog-sync-schedule";
import { Prisma } from "@/prisma/generated/client";
import type { Db } from "../../ops/db-client";
import { actorOf, recordAudit } from "../audit";
import { requireRole, type Caller } from "../caller";
import { AppError } from "../errors";
import { CatalogDownloadError } from "./catalog-download";
import {
  CatalogSyncChildError,
  type CatalogSyncChildInput,
  type CatalogSyncChildOutcome,
} from "./catalog-sync-child-runner";

/**
 * The scheduled catalogue sync: daily at an hour an admin chooses, from each chosen source's
 * public URL, run by a worker. Each sync of each source is one CatalogSyncRun row: queued (by the
 * schedule or an admin's "Sync now"), running, then succeeded (with the snapshot, whose report is
 * stored on it) or failed (with a reason). A failed download — the machine is offline, the host
 * refuses, the endpoint policy refuses the URL — is a failed row and nothing else; the next fire
 * time tries again.
 */

const SETTINGS_ID = "default";

/** The catalogue schedule acting: an administrator nobody signs in as. */
export const CATALOG_SCHEDULE_CALLER: Caller = {
  userId: "",
  email: "the catalogue schedule",
  name: "the catalogue schedule",
  role: "admin",
  mustChangePassword: false,
  ipAddress: null,
};

/** A run still "running" after this long lost its worker (killed, machine gone). */
export const CATALOG_SYNC_STALE_AFTER_MS = 15 * 60 * 1000;

const isSource = (value: string): value is CatalogSource =>
  (CATALOG_SOURCES as readonly string[]).includes(value);

type StoredSchedule = { settings: CatalogSyncScheduleSettings; savedAt: Date | null };

/** The settings row, or the defaults while none was saved. No caller: for the worker. */
export async function unsafeReadCatalogSyncSchedule(db: Db): Promise<StoredSchedule> {
  const row = await db.catalogSyncSettings.findUnique({ where: { id: SETTINGS_ID } });
  if (!row) return { settings: DEFAULT_CATALOG_SYNC_SCHEDULE, savedAt: null };
  return {
    settings: {
      isEnabled: row.isEnabled,
      hourUtc: row.hourUtc,
      sources: CATALOG_SOURCES.filter((source) => row.sources.includes(source)),
      urls: { litellm: row.litellmUrl, "models-dev": row.modelsDevUrl },
    },
    savedAt: row.updatedAt,
  };
}

/** The schedule as the settings page shows it, with the next fire time (null when off). */
export async function getCatalogSyncSchedule(
  caller: Caller,
  db: Db,
  now: Date = new Date(),
): Promise<StoredSchedule & { nextDueAt: Date | null }> {
  requireRole(caller, "admin");
  const stored = await unsafeReadCatalogSyncSchedule(db);
  const { isEnabled, hourUtc, sources } = stored.settings;
  return {
    ...stored,
    nextDueAt: isEnabled && sources.length > 0 ? nextDueTime(now, hourUtc) : null,
  };
}

/** Saves the schedule. Admins only; recorded in the audit log. */
export async function saveCatalogSyncSchedule(
  caller: Caller,
  db: Db,
  settings: CatalogSyncScheduleSettings,
): Promise<void> {
  requireRole(caller, "admin");
  const data = {
    isEnabled: settings.isEnabled,
    hourUtc: settings.hourUtc,
    sources: settings.sources,
    litellmUrl: settings.urls.litellm,
    modelsDevUrl: settings.urls["models-dev"],
    updatedById: caller.userId === "" ? null : caller.userId,
  };
  await db.catalogSyncSettings.upsert({
    where: { id: SETTINGS_ID },
    create: { id: SETTINGS_ID, ...data },
    update: data,
  });
  await recordAudit(db, {
    action: "catalog.sync_schedule_saved",
    actor: actorOf(caller),
    targetType: "catalog_sync_settings",
    targetId: SETTINGS_ID,
    detail: { ...settings },
    ipAddress: caller.ipAddress,
  });
}

/**
 * Queues a sync of `sources` now, each from the URL the schedule saved for it, and hands the runs'
 * ids to `send` (which puts them on the worker's queue). Admins only. CONFLICT while a sync of one
 * of them is still waiting or running, so repeated clicks do not pile up downloads.
 */
export async function requestCatalogSyncNow(
  caller: Caller,
  db: Db,
  sources: readonly CatalogSource[],
  send: (runIds: string[]) => Promise<void>,
): Promise<{ runIds: string[] }> {
  requireRole(caller, "admin");
  if (sources.length === 0) {
    throw new AppError("INVALID_INPUT", "Choose at least one source to sync.");
  }
  const { settings } = await unsafeReadCatalogSyncSchedule(db);
  const busy = await db.catalogSyncRun.findFirst({
    where: {
      source: { in: [...sources] },
      status: { in: ["queued", "running"] },
      createdAt: { gt: new Date(Date.now() - CATALOG_SYNC_STALE_AFTER_MS) },
    },
    select: { source: true, status: true },
  });
  if (busy) {
    throw new AppError(
      "CONFLICT",
      `A sync of ${busy.source} is already ${busy.status}; wait for it to finish.`,
    );
  }
  const runIds: string[] = [];
  for (const source of sources) {
    const run = await db.catalogSyncRun.create({
      data: {
        trigger: "manual",
        source,
        url: settings.urls[source],
        requestedById: caller.userId === "" ? null : caller.userId,
      },
      select: { id: true },
    });
    runIds.push(run.id);
  }
  await recordAudit(db, {
    action: "catalog.sync_requested",
    actor: actorOf(caller),
    targetType: "catalog_sync_run",
    targetId: runIds.join(","),
    detail: { sources: [...sources] },
    ipAddress: caller.ipAddress,
  });
  try {
    await send(runIds);
  } catch (error) {
    await db.catalogSyncRun.updateMany({
      where: { id: { in: runIds }, status: "queued" },
      data: {
        status: "failed",
        error: "Could not be queued for a worker.",
        finishedAt: new Date(),
      },
    });
    throw error;
  }
  return { runIds };
}

/**
 * The worker's tick: claims the fire time now due (once, whichever worker ticks: the row per fire
 * time and source is unique) and returns the new runs' ids to queue. Also fails runs whose worker
 * vanished, so the list never shows one "running" forever. No caller: the schedule acts.
 */
export async function claimDueCatalogSyncs(db: Db, now: Date = new Date()): Promise<string[]> {
  await db.catalogSyncRun.updateMany({
    where: {
      status: { in: ["queued", "running"] },
      createdAt: { lt: new Date(now.getTime() - CATALOG_SYNC_STALE_AFTER_MS) },
    },
    data: {
      status: "failed",
      error: "No worker finished it within 15 minutes (a worker stopped, or none is running).",
      finishedAt: now,
    },
  });
  const { settings, savedAt } = await unsafeReadCatalogSyncSchedule(db);
  if (savedAt === null) {
    // A fresh install: the defaults count from now, so the first sync comes at the next fire
    // time, not minutes after the first start (nor in the middle of someone's first look).
    await db.catalogSyncSettings.createMany({
      data: [
        {
          id: SETTINGS_ID,
          isEnabled: settings.isEnabled,
          hourUtc: settings.hourUtc,
          sources: settings.sources,
          litellmUrl: settings.urls.litellm,
          modelsDevUrl: settings.urls["models-dev"],
          updatedAt: now,
        },
      ],
      skipDuplicates: true,
    });
    return [];
  }
  const dueAt = latestDueTime(now, settings.hourUtc);
  if (!isDueTimeOwed({ isEnabled: settings.isEnabled, dueAt, settingsSavedAt: savedAt })) return [];
  // A fire time missed by more than a day (every worker was down) is not caught up: the next is.
  const runIds: string[] = [];
  for (const source of settings.sources) {
    try {
      const run = await db.catalogSyncRun.create({
        data: { trigger: "schedule", dueAt, source, url: settings.urls[source], createdAt: now },
        select: { id: true },
      });
      runIds.push(run.id);
    } catch (error) {
      const isClaimed =
        error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!isClaimed) throw error;
    }
  }
  return runIds;
}

export type CatalogSyncDeps = {
  /** Downloads a source URL through the endpoint policy, with its size and time budget. */
  download: (url: string) => Promise<string>;
  /** Parses and applies the text (in a child process; see catalog-sync-child-runner). */
  apply: (input: CatalogSyncChildInput, text: string) => Promise<CatalogSyncChildOutcome>;
  now?: () => Date;
  log?: (line: string) => void;
};

function describeSyncFailure(error: unknown, log: (line: string) => void): string {
  if (error instanceof CatalogDownloadError) {
    // No DNS answer is what an offline machine gets: a failed download, not a forbidden URL.
    return error.kind === "refused" && error.reason !== "unresolvable"
      ? `Refused before connecting: ${error.message}`
      : `Download failed: ${error.message} Offline or unreachable; the next fire time tries again.`;
  }
  if (error instanceof CatalogSyncChildError) return error.message;
  log(
    `catalogue sync failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return "The sync failed on the worker (its log has the details); nothing was written.";
}

/**
 * Runs one queued sync: downloads the source, applies it as a new snapshot, and records the
 * outcome on the run. Never throws for a failed download or a refused file: those are the run's
 * recorded failure. Runs that are not queued (already taken) are left alone.
 */
export async function runCatalogSync(
  db: Db,
  runId: string,
  deps: CatalogSyncDeps,
): Promise<CatalogSyncRunItem["status"] | null> {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((line: string) => console.error(`[catalog-sync] ${line}`));
  const claimed = await db.catalogSyncRun.updateMany({
    where: { id: runId, status: "queued" },
    data: { status: "running", startedAt: now() },
  });
  if (claimed.count === 0) return null;
  const run = await db.catalogSyncRun.findUniqueOrThrow({ where: { id: runId } });
  const finish = async (
    data:
      | { status: "succeeded"; snapshotId: string; counts: CatalogSyncRunCounts }
      | { status: "failed"; error: string },
  ) => {
    await db.catalogSyncRun.update({ where: { id: runId }, data: { ...data, finishedAt: now() } });
    return data.status;
  };
  if (!isSource(run.source))
    return finish({ status: "failed", error: `Unknown source ${run.source}.` });
  try {
    const text = await deps.download(run.url);
    const outcome = await deps.apply(
      {
        caller: await callerForRun(db, run.requestedById),
        source: run.source,
        sourceUrl: run.url,
        takenAt: now().toISOString().slice(0, 10),
        via: run.trigger === "schedule" ? "schedule" : "sync-now",
      },
      text,
    );
    if (!outcome.ok)
      return finish({ status: "failed", error: `The source was refused: ${outcome.message}` });
    return finish({ status: "succeeded", snapshotId: outcome.snapshotId, counts: outcome.counts });
  } catch (error) {
    return finish({ status: "failed", error: describeSyncFailure(error, log) });
  }
}

/** The admin who asked, while they are still an admin; else the schedule itself. */
async function callerForRun(db: Db, userId: string | null): Promise<Caller> {
  if (!userId) return CATALOG_SCHEDULE_CALLER;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true },
  });
  if (!user || user.role !== "admin") return CATALOG_SCHEDULE_CALLER;
  return { ...CATALOG_SCHEDULE_CALLER, userId: user.id, email: user.email, name: user.name };
}

const countsOf = (value: unknown): CatalogSyncRunCounts | null => {
  if (typeof value !== "object" || value === null) return null;
  const record = value as Record<string, unknown>;
  const read = (key: string) => (typeof record[key] === "number" ? record[key] : 0);
  return {
    created: read("created"),
    updated: read("updated"),
    unchanged: read("unchanged"),
    skipped: read("skipped"),
    priceChanges: read("priceChanges"),
    withdrawn: read("withdrawn"),
    restored: read("restored"),
  };
};

/** The latest syncs the worker ran or will run, newest first. Admins only. */
export async function listCatalogSyncRuns(
  caller: Caller,
  db: Db,
  limit = 10,
): Promise<CatalogSyncRunItem[]> {
  requireRole(caller, "admin");
  const rows = await db.catalogSyncRun.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((row) => ({
    id: row.id,
    trigger: row.trigger === "schedule" ? "schedule" : "manual",
    source: row.source,
    url: row.url,
    status:
      (["queued", "running", "succeeded", "failed"] as const).find((s) => s === row.status) ??
      "failed",
    error: row.error,
    snapshotId: row.snapshotId,
    counts: countsOf(row.counts),
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  }));
}

/** A snapshot's stored sync report, for the settings page's link. Admins only. */
export async function getCatalogSnapshotReport(
  caller: Caller,
  db: Db,
  snapshotId: string,
): Promise<{
  id: string;
  source: string;
  sourceUrl: string;
  takenAt: Date;
  createdAt: Date;
  report: unknown;
}> {
  requireRole(caller, "admin");
  const snapshot = await db.catalogSnapshot.findUnique({
    where: { id: snapshotId },
    select: {
      id: true,
      source: true,
      sourceUrl: true,
      takenAt: true,
      createdAt: true,
      report: true,
    },
  });
  if (!snapshot) throw new AppError("NOT_FOUND", "That snapshot was not found.");
  return snapshot;
}

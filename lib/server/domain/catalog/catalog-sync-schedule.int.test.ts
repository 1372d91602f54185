import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EndpointPolicyOptions } from "@/lib/router/endpoint-policy";
import type { Db } from "@/lib/server/ops/db-client";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { COMMERCIAL_PLATFORM_IDS } from "@/lib/testing/platform-ids";
import { freePort, listenOnLoopback } from "@/lib/testing/ports";
import { testCaller } from "@/lib/testing/test-callers";
import { ROLES } from "@/lib/schemas/roles";
import { sendCatalogSyncJobs } from "@/lib/queue/catalog-sync-queue";
import { openEvalQueue } from "@/lib/queue/eval-queue";
import { startCatalogSyncWorker } from "@/lib/server/eval/catalog-sync-worker";
import { AppError } from "../errors";
import { listModelPriceChanges } from "../history/history";
import { downloadCatalogSource } from "./catalog-download";
import { applyCatalogBatch } from "./catalog-store";
import { applyCatalogSourceInChild } from "./catalog-sync-child-runner";
import {
  claimDueCatalogSyncs,
  getCatalogSyncSchedule,
  listCatalogSyncRuns,
  requestCatalogSyncNow,
  runCatalogSync,
  saveCatalogSyncSchedule,
  type CatalogSyncDeps,
} from "./catalog-sync-schedule";

/**
 * The scheduled catalogue sync end to end against real PostgreSQL: a fire time claimed once, the
 * source downloaded over https from a server on loopback (a certificate made for the test, the
 * host name resolved by the test's lookup) and applied in the child importer, the report stored
 * with its snapshot; an unreachable source and a URL the endpoint policy refuses recorded as
 * failed runs that change nothing. Each test makes its own freshly migrated database.
 */

const databases = freshDatabasePool("catsync");
const ADMIN = testCaller({ role: "admin", email: "admin@example.test", name: "Admin" });
const VIEWER = testCaller({ role: "viewer", email: "viewer@example.test", name: "Viewer" });
const HOST = "catalog.test";

const chat = (provider: string, input: number, output: number) => ({
  litellm_provider: provider,
  mode: "chat",
  input_cost_per_token: input / 1e6,
  output_cost_per_token: output / 1e6,
  max_input_tokens: 128000,
});

/** A trimmed LiteLLM file. */
const LITELLM_FILE: Record<string, unknown> = {
  "gpt-4o": chat("openai", 2.5, 10),
  "gpt-4o-mini": chat("openai", 0.15, 0.6),
  "anthropic.claude-3-haiku-20240307-v1:0": chat("bedrock", 0.25, 1.25),
};

let certificate = "";
let server: Server;
let port = 0;
let connections = 0;
let body = JSON.stringify(LITELLM_FILE);
let tempDir = "";

beforeAll(async () => {
  tempDir = mkdtempSync(path.join(tmpdir(), "catalog-sync-tls-"));
  const key = path.join(tempDir, "key.pem");
  const cert = path.join(tempDir, "cert.pem");
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"],
      ...["-keyout", key, "-out", cert, "-subj", `/CN=${HOST}`],
      ...["-addext", `subjectAltName=DNS:${HOST}`],
    ],
    { stdio: "ignore" },
  );
  certificate = readFileSync(cert, "utf8");
  server = createServer({ key: readFileSync(key), cert: certificate }, (request, response) => {
    if (request.url === "/litellm.json") {
      response.writeHead(200, { "content-type": "application/json" }).end(body);
    } else if (request.url === "/broken.json") {
      response.writeHead(200, { "content-type": "application/json" }).end("{ not json");
    } else {
      response.writeHead(404).end();
    }
  });
  server.on("connection", () => {
    connections += 1;
  });
  port = await listenOnLoopback(server);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(tempDir, { recursive: true, force: true });
  await databases.dropAll();
});

/** The test's resolver: catalog.test is this machine. */
const lookup: EndpointPolicyOptions["lookup"] = async (host) =>
  host === HOST ? ["127.0.0.1"] : [];
const localPolicy: EndpointPolicyOptions = { allowLocal: true, allowPrivate: false, lookup };
const strictPolicy: EndpointPolicyOptions = { allowLocal: false, allowPrivate: false, lookup };

function depsFor(url: string, policy: EndpointPolicyOptions, now?: Date): CatalogSyncDeps {
  return {
    ...(now ? { now: () => now } : {}),
    download: (source) =>
      downloadCatalogSource(source, { policy, ca: certificate, timeoutMs: 10_000 }),
    apply: (input, text) => applyCatalogSourceInChild(url, input, text),
    log: () => undefined,
  };
}

async function freshDatabase(label: string): Promise<{ db: Db; url: string }> {
  const { db, url } = await databases.create(label, { max: 4 });
  await applyCatalogBatch(
    db,
    {
      source: "seed",
      sourceUrl: "https://example.test/seed",
      takenAt: "2026-07-01",
      platforms: COMMERCIAL_PLATFORM_IDS.map((id) => ({
        id,
        name: id,
        kind: "cloud",
        owner: id,
        homepageUrl: null,
        sourceUrl: `https://example.test/${id}`,
      })),
      models: [],
      offerings: [],
      ties: [],
      skipped: [],
    },
    { dryRun: false },
  );
  return { db, url };
}

/** Saves a LiteLLM-only schedule at 03:00 UTC reading `url`. */
async function scheduleLiteLlm(db: Db, url: string) {
  await saveCatalogSyncSchedule(ADMIN, db, {
    isEnabled: true,
    hourUtc: 3,
    sources: ["litellm"],
    urls: { litellm: url, "models-dev": "https://models.dev/api.json" },
  });
}

/** A time after tomorrow's 03:00 UTC: the first fire time after the settings were saved. */
function tomorrowAt(hour: number, dayOffset = 1): Date {
  const now = new Date();
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + dayOffset, hour, 10),
  );
}

const catalogueCounts = async (db: Db) => ({
  snapshots: await db.catalogSnapshot.count(),
  offerings: await db.offering.count(),
  prices: await db.offeringPrice.count(),
});

describe("scheduled catalogue sync", () => {
  it("claims a fire time once, downloads the source, applies it and stores the report", async () => {
    const { db, url } = await freshDatabase("applies");
    const sourceUrl = `https://${HOST}:${port}/litellm.json`;
    await scheduleLiteLlm(db, sourceUrl);

    // Saved now: today's 03:00 has passed or is the next; neither is owed before tomorrow's.
    expect(await claimDueCatalogSyncs(db, new Date())).toEqual([]);
    const due = tomorrowAt(4);
    const [runId, ...more] = await claimDueCatalogSyncs(db, due);
    expect(more).toEqual([]);
    expect(await claimDueCatalogSyncs(db, due)).toEqual([]);

    expect(await runCatalogSync(db, runId!, depsFor(url, localPolicy, due))).toBe("succeeded");
    // A job taken twice does not sync twice.
    expect(await runCatalogSync(db, runId!, depsFor(url, localPolicy))).toBeNull();

    const run = await db.catalogSyncRun.findUniqueOrThrow({ where: { id: runId! } });
    expect(run).toMatchObject({ status: "succeeded", trigger: "schedule", error: null });
    expect(run.counts).toMatchObject({ created: 3, updated: 0, priceChanges: 3 });
    const snapshot = await db.catalogSnapshot.findUniqueOrThrow({
      where: { id: run.snapshotId! },
    });
    expect(snapshot).toMatchObject({ source: "litellm", sourceUrl });
    expect(snapshot.report).toMatchObject({ created: { offerings: 3 }, dryRun: false });
    expect(await db.offering.count({ where: { snapshotId: snapshot.id } })).toBe(3);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "catalog.synced" } });
    expect(audit.detail).toMatchObject({ via: "schedule", source: "litellm" });

    // The next day the source lowered a price: one new price row, recorded in the report.
    body = JSON.stringify({ ...LITELLM_FILE, "gpt-4o": chat("openai", 2, 8) });
    try {
      const nextDay = tomorrowAt(4, 2);
      const [nextId] = await claimDueCatalogSyncs(db, nextDay);
      expect(await runCatalogSync(db, nextId!, depsFor(url, localPolicy, nextDay))).toBe(
        "succeeded",
      );
      const next = await db.catalogSyncRun.findUniqueOrThrow({ where: { id: nextId! } });
      expect(next.counts).toMatchObject({ created: 0, updated: 1, unchanged: 2, priceChanges: 1 });

      // The change is a dated annotation of the model's price chart.
      const gpt4o = await db.offering.findFirstOrThrow({ where: { nativeId: "gpt-4o" } });
      const changes = await listModelPriceChanges(VIEWER, db, { modelId: gpt4o.modelId });
      expect(changes).toEqual([
        {
          at: new Date(`${nextDay.toISOString().slice(0, 10)}T00:00:00.000Z`),
          offeringId: gpt4o.id,
          platform: "openai",
          from: { inputPrice: 2.5, outputPrice: 10 },
          to: { inputPrice: 2, outputPrice: 8 },
        },
      ]);
    } finally {
      body = JSON.stringify(LITELLM_FILE);
    }

    const listed = await listCatalogSyncRuns(ADMIN, db);
    expect(listed.map((item) => item.status)).toEqual(["succeeded", "succeeded"]);
    expect(listed[1]).toMatchObject({ id: runId, snapshotId: snapshot.id, source: "litellm" });
  });

  it("records an unreachable source as failed with the reason, and changes nothing", async () => {
    const { db, url } = await freshDatabase("offline");
    const closed = await freePort();
    await scheduleLiteLlm(db, `https://${HOST}:${closed}/litellm.json`);
    const before = await catalogueCounts(db);

    const [runId] = await claimDueCatalogSyncs(db, tomorrowAt(4));
    expect(await runCatalogSync(db, runId!, depsFor(url, localPolicy))).toBe("failed");

    const run = await db.catalogSyncRun.findUniqueOrThrow({ where: { id: runId! } });
    expect(run.error).toMatch(
      /^Download failed: Could not download from catalog\.test:\d+ \(ECONNREFUSED\)\./,
    );
    expect(run.error).toMatch(/next fire time tries again/);
    expect(run.snapshotId).toBeNull();
    expect(await catalogueCounts(db)).toEqual(before);

    // The next fire time is claimed and tried again.
    expect(await claimDueCatalogSyncs(db, tomorrowAt(4, 2))).toHaveLength(1);
  });

  it("records a host that does not resolve (the machine is offline) as a failed download", async () => {
    const { db, url } = await freshDatabase("nodns");
    await scheduleLiteLlm(db, "https://offline.example/litellm.json");
    const before = await catalogueCounts(db);

    const [runId] = await claimDueCatalogSyncs(db, tomorrowAt(4));
    expect(await runCatalogSync(db, runId!, depsFor(url, localPolicy))).toBe("failed");
    const run = await db.catalogSyncRun.findUniqueOrThrow({ where: { id: runId! } });
    expect(run.error).toMatch(/^Download failed: The host offline\.example could not be resolved/);
    expect(await catalogueCounts(db)).toEqual(before);
  });

  it("refuses a URL the endpoint policy forbids before any connection", async () => {
    const { db, url } = await freshDatabase("refused");
    await scheduleLiteLlm(db, `https://${HOST}:${port}/litellm.json`);
    const before = await catalogueCounts(db);
    const connectionsBefore = connections;

    const [runId] = await claimDueCatalogSyncs(db, tomorrowAt(4));
    expect(await runCatalogSync(db, runId!, depsFor(url, strictPolicy))).toBe("failed");

    const run = await db.catalogSyncRun.findUniqueOrThrow({ where: { id: runId! } });
    expect(run.error).toMatch(/^Refused before connecting: .*127\.0\.0\.1/);
    expect(connections).toBe(connectionsBefore);
    expect(await catalogueCounts(db)).toEqual(before);
  });

  it("records a file the importer refuses as failed, with the importer's reason", async () => {
    const { db, url } = await freshDatabase("broken");
    await scheduleLiteLlm(db, `https://${HOST}:${port}/broken.json`);
    const before = await catalogueCounts(db);

    const [runId] = await claimDueCatalogSyncs(db, tomorrowAt(4));
    expect(await runCatalogSync(db, runId!, depsFor(url, localPolicy))).toBe("failed");
    const run = await db.catalogSyncRun.findUniqueOrThrow({ where: { id: runId! } });
    expect(run.error).toMatch(/^The source was refused: .*line 1/);
    expect(await catalogueCounts(db)).toEqual(before);
  });

  it("starts on the defaults at the next fire time, and does nothing once turned off", async () => {
    const { db } = await freshDatabase("off");
    const defaults = await getCatalogSyncSchedule(ADMIN, db, new Date("2026-12-07T10:00:00Z"));
    expect(defaults).toMatchObject({
      savedAt: null,
      settings: { isEnabled: true, hourUtc: 3, sources: ["litellm", "models-dev"] },
    });
    expect(defaults.nextDueAt?.toISOString()).toBe("2026-12-08T03:00:00.000Z");

    // The first tick of a fresh install starts the defaults' clock: the next fire time is owed.
    expect(await claimDueCatalogSyncs(db, new Date())).toEqual([]);
    expect((await getCatalogSyncSchedule(ADMIN, db)).savedAt).not.toBeNull();
    expect(await claimDueCatalogSyncs(db, tomorrowAt(4))).toHaveLength(2);

    await saveCatalogSyncSchedule(ADMIN, db, { ...defaults.settings, isEnabled: false });
    expect(await claimDueCatalogSyncs(db, tomorrowAt(4, 2))).toEqual([]);
    expect((await getCatalogSyncSchedule(ADMIN, db)).nextDueAt).toBeNull();
  });

  it("marks a run whose worker vanished as failed", async () => {
    const { db } = await freshDatabase("stale");
    const run = await db.catalogSyncRun.create({
      data: {
        trigger: "manual",
        source: "litellm",
        url: "https://example.test/litellm.json",
        status: "running",
        createdAt: new Date(Date.now() - 60 * 60 * 1000),
      },
    });
    await claimDueCatalogSyncs(db, new Date());
    const after = await db.catalogSyncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(after.status).toBe("failed");
    expect(after.error).toMatch(/No worker finished it/);
  });
});

describe("Sync now and who may do it", () => {
  it("is run by a worker from the queue, like a scheduled sync", async () => {
    const { db, url } = await freshDatabase("worker");
    await scheduleLiteLlm(db, `https://${HOST}:${port}/litellm.json`);
    const boss = await openEvalQueue({ connectionString: url, max: 2 });
    try {
      await startCatalogSyncWorker({
        boss,
        db,
        deps: depsFor(url, localPolicy),
        log: () => undefined,
        pollingIntervalSeconds: 0.5,
      });
      const { runIds } = await requestCatalogSyncNow(ADMIN, db, ["litellm"], (ids) =>
        sendCatalogSyncJobs(boss, ids),
      );
      let status = "queued";
      for (let tries = 0; tries < 200 && (status === "queued" || status === "running"); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await db.catalogSyncRun.findUniqueOrThrow({ where: { id: runIds[0]! } })).status;
      }
      expect(status).toBe("succeeded");
      expect(await db.offering.count()).toBe(3);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });

  it("queues the schedule's sources, and refuses a second request while they wait", async () => {
    const { db } = await freshDatabase("now");
    const sent: string[][] = [];
    const { runIds } = await requestCatalogSyncNow(
      ADMIN,
      db,
      ["litellm", "models-dev"],
      async (ids) => {
        sent.push(ids);
      },
    );
    expect(runIds).toHaveLength(2);
    expect(sent).toEqual([runIds]);
    const runs = await db.catalogSyncRun.findMany({ orderBy: { source: "asc" } });
    expect(runs.map((run) => [run.source, run.status, run.trigger])).toEqual([
      ["litellm", "queued", "manual"],
      ["models-dev", "queued", "manual"],
    ]);

    const error = await requestCatalogSyncNow(ADMIN, db, ["litellm"], async () => undefined).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("CONFLICT");
  });

  it("refuses every role below admin, and writes nothing", async () => {
    const { db } = await freshDatabase("roles");
    for (const role of ROLES.filter((candidate) => candidate !== "admin")) {
      const caller = testCaller({ role, email: `${role}@example.test`, name: role });
      const attempts: (() => Promise<unknown>)[] = [
        () => getCatalogSyncSchedule(caller, db),
        () => listCatalogSyncRuns(caller, db),
        () =>
          saveCatalogSyncSchedule(caller, db, {
            isEnabled: false,
            hourUtc: 1,
            sources: [],
            urls: { litellm: "https://a.example/x", "models-dev": "https://b.example/y" },
          }),
        () => requestCatalogSyncNow(caller, db, ["litellm"], async () => undefined),
      ];
      for (const attempt of attempts) {
        const error = await attempt().catch((caught: unknown) => caught);
        expect(error, role).toBeInstanceOf(AppError);
        expect((error as AppError).code, role).toBe("FORBIDDEN");
      }
    }
    expect(await db.catalogSyncSettings.count()).toBe(0);
    expect(await db.catalogSyncRun.count()).toBe(0);
  });
});

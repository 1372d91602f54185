import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import net, { isIP } from "node:net";
import type PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { EndpointPolicyOptions } from "@/lib/router/endpoint-policy";
import { openEvalQueue } from "@/lib/queue/eval-queue";
import type { Role } from "@/lib/schemas/roles";
import { listenOnLoopback } from "@/lib/testing/ports";
import { rejectionOf } from "@/lib/testing/rejection";
import { testCaller } from "@/lib/testing/test-callers";
import { requireTestDatabaseUrl } from "@/lib/testing/test-database";
import type { AlertBody } from "@/lib/views/alerts";
import type { Caller } from "../caller";
import { AppError } from "../errors";
import { createPrismaClient, type Db } from "../../ops/db-client";
import { parseEnv } from "../../ops/env";
import { keyRingFromEnv } from "../../ops/server-deps";
import { createAlertSender, startAlertWorker } from "../../eval/alert-worker";
import {
  createAlertChannel,
  deleteAlertChannel,
  listAlertChannels,
  setAlertChannelEnabled,
} from "./channels";
import {
  attemptDelivery,
  listAlertDeliveries,
  queueRegressionAlerts,
  sendTestMessage,
  type DeliveryAttemptDeps,
} from "./deliveries";

/**
 * Webhook alerts against real PostgreSQL, a real pg-boss queue and real HTTP servers on
 * 127.0.0.1: deliveries are signed so a receiver can verify them with the channel's secret; a 500
 * is retried by pg-boss and every attempt is recorded; a URL the endpoint policy refuses is
 * refused before any connection (a counting server sees none); only admins manage channels.
 *
 * DNS is a fake for the host names here, so no test reaches the internet. The test database is
 * shared: every channel made here is deleted after its test, so that queueRegressionAlerts (which
 * sends to every enabled channel) sees this file's channels only while they are in use.
 */

const suffix = randomBytes(4).toString("hex");
const tag = `alerts-${suffix}`;
const PUBLIC_HOST = `hooks-${suffix}.example.test`;

const WORKER_ENV = {
  NODE_ENV: "test",
  CROSSBENCH_SECRET_KEY: randomBytes(32).toString("base64"),
  CROSSBENCH_URL: "https://crossbench.example.test/",
  ALLOW_LOCAL_ENDPOINTS: "true",
};
const keys = keyRingFromEnv(parseEnv(WORKER_ENV));

/** The fake resolver; a test changes an entry to play DNS changing under a saved channel. */
const dns: Record<string, string[]> = { [PUBLIC_HOST]: ["93.184.216.34"] };
const lookup: EndpointPolicyOptions["lookup"] = async (host) => {
  if (isIP(host)) return [host];
  const addresses = dns[host];
  if (!addresses)
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return addresses;
};
/** Loopback allowed, as ALLOW_LOCAL_ENDPOINTS=true does for the tests' receivers. */
const localPolicy: EndpointPolicyOptions = { allowLocal: true, allowPrivate: false, lookup };
/** The production default: public addresses only. */
const strictPolicy: EndpointPolicyOptions = { allowLocal: false, allowPrivate: false, lookup };

let db: Db;
const callers = new Map<Role, Caller>();
const channelIds: string[] = [];
const closers: (() => Promise<void>)[] = [];

function callerFor(role: Role): Caller {
  const caller = callers.get(role);
  if (!caller) throw new Error(`no ${role} caller`);
  return caller;
}

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };

/** An HTTP receiver on 127.0.0.1 answering each request with the next of `statuses` (then 200). */
async function startReceiver(statuses: (number | { status: number; location: string })[] = []) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const next = statuses.shift() ?? 200;
      const answer = typeof next === "number" ? { status: next, location: null } : next;
      response.writeHead(answer.status, {
        "content-type": "text/plain",
        ...(answer.location ? { location: answer.location } : {}),
      });
      // A body the delivery must not keep.
      response.end(`receiver body ${tag}: stack trace of something private`);
    });
  });
  const port = await listenOnLoopback(server);
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${port}/hook`, port, received };
}

/** A TCP server that counts connections and drops each: anything reaching it is counted. */
async function startCountingServer() {
  const counter = { connections: 0 };
  const server = net.createServer((socket) => {
    counter.connections += 1;
    socket.destroy();
  });
  const port = await listenOnLoopback(server);
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { port, counter };
}

async function newChannel(
  url: string,
  options: { secret?: string; policy?: EndpointPolicyOptions; name?: string } = {},
) {
  const created = await createAlertChannel(
    callerFor("admin"),
    db,
    { name: options.name ?? `Channel ${tag}`, url, secret: options.secret ?? "" },
    { keys, endpointPolicy: options.policy ?? localPolicy },
  );
  channelIds.push(created.channel.id);
  return created;
}

/** Queues a test message to the channel without a queue, returning the delivery's id. */
async function queueTest(channelId: string): Promise<string> {
  const sent: string[] = [];
  const { deliveryId } = await sendTestMessage(
    callerFor("admin"),
    db,
    { channelId },
    async (ids) => {
      sent.push(...ids);
    },
  );
  expect(sent).toEqual([deliveryId]);
  return deliveryId;
}

function deps(fields: Partial<DeliveryAttemptDeps> = {}): DeliveryAttemptDeps {
  return {
    keys,
    endpointPolicy: localPolicy,
    baseUrl: "https://crossbench.example.test",
    nextAttemptAt: new Date(Date.now() + 60_000),
    ...fields,
  };
}

function expectSignedWith(secret: string, request: Received) {
  const timestamp = String(request.headers["x-crossbench-timestamp"]);
  expect(timestamp).toMatch(/^\d+$/);
  expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
  // Verified as a receiver would: HMAC-SHA256 of "<timestamp>.<raw body>" under the secret.
  const expected = createHmac("sha256", secret)
    .update(`${timestamp}.${request.body}`)
    .digest("hex");
  expect(request.headers["x-crossbench-signature"]).toBe(`sha256=${expected}`);
}

async function waitForSettled(deliveryId: string, timeoutMs = 25_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.alertDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    if (row.status !== "pending") return row;
    if (Date.now() > deadline) throw new Error(`delivery still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  db = createPrismaClient(requireTestDatabaseUrl(), { max: 4 });
  for (const role of ["viewer", "analyst", "operator", "admin"] as const) {
    callers.set(
      role,
      testCaller({
        userId: `${tag}-${role}`,
        email: `${role}.${tag}@example.test`,
        name: role,
        role,
      }),
    );
  }
});

afterEach(async () => {
  await db.alertChannel.deleteMany({ where: { id: { in: channelIds.splice(0) } } });
  for (const close of closers.splice(0)) await close();
});

afterAll(async () => {
  await db.auditEvent.deleteMany({ where: { actorEmail: { endsWith: `.${tag}@example.test` } } });
  await db.$disconnect();
});

describe("alert channels", () => {
  it("are saved with a generated secret shown once, sealed at rest, and listed by host only", async () => {
    const url = `https://${PUBLIC_HOST}/services/T000/B000/${tag}-token`;
    const { channel, generatedSecret } = await newChannel(url, { policy: strictPolicy });
    expect(generatedSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(channel).toMatchObject({
      host: PUBLIC_HOST,
      isEnabled: true,
      secretHint: generatedSecret!.slice(-4),
      isSecretReadable: true,
      lastDelivery: null,
    });
    expect(JSON.stringify(channel)).not.toContain(`${tag}-token`);

    const row = await db.alertChannel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(row.url).toBe(url);
    expect(row.sealedSecret).not.toContain(generatedSecret!);
    expect(row.sealedSecret).toMatch(/^v1\./);

    const listed = await listAlertChannels(callerFor("admin"), db, keys);
    const mine = listed.find((entry) => entry.id === channel.id);
    expect(mine).toMatchObject({ host: PUBLIC_HOST, secretHint: generatedSecret!.slice(-4) });
    expect(JSON.stringify(listed)).not.toContain(generatedSecret!);

    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "alert_channel.created", targetId: channel.id },
    });
    expect(audit.detail).toMatchObject({ host: PUBLIC_HOST, secretGenerated: true });
    expect(JSON.stringify(audit)).not.toContain(`${tag}-token`);
    expect(JSON.stringify(audit)).not.toContain(generatedSecret!);
  });

  it("keep a secret the admin brings, and say nothing more about it than its last four", async () => {
    const secret = `own-secret-${tag}-wxyz`;
    const { channel, generatedSecret } = await newChannel(`https://${PUBLIC_HOST}/hook`, {
      secret,
      policy: strictPolicy,
    });
    expect(generatedSecret).toBeNull();
    expect(channel.secretHint).toBe("wxyz");
  });

  it("refuse a URL the endpoint policy refuses, before anything is stored", async () => {
    const before = await db.alertChannel.count();
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "https://metadata.google.internal/computeMetadata/v1/",
      `http://127.0.0.1:9/hook`,
    ]) {
      const error = await rejectionOf(
        createAlertChannel(
          callerFor("admin"),
          db,
          { name: "Metadata", url },
          { keys, endpointPolicy: strictPolicy },
        ),
        AppError,
      );
      expect(error.code, url).toBe("INVALID_INPUT");
      expect(error.fieldErrors?.url?.[0], url).toBeTruthy();
    }
    expect(await db.alertChannel.count()).toBe(before);
  });

  it("are managed by admins only: viewers, analysts and operators are refused", async () => {
    const { channel } = await newChannel(`https://${PUBLIC_HOST}/hook`, { policy: strictPolicy });
    for (const role of ["viewer", "analyst", "operator"] as const) {
      const caller = callerFor(role);
      const attempts: [string, Promise<unknown>][] = [
        [
          "create",
          createAlertChannel(
            caller,
            db,
            { name: "x", url: `https://${PUBLIC_HOST}/x` },
            { keys, endpointPolicy: strictPolicy },
          ),
        ],
        ["list", listAlertChannels(caller, db, keys)],
        [
          "disable",
          setAlertChannelEnabled(caller, db, { channelId: channel.id, isEnabled: false }),
        ],
        ["delete", deleteAlertChannel(caller, db, channel.id)],
        ["test", sendTestMessage(caller, db, { channelId: channel.id }, async () => undefined)],
        ["deliveries", listAlertDeliveries(caller, db)],
      ];
      for (const [what, attempt] of attempts) {
        const error = await rejectionOf(attempt, AppError);
        expect(error.code, `${role} ${what}`).toBe("FORBIDDEN");
      }
    }
    const row = await db.alertChannel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(row.isEnabled).toBe(true);
    expect(await db.alertDelivery.count({ where: { channelId: channel.id } })).toBe(0);
  });

  it("are disabled, enabled and deleted by an admin, each audited", async () => {
    const { channel } = await newChannel(`https://${PUBLIC_HOST}/hook`, { policy: strictPolicy });
    const admin = callerFor("admin");
    await setAlertChannelEnabled(admin, db, { channelId: channel.id, isEnabled: false });
    expect((await db.alertChannel.findUniqueOrThrow({ where: { id: channel.id } })).isEnabled).toBe(
      false,
    );
    await setAlertChannelEnabled(admin, db, { channelId: channel.id, isEnabled: true });
    await deleteAlertChannel(admin, db, channel.id);
    expect(await db.alertChannel.findUnique({ where: { id: channel.id } })).toBeNull();
    const actions = await db.auditEvent.findMany({
      where: { targetId: channel.id },
      orderBy: { at: "asc" },
      select: { action: true },
    });
    expect(actions.map((event) => event.action)).toEqual([
      "alert_channel.created",
      "alert_channel.disabled",
      "alert_channel.enabled",
      "alert_channel.deleted",
    ]);
    const missing = await rejectionOf(deleteAlertChannel(admin, db, channel.id), AppError);
    expect(missing.code).toBe("NOT_FOUND");
  });
});

describe("a delivery attempt", () => {
  it("POSTs a signed test message that the receiver verifies with the secret, and records it", async () => {
    const receiver = await startReceiver([200]);
    const { channel, generatedSecret } = await newChannel(receiver.url);
    const deliveryId = await queueTest(channel.id);

    const outcome = await attemptDelivery(db, deliveryId, deps());
    expect(outcome).toMatchObject({
      status: "delivered",
      attempts: 1,
      statusCode: 200,
      error: null,
    });
    expect(receiver.received).toHaveLength(1);
    const request = receiver.received[0]!;
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["x-crossbench-delivery"]).toBe(deliveryId);
    expectSignedWith(generatedSecret!, request);
    const body = JSON.parse(request.body) as AlertBody;
    expect(body).toMatchObject({ version: 1, kind: "test", rule: null, simulated: false });
    expect(body.text).toContain(`Channel ${tag}`);

    const row = await db.alertDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(row).toMatchObject({
      kind: "test",
      status: "delivered",
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
    });
    expect(row.deliveredAt).toBeInstanceOf(Date);
    expect(JSON.stringify(row)).not.toContain("stack trace");
    const listed = await listAlertDeliveries(callerFor("admin"), db);
    expect(listed.find((entry) => entry.id === deliveryId)).toMatchObject({
      channelName: `Channel ${tag}`,
      kind: "test",
      status: "delivered",
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "alert_channel.tested", targetId: channel.id },
    });
    expect(audit.actorEmail).toBe(`admin.${tag}@example.test`);

    // Settled: running the same job again (a worker crashed after sending) sends nothing.
    expect(await attemptDelivery(db, deliveryId, deps())).toMatchObject({ status: "skipped" });
    expect(receiver.received).toHaveLength(1);
  });

  it("fails at once on a 4xx, keeping the status code and not the response body", async () => {
    const receiver = await startReceiver([404]);
    const { channel } = await newChannel(receiver.url);
    const deliveryId = await queueTest(channel.id);
    expect(await attemptDelivery(db, deliveryId, deps())).toMatchObject({
      status: "failed",
      attempts: 1,
      statusCode: 404,
    });
    const row = await db.alertDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(row.lastError).toBe("The endpoint answered 404 Not Found; not retried.");
    expect(row.nextAttemptAt).toBeNull();
  });

  it("does not follow a redirect", async () => {
    const receiver = await startReceiver([{ status: 307, location: "/elsewhere" }]);
    const { channel } = await newChannel(receiver.url);
    const deliveryId = await queueTest(channel.id);
    expect(await attemptDelivery(db, deliveryId, deps())).toMatchObject({ status: "failed" });
    expect(receiver.received.map((request) => request.path)).toEqual(["/hook"]);
    const row = await db.alertDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(row.lastError).toContain("redirect");
  });

  it("keeps a 5xx or a timeout pending for a retry, and gives up on the last attempt", async () => {
    const receiver = await startReceiver([503, 503]);
    const { channel } = await newChannel(receiver.url);
    const deliveryId = await queueTest(channel.id);
    const retryAt = new Date(Date.now() + 30_000);
    expect(await attemptDelivery(db, deliveryId, deps({ nextAttemptAt: retryAt }))).toMatchObject({
      status: "pending",
      attempts: 1,
      statusCode: 503,
    });
    const pending = await db.alertDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(pending.nextAttemptAt?.getTime()).toBe(retryAt.getTime());
    expect(await attemptDelivery(db, deliveryId, deps({ nextAttemptAt: null }))).toMatchObject({
      status: "failed",
      attempts: 2,
      error: "The endpoint answered 503 Service Unavailable. Gave up after 2 attempts.",
    });

    // A receiver that accepts the connection and never answers.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    const port = await listenOnLoopback(silent);
    closers.push(
      () =>
        new Promise((resolve) => {
          silent.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        }),
    );
    const slow = await newChannel(`http://127.0.0.1:${port}/hook`);
    const slowId = await queueTest(slow.channel.id);
    expect(await attemptDelivery(db, slowId, deps({ timeoutMs: 300 }))).toMatchObject({
      status: "pending",
      attempts: 1,
      statusCode: null,
      error: "No answer from 127.0.0.1:" + port + " within 300 ms.",
    });
  });

  it("refuses a URL whose host now resolves where the policy forbids, before any connection", async () => {
    const target = await startCountingServer();
    const url = `https://${PUBLIC_HOST}:${target.port}/hook`;
    // Saved while the name resolved to a public address.
    const { channel } = await newChannel(url, { policy: strictPolicy });
    dns[PUBLIC_HOST] = ["127.0.0.1"];
    try {
      const refusedId = await queueTest(channel.id);
      const refused = await attemptDelivery(db, refusedId, deps({ endpointPolicy: strictPolicy }));
      expect(refused).toMatchObject({ status: "failed", attempts: 1, statusCode: null });
      expect(refused.status !== "skipped" && refused.error).toMatch(
        /^Refused before connecting: .*127\.0\.0\.1.*ALLOW_LOCAL_ENDPOINTS/,
      );
      expect(target.counter.connections).toBe(0);

      // The control: where the policy allows loopback, the same delivery does connect (and fails
      // there, since the counting server speaks no TLS), so the count above could have been 1.
      const allowedId = await queueTest(channel.id);
      const allowed = await attemptDelivery(db, allowedId, deps({ endpointPolicy: localPolicy }));
      expect(allowed).toMatchObject({ status: "pending", attempts: 1 });
      expect(target.counter.connections).toBe(1);

      dns[PUBLIC_HOST] = ["169.254.169.254"];
      const metadataId = await queueTest(channel.id);
      const metadata = await attemptDelivery(db, metadataId, deps({ endpointPolicy: localPolicy }));
      expect(metadata.status !== "skipped" && metadata.error).toContain("metadata");
      expect(metadata).toMatchObject({ status: "failed" });
    } finally {
      dns[PUBLIC_HOST] = ["93.184.216.34"];
    }
  });

  it("does not send a queued regression alert to a channel disabled since", async () => {
    const receiver = await startReceiver();
    const { channel } = await newChannel(receiver.url);
    const regression = await createRegression();
    try {
      const count = await queueRegressionAlerts(db, [regression.id], async () => undefined);
      expect(count).toBeGreaterThan(0);
      const delivery = await db.alertDelivery.findFirstOrThrow({
        where: { regressionId: regression.id, channelId: channel.id },
      });
      await setAlertChannelEnabled(callerFor("admin"), db, {
        channelId: channel.id,
        isEnabled: false,
      });
      expect(await attemptDelivery(db, delivery.id, deps())).toMatchObject({
        status: "failed",
        attempts: 0,
      });
      expect(receiver.received).toHaveLength(0);
    } finally {
      await regression.remove();
    }
  });
});

/** A regression of a simulated scheduled run, with the rows it refers to. */
async function createRegression() {
  const suite = await db.suite.create({
    data: {
      id: `${tag}-suite-${randomBytes(3).toString("hex")}`,
      slug: `${tag}-suite`,
      name: "Alerts test suite",
      description: "",
      source: "import",
      caseCount: 0,
      inputTokens: 0,
      expectedOutputTokens: 0,
    },
  });
  const schedule = await db.runSchedule.create({
    data: { name: `Nightly ${tag}`, definition: {}, cron: "0 6 * * *", isPaused: true },
  });
  const run = await db.evalRun.create({
    data: {
      name: `Run ${tag}`,
      suiteId: suite.id,
      temperature: 0,
      maxTokens: 64,
      repeats: 1,
      concurrency: 1,
      expectedTrials: 0,
      isSimulated: true,
      origin: "schedule",
      scheduleId: schedule.id,
      targets: {
        create: {
          position: 0,
          kind: "offering",
          label: "Model A on Cloud A",
          offeringIds: [],
          targets: [],
          platformIds: [],
          isSimulated: true,
        },
      },
    },
  });
  const regression = await db.regression.create({
    data: {
      scheduleId: schedule.id,
      runId: run.id,
      previousRunId: `${tag}-previous`,
      rule: "score_drop",
      targetLabel: "Model A on Cloud A",
      summary: "The score fell 8.0 points (paired 95% CI −12.1 to −3.9, n = 40 cases)",
      detail: {},
    },
  });
  return {
    id: regression.id,
    runId: run.id,
    scheduleId: schedule.id,
    async remove() {
      await db.regression.delete({ where: { id: regression.id } });
      await db.evalRun.delete({ where: { id: run.id } });
      await db.runSchedule.delete({ where: { id: schedule.id } });
      await db.suite.delete({ where: { id: suite.id } });
    },
  };
}

describe("regression alerts through the queue", () => {
  let boss: PgBoss;

  beforeAll(async () => {
    boss = await openEvalQueue({ connectionString: requireTestDatabaseUrl(), max: 3 });
    await startAlertWorker({
      boss,
      db,
      env: WORKER_ENV,
      log: () => undefined,
      pollingIntervalSeconds: 0.5,
    });
  });

  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
  });

  it("retries a 500 with backoff and records both attempts, ending delivered", async () => {
    const receiver = await startReceiver([500]);
    const { channel, generatedSecret } = await newChannel(receiver.url);
    const regression = await createRegression();
    try {
      const send = createAlertSender(boss, { retryDelaySeconds: 1 });
      const count = await queueRegressionAlerts(db, [regression.id], send);
      expect(count).toBe(await db.alertDelivery.count({ where: { regressionId: regression.id } }));
      const delivery = await db.alertDelivery.findFirstOrThrow({
        where: { regressionId: regression.id, channelId: channel.id },
      });

      const settled = await waitForSettled(delivery.id);
      expect(settled).toMatchObject({
        status: "delivered",
        attempts: 2,
        lastStatusCode: 200,
        lastError: null,
      });
      expect(receiver.received).toHaveLength(2);
      const [first, second] = receiver.received as [Received, Received];
      for (const request of [first, second]) {
        expectSignedWith(generatedSecret!, request);
        expect(request.headers["x-crossbench-delivery"]).toBe(delivery.id);
      }
      // A retry sends the same body; only the timestamp and signature are new.
      expect(second.body).toBe(first.body);
      const body = JSON.parse(first.body) as AlertBody;
      expect(body).toMatchObject({
        version: 1,
        kind: "regression",
        rule: "score_drop",
        target: "Model A on Cloud A",
        regressionId: regression.id,
        runId: regression.runId,
        runUrl: `https://crossbench.example.test/runs/${regression.runId}`,
        schedule: { id: regression.scheduleId, name: `Nightly ${tag}` },
        simulated: true,
      });
      expect(body.text).toBe(
        `[simulated] Crossbench: Score drop on Model A on Cloud A (schedule Nightly ${tag}): The score fell 8.0 points (paired 95% CI −12.1 to −3.9, n = 40 cases). Run: https://crossbench.example.test/runs/${regression.runId}`,
      );

      // Queued once per channel: asking again queues nothing.
      expect(await queueRegressionAlerts(db, [regression.id], send)).toBe(0);
    } finally {
      await regression.remove();
    }
  });
});

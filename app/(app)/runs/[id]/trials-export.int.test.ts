import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { TRIALS_PER_READ } from "@/lib/server/domain/runs/trials-cursor";
import type { Db } from "@/lib/server/ops/db-client";
import { freshDatabasePool } from "@/lib/testing/fresh-database";

/**
 * A run's trials.csv and trials.json, through the routes with a real session, on a database of
 * their own (fixed ids make the exact text comparable): the text is byte for byte what the
 * exports wrote before they streamed from a cursor, and a client that reads slowly (or not at
 * all) never makes the server read more than a bounded number of trials ahead of it.
 */

const requestHeaders = { current: new Headers() };
vi.mock("next/headers", () => ({
  headers: async () => requestHeaders.current,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined }),
}));

const databases = freshDatabasePool("trials_export");
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

type Routes = Awaited<ReturnType<typeof loadRoutes>>;
async function loadRoutes() {
  // Imported after the environment is set: these read DATABASE_URL on first use.
  const [csv, json] = await Promise.all([
    import("@/app/(app)/runs/[id]/trials.csv/route"),
    import("@/app/(app)/runs/[id]/trials.json/route"),
  ]);
  const { getAuth } = await import("@/lib/server/http/auth");
  const { getDb } = await import("@/lib/server/ops/db");
  const { unsafeCreateUser } = await import("@/lib/server/domain/access/users");
  return { csv, json, getAuth, getDb, unsafeCreateUser };
}

let routes: Routes;
let db: Db;
let databaseName: string;
const SMALL_RUN = "run-export-small";
const LARGE_RUN = "run-export-large";
const LARGE_TRIALS = 5_000;

async function createRun(id: string, isSimulated: boolean, suiteId: string, trials: number) {
  await db.evalRun.create({
    data: {
      id,
      name: id,
      suiteId,
      status: "completed",
      temperature: 0,
      maxTokens: 100,
      repeats: 1,
      concurrency: 1,
      expectedTrials: trials,
      storedTrials: trials,
      isSimulated,
    },
  });
}

async function seed(): Promise<void> {
  const suite = await db.suite.create({
    data: {
      id: "suite-export",
      slug: "export",
      name: "Export",
      description: "",
      source: "import",
      caseCount: 3,
      inputTokens: 10,
      expectedOutputTokens: 10,
    },
  });
  await createRun(SMALL_RUN, false, suite.id, 6);
  const targets = ["target-a", "target-b"];
  for (const [position, id] of targets.entries()) {
    await db.runTarget.create({
      data: {
        id,
        runId: SMALL_RUN,
        position,
        kind: "offering",
        label: position === 0 ? 'Plain, "quoted" label' : '=HYPERLINK("x")',
        offeringIds: [],
        targets: [],
        platformIds: [],
        isSimulated: false,
      },
    });
  }
  const at = (iso: string) => new Date(iso);
  const base = {
    runId: SMALL_RUN,
    status: "ok",
    startedAt: at("2026-11-25T09:00:00.000Z"),
    finishedAt: at("2026-11-25T09:00:01.500Z"),
  };
  // Inserted one by one so the ids are 1..6 in this order on a fresh database.
  const trials = [
    {
      ...base,
      targetId: "target-a",
      caseId: "case-1",
      repeat: 0,
      output: 'A comma, a "quote"\nand a new line; é ü 漢字 🙂',
      score: 0.1 + 0.2,
      pass: true,
      assertions: [
        { type: "contains", value: "x", pass: true, score: 1, weight: 1.0 },
        { zeta: 1, a: { nested: [1, 2.5, "three", null, true] }, big: 12345678901234567890 },
      ],
      judgeModel: "judge/model",
      judgeReason: "-looks right",
      latencyMs: 1e-7,
      ttftMs: 0.5,
      outputTokensPerSecond: 123.456789,
      inputTokens: 2147483647,
      outputTokens: 0,
      costUsd: 1.5e21,
      servedBy: "platform-x",
      attempts: 3,
    },
    {
      ...base,
      targetId: "target-b",
      caseId: "case-1",
      repeat: 0,
      output: "=SUM(A1:A2)",
      score: 0,
      pass: false,
      assertions: [],
      latencyMs: 250,
      costUsd: -0.25,
      startedAt: at("1999-12-31T23:59:59.999Z"),
      finishedAt: at("2000-01-01T00:00:00.001Z"),
    },
    {
      ...base,
      targetId: "target-a",
      caseId: "@case-2",
      repeat: 1,
      status: "error",
      output: null,
      errorKind: "rate_limited",
      errorMessage: '+1 Too many requests, "slow down"',
    },
    {
      ...base,
      targetId: "target-gone",
      caseId: "case-3",
      repeat: 0,
      output: "",
      score: -1.25e-9,
      assertions: { note: "an object, not a list", "": "empty key" },
      judgeReason: "\ttab first",
    },
    { ...base, targetId: "target-b", caseId: "case-3", repeat: 2, output: "-5", latencyMs: 3.14 },
    { ...base, targetId: "target-b", caseId: "case-4", repeat: 0, output: "plain" },
  ];
  for (const trial of trials) await db.trial.create({ data: trial });

  await createRun(LARGE_RUN, true, suite.id, LARGE_TRIALS);
  await db.runTarget.create({
    data: {
      id: "target-large",
      runId: LARGE_RUN,
      position: 0,
      kind: "offering",
      label: "Large",
      offeringIds: [],
      targets: [],
      platformIds: [],
      isSimulated: true,
    },
  });
  await db.trial.createMany({
    data: Array.from({ length: LARGE_TRIALS }, (_, index) => ({
      ...base,
      runId: LARGE_RUN,
      targetId: "target-large",
      caseId: `case-${index}`,
      repeat: 0,
      output: `output ${index}`,
      latencyMs: index,
    })),
  });
}

beforeAll(async () => {
  const fresh = await databases.create("main");
  databaseName = decodeURIComponent(new URL(fresh.url).pathname.slice(1));
  process.env.DATABASE_URL = fresh.url;
  process.env.CROSSBENCH_SECRET_KEY ??= randomBytes(32).toString("base64");
  routes = await loadRoutes();
  db = routes.getDb();
  const email = `trials-export-${randomBytes(4).toString("hex")}@example.test`;
  const password = `export-${randomBytes(9).toString("base64url")}`;
  await routes.unsafeCreateUser(db, {
    name: "Export viewer",
    email,
    role: "viewer",
    password,
    mustChangePassword: false,
  });
  const signIn = await routes.getAuth().api.signInEmail({
    body: { email, password },
    asResponse: true,
    headers: new Headers({ "x-forwarded-for": "127.0.0.1" }),
  });
  expect(signIn.status).toBe(200);
  requestHeaders.current = new Headers({
    cookie: signIn.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; "),
  });
  await seed();
}, 120_000);

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await databases.dropAll();
  await (db as Db | undefined)?.$disconnect();
});

const get = (route: "csv" | "json", runId: string) =>
  routes[route].GET(new Request("http://localhost/"), params({ id: runId }));

/**
 * Counts the trial rows the server reads from PostgreSQL, whatever the query (a keyset page or a
 * cursor's FETCH): every result with a finishedAt column is trials.
 */
function countTrialRowsRead(): { rows: number } {
  const counter = { rows: 0 };
  const count = (value: pg.QueryResult | undefined) => {
    if (value?.fields?.some((field) => field.name === "finishedAt"))
      counter.rows += value.rows.length;
  };
  const original = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (
    this: pg.Client,
    ...args: unknown[]
  ) {
    // A pool's query passes a callback; a client's own query returns a promise.
    const last = args.at(-1);
    if (typeof last === "function")
      args[args.length - 1] = (error: unknown, value: pg.QueryResult | undefined) => {
        if (!error) count(value);
        return (last as (...a: unknown[]) => unknown)(error, value);
      };
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) void result.then(count, () => undefined);
    return result;
  } as typeof original);
  return counter;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** What the exports wrote for the small run before they streamed from a cursor (one record a line). */
const EXPECTED_CSV = `${[
  "run_id,target_id,target,case_id,repeat,status,pass,score,output,latency_ms,ttft_ms,output_tokens_per_second,input_tokens,output_tokens,cost_usd,error_kind,error_message,served_by,judge_model,judge_reason,assertions_json,attempts,started_at,finished_at,simulated",
  'run-export-small,target-a,"Plain, ""quoted"" label",case-1,0,ok,true,0.30000000000000004,"A comma, a ""quote""\nand a new line; é ü 漢字 🙂",1e-7,0.5,123.456789,2147483647,0,1.5e+21,,,platform-x,judge/model,\'-looks right,"[{""pass"":true,""type"":""contains"",""score"":1,""value"":""x"",""weight"":1},{""a"":{""nested"":[1,2.5,""three"",null,true]},""big"":12345678901234567000,""zeta"":1}]",3,2026-11-25T09:00:00.000Z,2026-11-25T09:00:01.500Z,false',
  'run-export-small,target-b,"\'=HYPERLINK(""x"")",case-1,0,ok,false,0,\'=SUM(A1:A2),250,,,,,-0.25,,,,,,[],1,1999-12-31T23:59:59.999Z,2000-01-01T00:00:00.001Z,false',
  'run-export-small,target-a,"Plain, ""quoted"" label",\'@case-2,1,error,,,,,,,,,,rate_limited,"\'+1 Too many requests, ""slow down""",,,,,1,2026-11-25T09:00:00.000Z,2026-11-25T09:00:01.500Z,false',
  'run-export-small,target-gone,target-gone,case-3,0,ok,,-1.25e-9,,,,,,,,,,,,\'\ttab first,"{"""":""empty key"",""note"":""an object, not a list""}",1,2026-11-25T09:00:00.000Z,2026-11-25T09:00:01.500Z,false',
  'run-export-small,target-b,"\'=HYPERLINK(""x"")",case-3,2,ok,,,\'-5,3.14,,,,,,,,,,,,1,2026-11-25T09:00:00.000Z,2026-11-25T09:00:01.500Z,false',
  'run-export-small,target-b,"\'=HYPERLINK(""x"")",case-4,0,ok,,,plain,,,,,,,,,,,,,1,2026-11-25T09:00:00.000Z,2026-11-25T09:00:01.500Z,false',
].join("\r\n")}\r\n`;
const EXPECTED_JSON = `${[
  "[",
  '{"id":"1","runId":"run-export-small","targetId":"target-a","target":"Plain, \\"quoted\\" label","caseId":"case-1","repeat":0,"status":"ok","pass":true,"score":0.30000000000000004,"output":"A comma, a \\"quote\\"\\nand a new line; é ü 漢字 🙂","assertions":[{"pass":true,"type":"contains","score":1,"value":"x","weight":1},{"a":{"nested":[1,2.5,"three",null,true]},"big":12345678901234567000,"zeta":1}],"judgeModel":"judge/model","judgeReason":"-looks right","latencyMs":1e-7,"ttftMs":0.5,"outputTokensPerSecond":123.456789,"inputTokens":2147483647,"outputTokens":0,"costUsd":1.5e+21,"errorKind":null,"errorMessage":null,"servedBy":"platform-x","attempts":3,"startedAt":"2026-11-25T09:00:00.000Z","finishedAt":"2026-11-25T09:00:01.500Z","simulated":false},',
  '{"id":"2","runId":"run-export-small","targetId":"target-b","target":"=HYPERLINK(\\"x\\")","caseId":"case-1","repeat":0,"status":"ok","pass":false,"score":0,"output":"=SUM(A1:A2)","assertions":[],"judgeModel":null,"judgeReason":null,"latencyMs":250,"ttftMs":null,"outputTokensPerSecond":null,"inputTokens":null,"outputTokens":null,"costUsd":-0.25,"errorKind":null,"errorMessage":null,"servedBy":null,"attempts":1,"startedAt":"1999-12-31T23:59:59.999Z","finishedAt":"2000-01-01T00:00:00.001Z","simulated":false},',
  '{"id":"3","runId":"run-export-small","targetId":"target-a","target":"Plain, \\"quoted\\" label","caseId":"@case-2","repeat":1,"status":"error","pass":null,"score":null,"output":null,"assertions":null,"judgeModel":null,"judgeReason":null,"latencyMs":null,"ttftMs":null,"outputTokensPerSecond":null,"inputTokens":null,"outputTokens":null,"costUsd":null,"errorKind":"rate_limited","errorMessage":"+1 Too many requests, \\"slow down\\"","servedBy":null,"attempts":1,"startedAt":"2026-11-25T09:00:00.000Z","finishedAt":"2026-11-25T09:00:01.500Z","simulated":false},',
  '{"id":"4","runId":"run-export-small","targetId":"target-gone","target":"target-gone","caseId":"case-3","repeat":0,"status":"ok","pass":null,"score":-1.25e-9,"output":"","assertions":{"":"empty key","note":"an object, not a list"},"judgeModel":null,"judgeReason":"\\ttab first","latencyMs":null,"ttftMs":null,"outputTokensPerSecond":null,"inputTokens":null,"outputTokens":null,"costUsd":null,"errorKind":null,"errorMessage":null,"servedBy":null,"attempts":1,"startedAt":"2026-11-25T09:00:00.000Z","finishedAt":"2026-11-25T09:00:01.500Z","simulated":false},',
  '{"id":"5","runId":"run-export-small","targetId":"target-b","target":"=HYPERLINK(\\"x\\")","caseId":"case-3","repeat":2,"status":"ok","pass":null,"score":null,"output":"-5","assertions":null,"judgeModel":null,"judgeReason":null,"latencyMs":3.14,"ttftMs":null,"outputTokensPerSecond":null,"inputTokens":null,"outputTokens":null,"costUsd":null,"errorKind":null,"errorMessage":null,"servedBy":null,"attempts":1,"startedAt":"2026-11-25T09:00:00.000Z","finishedAt":"2026-11-25T09:00:01.500Z","simulated":false},',
  '{"id":"6","runId":"run-export-small","targetId":"target-b","target":"=HYPERLINK(\\"x\\")","caseId":"case-4","repeat":0,"status":"ok","pass":null,"score":null,"output":"plain","assertions":null,"judgeModel":null,"judgeReason":null,"latencyMs":null,"ttftMs":null,"outputTokensPerSecond":null,"inputTokens":null,"outputTokens":null,"costUsd":null,"errorKind":null,"errorMessage":null,"servedBy":null,"attempts":1,"startedAt":"2026-11-25T09:00:00.000Z","finishedAt":"2026-11-25T09:00:01.500Z","simulated":false}',
  "]",
].join("\n")}\n`;

describe("a run's trials export", () => {
  it("writes the same CSV and JSON text as before, byte for byte", async () => {
    const csv = await (await get("csv", SMALL_RUN)).text();
    const json = await (await get("json", SMALL_RUN)).text();
    expect(csv).toBe(EXPECTED_CSV);
    expect(json).toBe(EXPECTED_JSON);
  });

  it("streams every trial of a large run, in id order, with the simulated column", async () => {
    const csv = await (await get("csv", LARGE_RUN)).text();
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(LARGE_TRIALS + 1);
    expect(lines[1]).toMatch(/^run-export-large,target-large,Large,case-0,0,ok,/);
    expect(lines.at(-1)).toMatch(
      new RegExp(`^run-export-large,.*,case-${LARGE_TRIALS - 1},.*,true$`),
    );
    const json = JSON.parse(await (await get("json", LARGE_RUN)).text()) as { caseId: string }[];
    expect(json.map((trial) => trial.caseId)).toEqual(
      Array.from({ length: LARGE_TRIALS }, (_, index) => `case-${index}`),
    );
  });

  it("reads only a bounded number of trials ahead of a client that reads slowly", async () => {
    const read = countTrialRowsRead();
    const response = await get("csv", LARGE_RUN);
    expect(response.status).toBe(200);
    await settle();
    // The client has read nothing: at most one batch is waiting for it.
    const ahead = read.rows;
    expect(ahead).toBeLessThanOrEqual(TRIALS_PER_READ);

    const reader = response.body!.getReader();
    let chunks = 0;
    for (; chunks < 3; chunks += 1) expect((await reader.read()).done).toBe(false);
    await settle();
    // Three reads later the server has moved on by about three batches, not to the end.
    expect(read.rows).toBeLessThanOrEqual(ahead + 3 * TRIALS_PER_READ);
    expect(read.rows).toBeLessThan(LARGE_TRIALS / 2);

    await reader.cancel();
    await settle();
    // A client that goes away ends the query: no session stays open inside a transaction.
    const stuck = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM pg_stat_activity
      WHERE datname = ${databaseName} AND state LIKE 'idle in transaction%'`;
    expect(Number(stuck[0]?.count)).toBe(0);
  });

  it("answers 404 for a run that does not exist, before any trial is read", async () => {
    const response = await get("json", "no-such-run");
    expect(response.status).toBe(404);
  });
});

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/server/ops/db-client";
import { isFormulaCell, neutralised, readCsv, readCsvSections } from "@/lib/testing/csv-reader";
import { freshDatabasePool } from "@/lib/testing/fresh-database";
import { HOSTILE_TEXTS, hostileReportData } from "@/lib/testing/hostile-report";
import { testCaller } from "@/lib/testing/test-callers";

/**
 * Every download route with hostile text in the database, called as a signed-in viewer and
 * through a share link: the catalogue, a run's trials and a report's tables as CSV (each cell a
 * spreadsheet would run as a formula neutralised, every row as wide as its header), a run's
 * trials and a report as JSON (the exact text back), and a report as Markdown (no HTML).
 *
 * The hostile catalogue rows would show up in other tests' catalogue queries, so this file has a
 * fresh database of its own. Sessions are real: the viewer signs in through better-auth and the
 * session cookie is what `headers()` returns.
 */

const requestHeaders = { current: new Headers() };
vi.mock("next/headers", () => ({
  headers: async () => requestHeaders.current,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined }),
}));

const databases = freshDatabasePool("downloads");
const suffix = randomBytes(4).toString("hex");
const ANALYST = testCaller({
  role: "analyst",
  email: `downloads-${suffix}`,
  name: "downloads probe",
});

type Routes = Awaited<ReturnType<typeof loadRoutes>>;
async function loadRoutes() {
  // Imported after the environment is set: these read DATABASE_URL and the secret key on first use.
  const [offerings, trialsCsv, trialsJson, tablesCsv, reportMd, reportJson] = await Promise.all([
    import("@/app/(app)/catalog/offerings.csv/route"),
    import("@/app/(app)/runs/[id]/trials.csv/route"),
    import("@/app/(app)/runs/[id]/trials.json/route"),
    import("@/app/(app)/reports/[id]/tables.csv/route"),
    import("@/app/(app)/reports/[id]/report.md/route"),
    import("@/app/(app)/reports/[id]/report.json/route"),
  ]);
  const [sharedCsv, sharedMd, sharedJson] = await Promise.all([
    import("@/app/share/[token]/tables.csv/route"),
    import("@/app/share/[token]/report.md/route"),
    import("@/app/share/[token]/report.json/route"),
  ]);
  const { getAuth } = await import("@/lib/server/http/auth");
  const { getDb } = await import("@/lib/server/ops/db");
  const { unsafeCreateUser } = await import("@/lib/server/domain/access/users");
  const { createShareLink, shareLinkKeyFromEnv } =
    await import("@/lib/server/domain/reports/share-links");
  return {
    offerings,
    trialsCsv,
    trialsJson,
    tablesCsv,
    reportMd,
    reportJson,
    sharedCsv,
    sharedMd,
    sharedJson,
    getAuth,
    getDb,
    unsafeCreateUser,
    createShareLink,
    shareLinkKeyFromEnv,
  };
}

let routes: Routes;
let db: Db;
let runId: string;
const reports: { text: string; id: string; token: string }[] = [];

const params = <T>(value: T) => ({ params: Promise.resolve(value) });

async function seedCatalogue(): Promise<void> {
  const snapshotDate = new Date("2026-11-01T00:00:00Z");
  for (const [index, text] of HOSTILE_TEXTS.entries()) {
    await db.platform.create({
      data: {
        id: `hostile-${index}`,
        name: text,
        kind: "cloud",
        owner: text,
        sourceUrl: text,
        snapshotDate,
      },
    });
    await db.model.create({
      data: {
        id: `hostile/${index}`,
        name: text,
        vendor: text,
        family: text,
        sourceUrl: text,
        snapshotDate,
      },
    });
    await db.offering.create({
      data: {
        platformId: `hostile-${index}`,
        modelId: `hostile/${index}`,
        nativeId: text,
        regions: [text],
        capabilities: [text],
        apiStyles: [text],
        inputPrice: "1.5",
        outputPrice: "2",
        sourceUrl: text,
        snapshotDate,
      },
    });
  }
}

async function seedRun(): Promise<string> {
  const suite = await db.suite.create({
    data: {
      id: `hostile-${suffix}`,
      slug: "hostile",
      name: HOSTILE_TEXTS[0] ?? "",
      description: HOSTILE_TEXTS[1] ?? "",
      source: "import",
      caseCount: HOSTILE_TEXTS.length,
      inputTokens: 10,
      expectedOutputTokens: 10,
    },
  });
  const run = await db.evalRun.create({
    data: {
      name: HOSTILE_TEXTS[2] ?? "",
      suiteId: suite.id,
      status: "completed",
      temperature: 0,
      maxTokens: 100,
      repeats: 1,
      concurrency: 1,
      expectedTrials: HOSTILE_TEXTS.length,
      storedTrials: HOSTILE_TEXTS.length,
      isSimulated: true,
    },
  });
  const at = new Date("2026-11-25T09:00:00Z");
  for (const [index, text] of HOSTILE_TEXTS.entries()) {
    const target = await db.runTarget.create({
      data: {
        runId: run.id,
        position: index,
        kind: "offering",
        label: text,
        offeringIds: [],
        targets: [],
        platformIds: [],
        isSimulated: true,
      },
    });
    await db.trial.create({
      data: {
        runId: run.id,
        targetId: target.id,
        caseId: text,
        repeat: 0,
        status: "error",
        output: text,
        score: 0.5,
        pass: false,
        assertions: [{ type: text, value: text }],
        judgeModel: text,
        judgeReason: text,
        latencyMs: 12.5,
        costUsd: -0.25,
        errorKind: text,
        errorMessage: text,
        servedBy: text,
        startedAt: at,
        finishedAt: at,
      },
    });
  }
  return run.id;
}

beforeAll(async () => {
  const fresh = await databases.create("main");
  process.env.DATABASE_URL = fresh.url;
  process.env.CROSSBENCH_SECRET_KEY ??= randomBytes(32).toString("base64");
  routes = await loadRoutes();
  db = routes.getDb();

  const email = `downloads-${suffix}@example.test`;
  const password = `downloads-${randomBytes(9).toString("base64url")}`;
  await routes.unsafeCreateUser(db, {
    name: "Downloads viewer",
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
  const cookie = signIn.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  requestHeaders.current = new Headers({ cookie });

  await seedCatalogue();
  runId = await seedRun();
  for (const text of HOSTILE_TEXTS) {
    const { id } = await db.report.create({
      data: {
        title: text,
        annotations: text,
        recommendations: text,
        runIds: [],
        modelIds: [],
        platformIds: [],
        data: hostileReportData(text),
        isSimulated: true,
      },
      select: { id: true },
    });
    const link = await routes.createShareLink(
      ANALYST,
      db,
      { reportId: id },
      routes.shareLinkKeyFromEnv(),
    );
    reports.push({ text, id, token: link.token });
  }
}, 120_000);

afterAll(async () => {
  await databases.dropAll();
  await (db as Db | undefined)?.$disconnect();
});

/** Asserts what a spreadsheet user would notice: no formula runs, no row spills or shrinks. */
function expectInertCsv(records: string[][], width: number, what: string): void {
  for (const record of records) {
    expect(record, `${what}: ${JSON.stringify(record)}`).toHaveLength(width);
    for (const cell of record)
      expect(isFormulaCell(cell), `${what}: formula cell ${JSON.stringify(cell)}`).toBe(false);
  }
}

async function okText(response: Response, type: string): Promise<string> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe(type);
  return response.text();
}

describe("CSV downloads with hostile text", () => {
  it("catalogue offerings.csv", async () => {
    const body = await okText(
      await routes.offerings.GET(new Request("http://localhost/catalog/offerings.csv")),
      "text/csv; charset=utf-8",
    );
    const [header = [], ...rows] = readCsv(body);
    expect(rows).toHaveLength(HOSTILE_TEXTS.length);
    expectInertCsv(rows, header.length, "offerings.csv");
    const column = (name: string) => header.indexOf(name);
    for (const [index, text] of HOSTILE_TEXTS.entries()) {
      const row = rows.find((r) => r[column("model_id")] === `hostile/${index}`);
      for (const name of ["model", "vendor", "platform", "native_id", "regions", "source_url"])
        expect(row?.[column(name)], `${name} of ${JSON.stringify(text)}`).toBe(neutralised(text));
    }
  });

  it("a run's trials.csv", async () => {
    const body = await okText(
      await routes.trialsCsv.GET(new Request("http://localhost/"), params({ id: runId })),
      "text/csv; charset=utf-8",
    );
    const [header = [], ...rows] = readCsv(body);
    expect(rows).toHaveLength(HOSTILE_TEXTS.length);
    expectInertCsv(rows, header.length, "trials.csv");
    const column = (name: string) => header.indexOf(name);
    for (const text of HOSTILE_TEXTS) {
      const row = rows.find((r) => r[column("target")] === neutralised(text));
      expect(row, JSON.stringify(text)).toBeDefined();
      for (const name of [
        "case_id",
        "output",
        "error_kind",
        "error_message",
        "served_by",
        "judge_model",
        "judge_reason",
      ])
        expect(row?.[column(name)], `${name} of ${JSON.stringify(text)}`).toBe(neutralised(text));
      // Negative amounts stay numbers.
      expect(row?.[column("cost_usd")]).toBe("-0.25");
    }
  });

  it("a report's tables.csv, signed in and through a share link", async () => {
    for (const { text, id, token } of reports) {
      for (const response of [
        await routes.tablesCsv.GET(new Request("http://localhost/"), params({ id })),
        await routes.sharedCsv.GET(new Request("http://localhost/"), params({ token })),
      ]) {
        const sections = readCsvSections(await okText(response, "text/csv; charset=utf-8"));
        for (const section of sections)
          expectInertCsv(section.rows, section.header.length, `${section.name} of ${text}`);
        const runs = sections.find((s) => s.name === "runs");
        expect(runs?.rows[0]?.[runs.header.indexOf("run")]).toBe(neutralised(text));
      }
    }
  });
});

describe("JSON and Markdown downloads with hostile text", () => {
  it("a run's trials.json gives back every text exactly", async () => {
    const body = await okText(
      await routes.trialsJson.GET(new Request("http://localhost/"), params({ id: runId })),
      "application/json; charset=utf-8",
    );
    const trials = JSON.parse(body) as { target: string; output: string; caseId: string }[];
    expect(trials.map((t) => [t.target, t.output, t.caseId]).sort()).toEqual(
      HOSTILE_TEXTS.map((text) => [text, text, text]).sort(),
    );
  });

  it("a report's JSON and Markdown, signed in and through a share link", async () => {
    for (const { text, id, token } of reports) {
      for (const response of [
        await routes.reportJson.GET(new Request("http://localhost/"), params({ id })),
        await routes.sharedJson.GET(new Request("http://localhost/"), params({ token })),
      ]) {
        const parsed = JSON.parse(await okText(response, "application/json; charset=utf-8")) as {
          title: string;
          annotations: string;
          recommendations: string;
          data: unknown;
        };
        expect([parsed.title, parsed.annotations, parsed.recommendations]).toEqual([
          text,
          text,
          text,
        ]);
        expect(parsed.data).toEqual(hostileReportData(text));
      }
      for (const response of [
        await routes.reportMd.GET(new Request("http://localhost/"), params({ id })),
        await routes.sharedMd.GET(new Request("http://localhost/"), params({ token })),
      ]) {
        const markdown = await okText(response, "text/markdown; charset=utf-8");
        expect(markdown, JSON.stringify(text)).not.toContain("<");
        expect(markdown.split("\n")[0]).toMatch(/^# \S/);
      }
    }
  });
});

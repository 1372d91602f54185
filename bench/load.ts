/**
 * Load benchmark (`npm run bench:load`): what 20 people opening the dashboard at once get. Fills a
 * scratch database (the curated catalogue plus the full LiteLLM import from
 * ../shared/data/litellm when it is there, runs from the dashboard generator, a report and a share
 * link), starts the production app as `npm start` does (building first if the sources changed),
 * signs in N users through better-auth, and drives every main page with autocannon: 20 connections,
 * each holding one user's session, for 15 s per page. Prints per page requests/s, p50 and p99
 * against GET /api/health in the same run, the non-2xx count, and the bytes of one view
 * (uncompressed, and on the wire as the server sends it to a browser asking for gzip); ends with
 * one JSON line. Exits with 1 when any page answered anything but 2xx, so a broken page is never
 * read as a fast one.
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/crossbench_test npm run bench:load
 *   [-- --duration 15 --users 20 --connections 20 --runs 6 --trials 5000 --role analyst
 *       --port 3700 --emulator-port 3799 --save-html <dir> --quick --keep
 *       --pages Catalog,Runs --cpu-prof <dir> --node-args "--max-semi-space-size=32" --no-page-cache]
 *
 * With the page cache on (the default, as `npm start` runs), each user's first view of a page in
 * each web process is rendered and the rest are served from the cache until it expires (10 s) or
 * the data changes; `--no-page-cache` renders every view, for comparison.
 *
 * `--quick` is a smoke run: 3 s per page, 2 small runs. `--save-html` keeps the HTML each page
 * was weighed on, one file per page. `--pages` drives only
 * those pages (by label, comma-separated) after the health baseline. `--cpu-prof` runs the app
 * server under `node --cpu-prof` and leaves its .cpuprofile in that directory; `--node-args` adds
 * other Node flags to the app server's command line. Uses its own database on that server
 * (named *_test, dropped afterwards unless --keep). The load tool runs on the same machine as the
 * app and PostgreSQL, so it takes some of the CPU the app would otherwise have; /api/health in the
 * same run shows how much the machine itself allows.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { roleSchema } from "@/lib/schemas/roles";
import { startLoadApp, type LoadApp } from "./load/app";
import { drivePage, type PageFigures } from "./load/drive";
import { fillLoadDatabase, type LoadData } from "./load/fill";
import { argument, createScratchDatabase, runBench } from "./support";

const IS_QUICK = process.argv.includes("--quick");
const KEEP = process.argv.includes("--keep");
const DURATION_S = Number(argument("--duration") ?? (IS_QUICK ? 3 : 15));
const USERS = Number(argument("--users") ?? 20);
const CONNECTIONS = Number(argument("--connections") ?? 20);
const RUNS = Number(argument("--runs") ?? (IS_QUICK ? 2 : 6));
const TRIALS_PER_RUN = Number(argument("--trials") ?? (IS_QUICK ? 1_000 : 5_000));
const ROLE = roleSchema.parse(argument("--role") ?? "analyst");
const PORT = Number(argument("--port") ?? 3700);
const EMULATOR_PORT = Number(argument("--emulator-port") ?? 3799);
const SAVE_HTML_TO = argument("--save-html");
/** Comma-separated page labels to drive (health is always driven first, as the baseline). */
const ONLY_PAGES = argument("--pages")
  ?.split(",")
  .map((label) => label.trim().toLowerCase())
  .filter(Boolean);
/** Writes a V8 CPU profile of the app server into this directory when it stops. */
const CPU_PROFILE_TO = argument("--cpu-prof");
/** Extra Node flags for the app server, space-separated (to try a V8 setting before adopting it). */
const NODE_ARGUMENTS = argument("--node-args")?.split(" ").filter(Boolean) ?? [];
/** `--no-page-cache`: every view rendered (PAGE_CACHE=false), to compare with the cache in use. */
const PAGE_CACHE = !process.argv.includes("--no-page-cache");
const GOAL = { requestsPerSecond: 50, p99Ms: 500, htmlBytes: 200 * 1024 };

const say = (line: string) => process.stderr.write(`[bench:load] ${line}\n`);

function pagesOf(data: LoadData): { label: string; path: string }[] {
  const latestRun = data.runIds.at(-1) ?? "";
  return [
    { label: "/api/health (baseline)", path: "/api/health" },
    { label: "Overview", path: "/" },
    { label: "Catalog", path: "/catalog" },
    {
      label: "Model",
      path: `/catalog/models/${data.modelId.split("/").map(encodeURIComponent).join("/")}`,
    },
    { label: "Platform", path: `/catalog/platforms/${encodeURIComponent(data.platformId)}` },
    { label: "Runs", path: "/runs" },
    { label: "Run", path: `/runs/${encodeURIComponent(latestRun)}` },
    { label: "Compare", path: "/compare" },
    { label: "Lock-in", path: "/lock-in" },
    { label: "Routing", path: "/routing" },
    { label: "Reports", path: "/reports" },
    { label: "Report", path: `/reports/${encodeURIComponent(data.reportId)}` },
    { label: "Share link", path: `/share/${encodeURIComponent(data.shareToken)}` },
  ];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

function printTable(figures: PageFigures[]) {
  const health = figures[0];
  const header = [
    "page".padEnd(24),
    "req/s".padStart(8),
    "x health".padStart(9),
    "p50".padStart(8),
    "p99".padStart(8),
    "non-2xx".padStart(8),
    "HTML".padStart(10),
    "wire".padStart(10),
    "enc".padStart(9),
    "flight".padStart(10),
    "cpu/req".padStart(9),
    "fresh".padStart(8),
  ].join(" ");
  console.log(header);
  console.log("-".repeat(header.length));
  for (const page of figures) {
    const ratio = health ? page.requestsPerSecond / health.requestsPerSecond : Number.NaN;
    console.log(
      [
        page.label.padEnd(24),
        page.requestsPerSecond.toFixed(1).padStart(8),
        ratio.toFixed(3).padStart(9),
        (page.requests > 0 ? ms(page.p50Ms) : "—").padStart(8),
        (page.requests > 0 ? ms(page.p99Ms) : "—").padStart(8),
        String(page.non2xx + page.errors).padStart(8),
        kb(page.htmlBytes).padStart(10),
        kb(page.wireBytes).padStart(10),
        page.encoding.padStart(9),
        kb(page.flightBytes).padStart(10),
        (Number.isFinite(page.cpuMsPerRequest) ? ms(page.cpuMsPerRequest) : "—").padStart(9),
        ms(page.freshRenderMs).padStart(8),
      ].join(" "),
    );
  }
  console.log(
    "req/s: mean of per-second samples; x health: req/s over /api/health's; non-2xx: non-2xx answers plus errors and timeouts;",
  );
  console.log("p50/p99 — : no request completed within the window (every one took longer).");
  console.log(
    "cpu/req: the app server's CPU time (its processes and all their threads, not PostgreSQL's) per request answered, steadier than req/s on a shared machine;",
  );
  console.log(
    "HTML: one view's body decoded; wire: the same body as sent for Accept-Encoding: gzip (enc: its Content-Encoding); flight: of HTML, the inline component payload (self.__next_f scripts).",
  );
  console.log(
    "fresh: one view rendered afresh with nothing else running (median of 5, each asking for a fresh page as a hard reload does): what a first view costs whatever the page cache holds.",
  );
}

async function main(): Promise<number> {
  const started = performance.now();
  const loadAverage = os.loadavg()[0] ?? Number.NaN;
  const scratch = await createScratchDatabase("load", { seed: "catalogue and built-in suites" });
  const secretKey = randomBytes(32).toString("base64");
  const logPath = path.join(os.tmpdir(), `crossbench-bench-load-${process.pid}.log`);
  let app: LoadApp | null = null;
  const figures: PageFigures[] = [];
  let data: LoadData;
  try {
    data = await fillLoadDatabase(scratch.db, scratch.url, {
      runs: RUNS,
      trialsPerRun: TRIALS_PER_RUN,
      secretKey,
      log: say,
    });
    say(`starting the app on port ${PORT} (builds first if the sources changed; log: ${logPath})`);
    app = await startLoadApp(scratch.db, {
      databaseUrl: scratch.url,
      port: PORT,
      emulatorPort: EMULATOR_PORT,
      secretKey,
      users: USERS,
      role: ROLE,
      logPath,
      pageCache: PAGE_CACHE,
      nodeArguments: [
        ...NODE_ARGUMENTS,
        ...(CPU_PROFILE_TO ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(CPU_PROFILE_TO)}`] : []),
      ],
    });
    say(`${app.cookies.length} users signed in`);
    if (SAVE_HTML_TO) mkdirSync(SAVE_HTML_TO, { recursive: true });
    const driven = pagesOf(data).filter(
      (page, index) => index === 0 || !ONLY_PAGES || ONLY_PAGES.includes(page.label.toLowerCase()),
    );
    for (const page of driven) {
      const result = await drivePage(app.base, page, app.cookies, {
        connections: CONNECTIONS,
        duration: DURATION_S,
        saveHtmlTo: SAVE_HTML_TO,
        serverPid: app.pid,
      });
      say(
        `${page.label}: ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${ms(result.p50Ms)}, p99 ${ms(result.p99Ms)}, cpu/req ${result.cpuMsPerRequest.toFixed(1)} ms, non-2xx ${result.non2xx + result.errors}`,
      );
      figures.push(result);
    }
  } finally {
    await app?.stop();
    await scratch.close({ keep: KEEP });
  }
  const loadAverageAtEnd = os.loadavg()[0] ?? Number.NaN;
  if (KEEP) console.log(`kept the database: ${scratch.url}`);
  console.log(
    `${data.offerings.toLocaleString("en-US")} offerings (${data.isLiteLlmLoaded ? "curated + full LiteLLM import" : "curated only"}), ` +
      `${data.trials.toLocaleString("en-US")} trials over ${data.runIds.length} runs; ${USERS} users (${ROLE}), ` +
      `${CONNECTIONS} connections, ${DURATION_S} s per page; page cache ${PAGE_CACHE ? "on" : "off"}; ${os.cpus().length} cores, ` +
      `load average ${loadAverage.toFixed(2)} at the start, ${loadAverageAtEnd.toFixed(2)} at the end`,
  );
  printTable(figures);
  const pages = figures.slice(1);
  const broken = figures.filter((page) => page.non2xx + page.errors > 0 || page.status !== 200);
  const missed = pages.filter(
    (page) =>
      page.requestsPerSecond < GOAL.requestsPerSecond ||
      page.p99Ms >= GOAL.p99Ms ||
      page.htmlBytes > GOAL.htmlBytes,
  );
  console.log(
    `goal (every page >= ${GOAL.requestsPerSecond} req/s, p99 < ${GOAL.p99Ms} ms, HTML <= ${kb(GOAL.htmlBytes)}): ` +
      (missed.length === 0 ? "met" : `missed by ${missed.map((page) => page.label).join(", ")}`),
  );
  if (broken.length > 0) {
    console.log(`ERRORS: ${broken.map((page) => `${page.label} (${page.path})`).join(", ")}`);
  }
  const health = figures[0];
  console.log(
    JSON.stringify({
      bench: "load",
      offerings: data.offerings,
      isLiteLlmLoaded: data.isLiteLlmLoaded,
      trials: data.trials,
      runs: data.runIds.length,
      users: USERS,
      role: ROLE,
      connections: CONNECTIONS,
      durationS: DURATION_S,
      pageCache: PAGE_CACHE,
      cores: os.cpus().length,
      loadAverageAtStart: Number(loadAverage.toFixed(2)),
      loadAverageAtEnd: Number(loadAverageAtEnd.toFixed(2)),
      elapsedS: Math.round((performance.now() - started) / 1000),
      pages: Object.fromEntries(
        figures.map((page) => [
          page.label,
          {
            path: page.path.startsWith("/share/") ? "/share/<token>" : page.path,
            requestsPerSecond: Number(page.requestsPerSecond.toFixed(1)),
            ratioToHealth: health
              ? Number((page.requestsPerSecond / health.requestsPerSecond).toFixed(3))
              : null,
            p50Ms: page.requests > 0 ? Math.round(page.p50Ms) : null,
            p99Ms: page.requests > 0 ? Math.round(page.p99Ms) : null,
            requests: page.requests,
            non2xx: page.non2xx,
            errors: page.errors,
            htmlBytes: page.htmlBytes,
            wireBytes: page.wireBytes,
            freshRenderMs: Math.round(page.freshRenderMs),
            encoding: page.encoding,
            flightBytes: page.flightBytes,
            cpuMsPerRequest: Number.isFinite(page.cpuMsPerRequest)
              ? Number(page.cpuMsPerRequest.toFixed(1))
              : null,
          },
        ]),
      ),
      goalMet: missed.length === 0,
      broken: broken.map((page) => page.label),
    }),
  );
  return broken.length > 0 ? 1 : 0;
}

runBench(async () => {
  process.exitCode = await main();
});

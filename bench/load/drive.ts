import { readdir, readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";

/** One page under load, and what one view of it weighs. */
export type PageFigures = {
  label: string;
  path: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  /** Connection errors and timeouts: answers that never came. */
  errors: number;
  /** The status of the probe that measured the sizes. */
  status: number;
  /** The body as the browser gets it after decoding. */
  htmlBytes: number;
  /** The body as sent with Accept-Encoding: gzip, and the Content-Encoding it came with. */
  wireBytes: number;
  encoding: string;
  /** Of htmlBytes: the component payload inlined as `self.__next_f.push(…)` scripts. */
  flightBytes: number;
  /**
   * The app server process's CPU time (user + system, all threads) over the drive, per request
   * answered: unlike req/s it hardly moves when other work shares the machine. PostgreSQL's time
   * is not in it. NaN where /proc is not there.
   */
  cpuMsPerRequest: number;
  /**
   * One signed-in view rendered afresh with no other load (median of a few, each asking for a
   * fresh page as a hard reload does, so the page cache renders it): what a first view costs.
   */
  freshRenderMs: number;
};

const WARM_UP_REQUESTS = 5;
const FRESH_RENDERS = 5;
/** A health check this fast means the server has finished what the last page left running. */
const IDLE_HEALTH_MS = 50;
const SETTLE_WITHIN_MS = 15_000;
/** What a browser sends that changes the answer. */
const BROWSER_HEADERS = { accept: "text/html,*/*", "accept-encoding": "gzip" };

type RawResponse = { status: number; encoding: string; body: Buffer };

function getRaw(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            encoding: String(response.headers["content-encoding"] ?? "identity"),
            body: Buffer.concat(chunks),
          }),
        );
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

function decode(response: RawResponse): Buffer {
  switch (response.encoding) {
    case "gzip":
      return zlib.gunzipSync(response.body);
    case "br":
      return zlib.brotliDecompressSync(response.body);
    case "deflate":
      return zlib.inflateSync(response.body);
    default:
      return response.body;
  }
}

/** CPU time of a process so far in milliseconds, from /proc (Linux); NaN elsewhere. */
async function processCpuMs(pid: number): Promise<number> {
  // The app's process and its live descendants: npm start serves from forked web processes.
  const tree = await processTree(pid);
  if (!tree.has(pid)) return Number.NaN;
  let ticks = 0;
  for (const fields of tree.values()) ticks += Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** /proc stat fields (from the state on) of `pid` and every live process below it. */
async function processTree(pid: number): Promise<Map<number, string[]>> {
  const all = new Map<number, string[]>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces) start at index 2 (state).
      all.set(Number(entry), stat.slice(stat.lastIndexOf(")") + 2).split(" "));
    } catch {
      // Exited meanwhile.
    }
  }
  const tree = new Map<number, string[]>();
  const add = (id: number) => {
    const fields = all.get(id);
    if (!fields || tree.has(id)) return;
    tree.set(id, fields);
    for (const [child, childFields] of all) if (Number(childFields[1]) === id) add(child);
  };
  add(pid);
  return tree;
}

/** USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK) is not reachable from Node). */
const CLOCK_TICKS_PER_SECOND = 100;

/** Bytes of the inline React Server Components payload in a page's HTML. */
function countFlightBytes(html: string): number {
  let bytes = 0;
  for (const match of html.matchAll(/<script[^>]*>self\.__next_f\.push\([\s\S]*?<\/script>/g)) {
    bytes += Buffer.byteLength(match[0]);
  }
  return bytes;
}

/**
 * Waits until the server answers /api/health quickly twice in a row: requests still running when
 * the load tool stopped (a slow page's last ones) must not count against the next page.
 */
async function waitUntilIdle(base: string): Promise<void> {
  const deadline = Date.now() + SETTLE_WITHIN_MS;
  let quick = 0;
  while (quick < 2 && Date.now() < deadline) {
    const started = performance.now();
    await getRaw(`${base}/api/health`, {});
    quick = performance.now() - started < IDLE_HEALTH_MS ? quick + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Warms the page up with a few signed-in GETs (one user each), weighs the last one, then drives
 * it for `duration` seconds over `connections` connections, each holding one user's cookie (the
 * users spread over the connections in turn), asking for gzip as a browser does. Waits first for
 * the server to be idle, and saves the weighed HTML into `saveHtmlTo` when given.
 */
export async function drivePage(
  base: string,
  page: { label: string; path: string },
  cookies: string[],
  options: { connections: number; duration: number; saveHtmlTo?: string; serverPid?: number },
): Promise<PageFigures> {
  const url = `${base}${page.path}`;
  await waitUntilIdle(base);
  let probe: RawResponse | null = null;
  for (let index = 0; index < WARM_UP_REQUESTS; index += 1) {
    probe = await getRaw(url, {
      ...BROWSER_HEADERS,
      cookie: cookies[index % cookies.length] ?? "",
    });
  }
  if (!probe) throw new Error("no warm-up request was made");
  const html = decode(probe);
  if (options.saveHtmlTo) {
    const name = page.label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    await writeFile(path.join(options.saveHtmlTo, `${name}.html`), html);
  }
  const fresh: number[] = [];
  for (let index = 0; index < FRESH_RENDERS; index += 1) {
    const started = performance.now();
    await getRaw(url, {
      ...BROWSER_HEADERS,
      "cache-control": "no-cache",
      cookie: cookies[index % cookies.length] ?? "",
    });
    fresh.push(performance.now() - started);
  }
  fresh.sort((a, b) => a - b);
  let next = 0;
  const cpuBefore = options.serverPid ? await processCpuMs(options.serverPid) : Number.NaN;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    timeout: 30,
    setupClient: (client) => {
      client.setHeaders({ ...BROWSER_HEADERS, cookie: cookies[next % cookies.length] ?? "" });
      next += 1;
    },
  });
  const cpuAfter = options.serverPid ? await processCpuMs(options.serverPid) : Number.NaN;
  return {
    label: page.label,
    path: page.path,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    status: probe.status,
    htmlBytes: html.length,
    wireBytes: probe.body.length,
    encoding: probe.encoding,
    flightBytes: countFlightBytes(html.toString("utf8")),
    cpuMsPerRequest: (cpuAfter - cpuBefore) / Math.max(1, result.requests.total),
    freshRenderMs: fresh[Math.floor(fresh.length / 2)] ?? Number.NaN,
  };
}

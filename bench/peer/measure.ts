import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createConnection, createServer, type AddressInfo, type Socket } from "node:net";

/**
 * A TCP pass-through in front of the emulator that notes when requests arrive. It copies bytes
 * and never parses HTTP beyond spotting a request line at the start of a chunk, so it costs both
 * tools the same and next to nothing.
 */
export type CountingProxy = {
  url: string;
  /** Starts a new count; the returned function reads it. */
  arm(): () => ProxyCount;
  close(): Promise<void>;
};

export type ProxyCount = {
  /** `performance.now()` of the first chat request since `arm`, or null. */
  firstRequestAt: number | null;
  requests: number;
  /** Requests by "METHOD path". */
  byRoute: Map<string, number>;
  /**
   * Sum over chat requests of the time from the request line to the last response byte, in ms:
   * the time the emulator took, which no scheduler can save. Divided by the concurrency it is
   * the shortest possible time from first request to last response.
   */
  callMs: number;
};

function emptyCount(): ProxyCount {
  return { firstRequestAt: null, requests: 0, byRoute: new Map(), callMs: 0 };
}

const REQUEST_LINE = /^(POST|GET|PUT|DELETE|PATCH|HEAD|OPTIONS) (\S+) HTTP\/1\.[01]\r\n/;

/** Starts a counting proxy to `target` (an `http://host:port` URL) on a free loopback port. */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const { hostname, port } = new URL(target);
  let count = emptyCount();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: hostname, port: Number(port) });
    sockets.add(client).add(upstream);
    // Keep-alive connections carry one request at a time (neither tool pipelines), so the time
    // from a request line to each response chunk after it is that call's; it is added as the
    // bytes arrive, so nothing waits for the connection's next request or its close.
    let callMark: number | null = null;
    client.on("data", (chunk: Buffer) => {
      const match = REQUEST_LINE.exec(chunk.subarray(0, 300).toString("latin1"));
      if (match) {
        const route = `${match[1]} ${match[2]?.split("?")[0]}`;
        count.byRoute.set(route, (count.byRoute.get(route) ?? 0) + 1);
        callMark = null;
        if (match[1] === "POST") {
          const now = performance.now();
          count.requests += 1;
          count.firstRequestAt ??= now;
          callMark = now;
        }
      }
    });
    upstream.on("data", () => {
      if (callMark === null) return;
      const now = performance.now();
      count.callMs += now - callMark;
      callMark = now;
    });
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    arm() {
      const current = emptyCount();
      count = current;
      return () => current;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function readStatusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
      readFileSync(`/proc/${pid}/status`, "utf8"),
    );
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The process and every descendant, from /proc/<pid>/task/<tid>/children. */
function listProcessTree(root: number): number[] {
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    out.push(pid);
    let tasks: string[] = [];
    try {
      tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/);
    } catch {
      continue;
    }
    for (const child of tasks) if (child !== "") queue.push(Number(child));
  }
  return out;
}

/**
 * A child's whole environment. Next's types make NODE_ENV required on ProcessEnv, but the tools
 * are meant to run without it, as a user's shell would start them.
 */
export function asProcessEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return env as NodeJS.ProcessEnv;
}

export type MeasuredRun = {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** From spawn to the first chat request at the proxy; null when none arrived. */
  startupMs: number | null;
  /** Peak of the summed VmRSS of the process tree, sampled every 50 ms, in MB. */
  peakTreeRssMb: number;
  /** Largest VmHWM (kernel-recorded peak) of any process in the tree, in MB. */
  peakProcessHwmMb: number;
  processes: number;
  requests: number;
  byRoute: Map<string, number>;
  /** See {@link ProxyCount.callMs}. */
  callMs: number;
};

/**
 * Runs one command to completion, timing it from spawn to exit, sampling its process tree's
 * memory and reading the proxy's count of the requests it made.
 */
export async function runMeasured(input: {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  proxy: CountingProxy;
  timeoutMs: number;
}): Promise<MeasuredRun> {
  const read = input.proxy.arm();
  const started = performance.now();
  const child = spawn(input.command, input.args, {
    cwd: input.cwd,
    env: asProcessEnv(input.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  let peakTreeKb = 0;
  let peakHwmKb = 0;
  const seen = new Set<number>();
  const sample = () => {
    if (child.pid === undefined) return;
    let total = 0;
    for (const pid of listProcessTree(child.pid)) {
      seen.add(pid);
      total += readStatusKb(pid, "VmRSS");
      peakHwmKb = Math.max(peakHwmKb, readStatusKb(pid, "VmHWM"));
    }
    peakTreeKb = Math.max(peakTreeKb, total);
  };
  const sampler = setInterval(sample, 50);
  const timer = setTimeout(() => child.kill("SIGTERM"), input.timeoutMs);
  let wallMs = 0;
  child.once("exit", () => {
    wallMs = performance.now() - started;
  });
  // "close" comes after "exit" and after the output pipes are drained.
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve(code));
  });
  clearInterval(sampler);
  clearTimeout(timer);
  const count = read();
  return {
    exitCode,
    stdout: Buffer.concat(stdout).toString("utf8"),
    stderr: Buffer.concat(stderr).toString("utf8"),
    wallMs,
    startupMs: count.firstRequestAt === null ? null : count.firstRequestAt - started,
    peakTreeRssMb: peakTreeKb / 1024,
    peakProcessHwmMb: peakHwmKb / 1024,
    processes: seen.size,
    requests: count.requests,
    byRoute: count.byRoute,
    callMs: count.callMs,
  };
}

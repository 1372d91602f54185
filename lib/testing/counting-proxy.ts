import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny HTTP proxy in front of the emulator that sees every call a worker makes: how many are in
 * flight at once, and when each arrived. Several proxies can share one {@link ProxyLedger}, so calls
 * from different workers (each pointed at its own proxy) are counted together.
 */

/** What the proxies saw, shared between them. */
export type ProxyLedger = {
  inFlight: number;
  maxInFlight: number;
  total: number;
  /** Calls in flight now, per proxy label. */
  inFlightBy: Record<string, number>;
  /** The most calls in flight at a moment when more than one proxy had some. */
  maxInFlightShared: number;
  /** Arrival time of each call (ms, `performance.now()`), per proxy label. */
  arrivals: { at: number; label: string }[];
  /** Calls in flight now, per emulator platform (the path's first segment). */
  inFlightByPlatform: Record<string, number>;
  /** The most calls in flight at once, per emulator platform. */
  maxInFlightByPlatform: Record<string, number>;
};

export function createProxyLedger(): ProxyLedger {
  return {
    inFlight: 0,
    maxInFlight: 0,
    total: 0,
    inFlightBy: {},
    maxInFlightShared: 0,
    arrivals: [],
    inFlightByPlatform: {},
    maxInFlightByPlatform: {},
  };
}

export type CountingProxy = { url: string; close(): Promise<void> };

/**
 * Starts a proxy to `targetUrl`. Each request is held `holdMs` before it is forwarded, so calls that
 * a limiter lets through together really overlap; it counts as in flight from arrival to the end of
 * the response.
 */
export async function startCountingProxy(
  targetUrl: string,
  ledger: ProxyLedger,
  options: {
    holdMs?: number;
    label?: string;
    /** Hold per emulator platform (the path's first segment), instead of `holdMs`. */
    holdMsByPlatform?: Record<string, number>;
  } = {},
): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const label = options.label ?? "proxy";
  const server = http.createServer((request, response) => {
    const platform = (request.url ?? "/").split("/")[1] ?? "";
    const holdMs = options.holdMsByPlatform?.[platform] ?? options.holdMs ?? 0;
    ledger.inFlightByPlatform[platform] = (ledger.inFlightByPlatform[platform] ?? 0) + 1;
    ledger.maxInFlightByPlatform[platform] = Math.max(
      ledger.maxInFlightByPlatform[platform] ?? 0,
      ledger.inFlightByPlatform[platform],
    );
    ledger.inFlight += 1;
    ledger.total += 1;
    ledger.maxInFlight = Math.max(ledger.maxInFlight, ledger.inFlight);
    ledger.inFlightBy[label] = (ledger.inFlightBy[label] ?? 0) + 1;
    if (Object.values(ledger.inFlightBy).filter((n) => n > 0).length > 1) {
      ledger.maxInFlightShared = Math.max(ledger.maxInFlightShared, ledger.inFlight);
    }
    ledger.arrivals.push({ at: performance.now(), label });
    let isDone = false;
    const done = () => {
      if (isDone) return;
      isDone = true;
      ledger.inFlight -= 1;
      ledger.inFlightByPlatform[platform] = (ledger.inFlightByPlatform[platform] ?? 1) - 1;
      ledger.inFlightBy[label] = (ledger.inFlightBy[label] ?? 1) - 1;
    };
    response.on("close", done);
    const forward = () => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          headers: { ...request.headers, host: target.host },
        },
        (upstreamResponse) => {
          response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
          upstreamResponse.pipe(response);
        },
      );
      upstream.on("error", () => response.destroy());
      request.pipe(upstream);
    };
    if (holdMs > 0) setTimeout(forward, holdMs);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

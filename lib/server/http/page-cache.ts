import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { getSessionCookie } from "better-auth/cookies";
import type { DataChanges } from "../ops/data-changes";
import { createNonce } from "./security-headers";

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);
const deflate = promisify(zlib.deflate);
const inflate = promisify(zlib.inflate);

/**
 * Rendered pages, kept and served again while nothing they show can have changed. In front of
 * Next.js in the production server (scripts/start.ts): a page costs 20–60 ms of CPU to render and
 * is read far more often than the data under it changes.
 *
 * What is kept: a complete 200 text/html answer to a document GET (not a client navigation's
 * component payload, not a download): its headers and its body, uncompressed (each copy is
 * compressed as the kept answer was, below). It is kept for one viewer: a signed-in page for
 * the session it was rendered for, a share page for its link (a share page shows the report and
 * nothing about the viewer, so everyone holding the link shares it).
 *
 * When it is served again: only while
 * - no change to the application's tables has committed since it was rendered (any table: a
 *   catalogue sync, a new run, a weights change, a role change, a sign-out; the migration
 *   `data_change_notify` and lib/server/ops/data-changes.ts), checked at the moment of serving;
 * - its session (or share link) is still valid, checked against the database at the same moment;
 * - it is younger than {@link PAGE_CACHE_TTL_MS}: some figures are read against the clock (how
 *   long a run has been going, whether a worker is live), and a page served again
 *   shows them as they were when it was rendered, as an open tab would;
 * - the request does not ask for a fresh answer (a hard reload sends `Cache-Control: no-cache`).
 *
 * Two requests for the same page and viewer at once render it once. The header
 * {@link PAGE_CACHE_HEADER} says `hit` or `miss` on every page that could be kept.
 *
 * Every copy served gets a fresh CSP nonce, as every rendering does (e2e/security.spec.ts): the
 * page is kept uncompressed with where its nonce stands (in script and link tags and in the
 * component payload), and each copy has a new nonce of the same length written there and in its
 * Content-Security-Policy header, then is compressed as the kept answer was (gzip or deflate, off
 * the event loop).
 *
 * Hand-written rather than a library: an HTTP cache (a reverse proxy's, or Next's own) keys on the
 * URL and headers, and knows neither when the database changed nor whether a session is still
 * valid.
 */

export const PAGE_CACHE_HEADER = "x-crossbench-cache";
export const PAGE_CACHE_TTL_MS = 10_000;
const MAX_BYTES = 64 * 1024 * 1024;
/** Larger answers are not kept: as sent (compressed), and uncompressed. */
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;
const MAX_PAGE_BYTES = 8 * 1024 * 1024;
const MAX_ENTRIES = 2_000;
/** How long a request waits for the same page's render already under way before rendering too. */
const WAIT_FOR_RENDER_MS = 5_000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Headers of a request that make Next.js answer with something else than the page's HTML. */
const NON_DOCUMENT_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
  "range",
];

/** Headers of the kept answer that belong to one transmission, not to the page. */
const TRANSMISSION_HEADERS = new Set([
  "connection",
  "content-length",
  "date",
  "keep-alive",
  "transfer-encoding",
  PAGE_CACHE_HEADER,
]);

/** Who a kept page is for, and how to check they still may see it. */
export type PageViewer = { kind: "session"; token: string } | { kind: "share"; secretHash: string };

export type CacheableRequest = { key: string; viewer: PageViewer; forceFresh: boolean };

type HeaderValue = string | string[] | undefined;
type RequestHead = { method?: string; url?: string; headers: Record<string, HeaderValue> };

function header(headers: Record<string, HeaderValue>, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? "");
}

/**
 * The cache key and viewer of a request whose answer may be kept, or null: not a GET for a page,
 * a client navigation or server action, or a signed-in page asked for without a session.
 */
export function cacheableRequest(request: RequestHead): CacheableRequest | null {
  if (request.method !== "GET" || !request.url) return null;
  let url: URL;
  try {
    url = new URL(request.url, "http://local");
  } catch {
    return null;
  }
  const path = url.pathname;
  if (
    path.startsWith("/api/") ||
    path.startsWith("/_next/") ||
    path === "/sign-in" ||
    // Downloads (trials.csv, report.pdf…) and files; a model page's id may have dots of its own.
    /\.(csv|json|jsonl|md|pdf|txt|png|svg|ico|xml|webmanifest)$/i.test(path) ||
    url.searchParams.has("_rsc")
  ) {
    return null;
  }
  if (NON_DOCUMENT_HEADERS.some((name) => request.headers[name] !== undefined)) return null;

  let viewer: PageViewer;
  /** Who the page is rendered for, as the key tells them apart. */
  let identity: string;
  const share = /^\/share\/([^/]+)$/.exec(path);
  if (share) {
    let token: string;
    try {
      token = decodeURIComponent(share[1] ?? "");
    } catch {
      return null;
    }
    const secret = token.split(".")[0];
    if (!secret) return null;
    viewer = { kind: "share", secretHash: createHash("sha256").update(secret).digest("hex") };
    identity = "share";
  } else {
    const cookies = header(request.headers, "cookie");
    const cookie = getSessionCookie(new Headers({ cookie: cookies }));
    const token = cookie?.split(".")[0];
    if (!cookie || !token) return null;
    viewer = { kind: "session", token };
    // Every cookie, as sent: a kept page is served only to the exact cookies it was rendered for.
    identity = `session:${cookies}`;
  }
  const key = createHash("sha256")
    .update(
      [
        identity,
        request.url,
        header(request.headers, "host"),
        header(request.headers, "x-forwarded-proto"),
        header(request.headers, "x-forwarded-host"),
        header(request.headers, "accept-encoding"),
      ].join("\u0000"),
    )
    .digest("hex");
  const forceFresh = /\bno-cache\b/i.test(
    `${header(request.headers, "cache-control")} ${header(request.headers, "pragma")}`,
  );
  return { key, viewer, forceFresh };
}

/** The query that checks the viewer still may see the page; returns a row when they may. */
export function viewerCheck(viewer: PageViewer): { sql: string; params: string[] } {
  return viewer.kind === "session"
    ? {
        sql: `SELECT 1 FROM "Session" WHERE "token" = $1 AND "expiresAt" > now()`,
        params: [viewer.token],
      }
    : {
        sql: `SELECT 1 FROM "ShareLink" WHERE "tokenHash" = $1 AND "revokedAt" IS NULL AND "expiresAt" > now()`,
        params: [viewer.secretHash],
      };
}

type Entry = {
  version: number;
  storedAt: number;
  /** The answer's headers; Content-Encoding says how each copy is compressed. */
  headers: Record<string, string | string[]>;
  /** The page uncompressed, and where its nonce stands in it. */
  page: KeptPage;
};

/** A page with its CSP nonce located, so that each copy can be given a new one. */
export type KeptPage = { html: Buffer; nonce: string | null; nonceAt: number[] };

const NONCE_IN_POLICY = /'nonce-([A-Za-z0-9+/=]+)'/;

/** Finds the nonce of `policy` (a Content-Security-Policy value) everywhere in `html`. */
export function locateNonce(html: Buffer, policy: string | undefined): KeptPage {
  const nonce = policy ? (NONCE_IN_POLICY.exec(policy)?.[1] ?? null) : null;
  const nonceAt: number[] = [];
  if (nonce) {
    for (let at = html.indexOf(nonce); at !== -1; at = html.indexOf(nonce, at + nonce.length)) {
      nonceAt.push(at);
    }
  }
  return { html, nonce, nonceAt };
}

/**
 * A copy of the page with `fresh` where its nonce was, and the policy naming it; null when the
 * nonces' lengths differ (the copy cannot be made in place; the page is rendered instead).
 */
export function withFreshNonce(
  page: KeptPage,
  headers: Record<string, string | string[]>,
  fresh: string,
): { html: Buffer; headers: Record<string, string | string[]> } | null {
  if (!page.nonce) return { html: page.html, headers };
  if (Buffer.byteLength(fresh) !== Buffer.byteLength(page.nonce)) return null;
  const html = Buffer.from(page.html);
  for (const at of page.nonceAt) html.write(fresh, at, "latin1");
  const policy = headers["content-security-policy"];
  return {
    html,
    headers: {
      ...headers,
      ...(typeof policy === "string"
        ? { "content-security-policy": policy.replaceAll(page.nonce, fresh) }
        : {}),
    },
  };
}

function encodingOf(headers: Record<string, string | string[]>): string {
  return String(headers["content-encoding"] ?? "identity").toLowerCase();
}

async function decode(body: Buffer, encoding: string): Promise<Buffer | null> {
  if (encoding === "identity") return body;
  if (encoding === "gzip") return gunzip(body);
  if (encoding === "deflate") return inflate(body);
  return null;
}

async function encode(html: Buffer, encoding: string): Promise<Buffer> {
  if (encoding === "gzip") return gzip(html);
  if (encoding === "deflate") return deflate(html);
  return html;
}

/** The headers worth keeping from an answer, or null when it must not be kept. */
export function keptHeaders(
  status: number,
  headers: Record<string, number | string | string[] | undefined>,
): Record<string, string | string[]> | null {
  if (status !== 200) return null;
  if (headers["set-cookie"] !== undefined) return null;
  if (!String(headers["content-type"] ?? "").startsWith("text/html")) return null;
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || TRANSMISSION_HEADERS.has(name)) continue;
    kept[name] = Array.isArray(value) ? value : String(value);
  }
  return kept;
}

/**
 * Calls `onDone` with what `res` sent once it has all been sent: the status, headers and body
 * bytes as written (after Next.js's compression), or null if it failed or grew too large.
 */
function capture(
  res: ServerResponse,
  onDone: (
    sent: { status: number; headers: Record<string, string | string[]>; body: Buffer } | null,
  ) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (tooLarge || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk)
        : Buffer.from(
            String(chunk),
            typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8",
          );
    size += buffer.length;
    if (size > MAX_ENTRY_BYTES) {
      tooLarge = true;
      chunks.length = 0;
    } else chunks.push(buffer);
  };
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as typeof res.end;
  let done = false;
  const finish = (ok: boolean) => {
    if (done) return;
    done = true;
    if (!ok || tooLarge) return onDone(null);
    const headers = keptHeaders(res.statusCode, res.getHeaders());
    onDone(headers ? { status: res.statusCode, headers, body: Buffer.concat(chunks) } : null);
  };
  res.once("finish", () => finish(true));
  res.once("close", () => finish(res.writableFinished));
}

export type PageCache = {
  /** Answers `req` from the cache, or passes it to `next` (keeping its answer when it may). */
  handle(req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void>;
  stats(): { hits: number; misses: number; entries: number; bytes: number };
};

export function createPageCache(options: {
  changes: DataChanges;
  ttlMs?: number;
  maxBytes?: number;
  now?: () => number;
}): PageCache {
  const ttlMs = options.ttlMs ?? PAGE_CACHE_TTL_MS;
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const rendering = new Map<string, Promise<void>>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.page.html.length;
  };
  const store = (key: string, entry: Entry) => {
    drop(key);
    entries.set(key, entry);
    bytes += entry.page.html.length;
    // Least recently used first.
    for (const oldest of entries.keys()) {
      if (bytes <= maxBytes && entries.size <= MAX_ENTRIES) break;
      drop(oldest);
    }
  };

  /** Keeps what was sent, uncompressed with its nonce located, if nothing changed meanwhile. */
  async function keep(
    key: string,
    version: number,
    startedAt: number,
    sent: { headers: Record<string, string | string[]>; body: Buffer } | null,
  ): Promise<void> {
    if (!sent || options.changes.version() !== version) return;
    const html = await decode(sent.body, encodingOf(sent.headers)).catch(() => null);
    // The page is kept at the version it started from, if nothing changed while it rendered.
    if (!html || html.length > MAX_PAGE_BYTES || options.changes.version() !== version) return;
    const policy = sent.headers["content-security-policy"];
    store(key, {
      version,
      storedAt: startedAt,
      headers: sent.headers,
      page: locateNonce(html, typeof policy === "string" ? policy : undefined),
    });
  }

  /** Serves the kept page if it is still current; false when the request must be rendered. */
  async function serveKept(request: CacheableRequest, res: ServerResponse): Promise<boolean> {
    const entry = entries.get(request.key);
    if (!entry) return false;
    if (now() - entry.storedAt >= ttlMs) {
      drop(request.key);
      return false;
    }
    const { sql, params } = viewerCheck(request.viewer);
    const checked = await options.changes.checkpoint(sql, params);
    if (!checked || checked.rows.length === 0 || checked.version !== entry.version) {
      if (entries.get(request.key) === entry) drop(request.key);
      return false;
    }
    const copy = withFreshNonce(entry.page, entry.headers, createNonce());
    if (!copy) return false;
    const body = await encode(copy.html, encodingOf(entry.headers));
    // Most recently used goes last.
    entries.delete(request.key);
    entries.set(request.key, entry);
    hits += 1;
    res.writeHead(200, {
      ...copy.headers,
      "content-length": String(body.length),
      [PAGE_CACHE_HEADER]: "hit",
    });
    res.end(body);
    return true;
  }

  return {
    async handle(req, res, next) {
      const request = cacheableRequest(req);
      if (!request) return next();
      if (!request.forceFresh) {
        const pending = rendering.get(request.key);
        // A render that takes too long does not hold the others back.
        if (pending) await Promise.race([pending, delay(WAIT_FOR_RENDER_MS)]);
        if (await serveKept(request, res)) return;
      }
      // This request renders the page; the same page asked for meanwhile waits for it.
      let settle = () => {};
      const done = new Promise<void>((resolve) => (settle = resolve));
      if (!rendering.has(request.key)) rendering.set(request.key, done);
      const release = () => {
        if (rendering.get(request.key) === done) rendering.delete(request.key);
        settle();
      };
      // Settled first: a change committed just before this request (often the viewer's own) is
      // counted already, so what renders now is kept rather than dropped as possibly stale.
      const version = (await options.changes.checkpoint("SELECT 1", []))?.version ?? null;
      const startedAt = now();
      misses += 1;
      // Set before Next.js answers, which also makes Node keep the headers Next.js passes to
      // writeHead among those getHeaders() returns (it merges them only into headers already set).
      res.setHeader(PAGE_CACHE_HEADER, "miss");
      if (version === null) {
        release();
        return next();
      }
      capture(res, (sent) => {
        void keep(request.key, version, startedAt, sent).finally(release);
      });
      next();
    },
    stats: () => ({ hits, misses, entries: entries.size, bytes }),
  };
}

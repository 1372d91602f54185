import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import {
  constants as http2Constants,
  createServer as createHttp2Server,
  Http2ServerResponse,
  type Http2ServerRequest,
} from "node:http2";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { EMULATED_PLATFORMS, matchEndpoint, type EmulatedPlatform } from "./platforms";
import { getProfile } from "./profiles";
import { resolveRouterCall, routeRequest } from "./routers";
import { drawSimulatedFault, simulateCompletion, type AnswerBook } from "./simulate";
import {
  FAULTS,
  type ChatRequest,
  type Degradation,
  type Completion,
  type EmulatorError,
  type Fault,
  type StreamChunk,
  type WireFormat,
} from "./types";

/** Options for {@link startEmulator}. */
export type EmulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Same seed, same request → same answer. */
  seed?: string | number;
  /** Multiplies simulated latencies; 0 serves as fast as possible. Default 1. */
  latencyScale?: number;
  /** Forces a fault on every request to a platform, by catalogue platform id. */
  faults?: Partial<Record<string, Fault>>;
  /**
   * Draw 429s, 5xx and timeouts from each profile's error rates. Off by default so tests and
   * benchmarks are deterministic; the `npm run emulator` command turns it on.
   */
  simulateErrors?: boolean;
  /** Known evaluation items, answered correctly with the profile's probability. */
  answerBook?: AnswerBook;
  /** How long a "timeout" holds a request before giving up with a 504. Default 10 minutes. */
  timeoutHoldMs?: number;
};

/** A running emulator. */
export type RunningEmulator = {
  /** The root URL, e.g. `http://127.0.0.1:4010`, without a trailing slash. */
  url: string;
  port: number;
  /** Every simulated platform with its full base URL, as `GET /` lists them. */
  platforms: { id: string; api: string; baseUrl: string; models: string[] }[];
  /** Stops listening and drops open connections, including held "timeouts". */
  close(): Promise<void>;
};

/** Either protocol's request: HTTP/1.1 for most SDKs, cleartext HTTP/2 for the AWS SDK. */
type AnyRequest = IncomingMessage | Http2ServerRequest;

/** Either protocol's response; both expose the compatible subset used here. */
type AnyResponse = ServerResponse | Http2ServerResponse;

function sendJson(
  response: AnyResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

class BodyTooLargeError extends Error {}

async function readBody(request: AnyRequest): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function sendFormatError(response: AnyResponse, format: WireFormat, error: EmulatorError): void {
  const rendered = format.renderError(error);
  sendJson(response, rendered.status, rendered.body, rendered.headers);
}

// The two response classes overload write() differently, so a union cannot call it directly.
function writeChunk(response: AnyResponse, chunk: StreamChunk): void {
  if (response instanceof Http2ServerResponse) response.write(chunk);
  else response.write(chunk);
}

function writeChunks(response: AnyResponse, chunks: StreamChunk[]): void {
  for (const chunk of chunks) writeChunk(response, chunk);
}

/**
 * Hangs up mid-response once what was written has reached the socket, so the client sees a
 * truncated body rather than no response at all. On HTTP/2 only the one stream is reset: other
 * requests sharing the session must not fail with it.
 */
function hangUp(response: AnyResponse): void {
  if (response instanceof Http2ServerResponse) {
    response.write("", () => response.stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR));
    return;
  }
  response.write("", () => response.socket?.destroy());
}

/** Resets the connection before any response, like a load balancer dropping it. */
function resetConnection(response: AnyResponse): void {
  if (response instanceof Http2ServerResponse) {
    response.stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR);
    return;
  }
  response.socket?.resetAndDestroy();
}

const FAULT_ERRORS: Partial<Record<Fault, EmulatorError>> = {
  "429": {
    kind: "rate_limited",
    message: "Rate limit reached for requests (simulated). Please try again in 1s.",
    retryAfterSeconds: 1,
  },
  "500": {
    kind: "server_error",
    message: "The server had an error processing your request (simulated).",
  },
};

const STREAM_ERROR: EmulatorError = {
  kind: "unavailable",
  message: "Overloaded (simulated error inside a 200 stream).",
};

/** The what-if vendor preference a request asks for (`x-emulator-what-if-prefer-vendor`), if any. */
function whatIfVendor(httpRequest: AnyRequest): string | null {
  const header = httpRequest.headers["x-emulator-what-if-prefer-vendor"];
  const value = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase();
  return value ? value : null;
}

const DEGRADE_PATH = "/_emulator/degrade";

const degradationSchema = z
  .object({
    qualityDelta: z.number().min(-1).max(1).default(0),
    latencyFactor: z.number().min(0.1).max(100).default(1),
    fault: z.enum(FAULTS).nullable().default(null),
  })
  .strict();

/** What a degradation changes, for the header on every response it touched. */
function describeDegradation(degradation: Degradation): string {
  return (
    [
      degradation.qualityDelta !== 0
        ? `quality${degradation.qualityDelta > 0 ? "+" : ""}${degradation.qualityDelta}`
        : null,
      degradation.latencyFactor !== 1 ? `latency*${degradation.latencyFactor}` : null,
      degradation.fault ? `fault=${degradation.fault}` : null,
    ]
      .filter(Boolean)
      .join(",") || "none"
  );
}

function isFault(value: string | undefined): value is Fault {
  return value !== undefined && (FAULTS as readonly string[]).includes(value);
}

/**
 * Starts the simulated clouds on one HTTP server. Each platform sits under its own prefix (see
 * `GET /`), so an official SDK needs nothing but a base URL. Latency, errors and answers are
 * simulated; nothing here contacts a real provider.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const seed = String(options.seed ?? 0);
  const latencyScale = options.latencyScale ?? 1;
  const timeoutHoldMs = options.timeoutHoldMs ?? 10 * 60_000;
  const isSimulatingErrors = options.simulateErrors ?? false;
  let sequence = 0;
  /** Platforms made worse on purpose, by platform id (see Degradation). */
  const degraded = new Map<string, Degradation>();
  let rootUrl = "";

  const delay = async (ms: number, response: AnyResponse) => {
    if (ms <= 0 || response.destroyed) return;
    await sleep(ms);
  };

  async function respondStream(
    response: AnyResponse,
    format: WireFormat,
    request: ChatRequest,
    completion: Completion,
    fault: Fault | null,
    headers: Record<string, string>,
  ): Promise<void> {
    const stream = format.stream;
    await delay(completion.ttftMs, response);
    response.writeHead(200, {
      "content-type": stream.contentType,
      "cache-control": "no-cache",
      "x-emulator-simulated": "true",
      ...headers,
    });
    writeChunks(response, stream.head(request, completion));
    if (fault === "malformed-json") {
      writeChunks(response, stream.malformed());
      response.end();
      return;
    }
    const stopAt =
      fault === "cut-stream" || fault === "error-in-stream"
        ? Math.max(1, Math.floor(completion.chunks.length / 2))
        : completion.chunks.length;
    for (let index = 0; index < stopAt; index += 1) {
      if (response.destroyed) return;
      const text = completion.chunks[index] ?? "";
      if (index > 0) {
        // Pace each piece by its share of the output at the simulated speed.
        const tokens = Math.max(1, Math.round(text.length / 4));
        await delay((tokens / completion.tokensPerSecond) * 1000 * latencyScale, response);
      }
      writeChunks(response, stream.delta(request, completion, text));
    }
    if (fault === "cut-stream") {
      // Drop the connection without the stream's terminator, as a proxy or crash would.
      hangUp(response);
      return;
    }
    if (fault === "error-in-stream") {
      writeChunks(response, stream.error(STREAM_ERROR));
      response.end();
      return;
    }
    writeChunks(response, stream.tail(request, completion));
    response.end();
  }

  async function respondJson(
    response: AnyResponse,
    format: WireFormat,
    request: ChatRequest,
    completion: Completion,
    fault: Fault | null,
    headers: Record<string, string>,
  ): Promise<void> {
    await delay(
      completion.ttftMs +
        (completion.outputTokens / completion.tokensPerSecond) * 1000 * latencyScale,
      response,
    );
    if (fault === "malformed-json") {
      const text = '{"id":"emulator-malformed","choices":[{"message":{"content":"trunc';
      response.writeHead(200, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
      });
      response.end(text);
      return;
    }
    const text = JSON.stringify(format.renderResponse(request, completion));
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      "x-emulator-simulated": "true",
      ...headers,
    });
    if (fault === "cut-stream") {
      // Promise the whole body, deliver half, then hang up.
      writeChunk(response, text.slice(0, Math.floor(text.length / 2)));
      hangUp(response);
      return;
    }
    response.end(text);
  }

  /**
   * GET /_emulator/degrade lists the degraded platforms; PUT /_emulator/degrade/<platform> with
   * { qualityDelta?, latencyFactor?, fault? } makes one worse; DELETE restores it.
   */
  async function handleDegrade(
    httpRequest: AnyRequest,
    response: AnyResponse,
    pathname: string,
    method: string,
  ): Promise<void> {
    const platformId = decodeURIComponent(pathname.slice(DEGRADE_PATH.length + 1));
    if (!platformId) {
      if (method !== "GET") {
        sendJson(response, 405, { error: { message: `Use GET ${DEGRADE_PATH}.` } });
        return;
      }
      sendJson(response, 200, { degraded: Object.fromEntries(degraded), simulated: true });
      return;
    }
    if (!EMULATED_PLATFORMS.some((platform) => platform.id === platformId)) {
      sendJson(response, 404, { error: { message: `No simulated platform "${platformId}".` } });
      return;
    }
    if (method === "DELETE") {
      degraded.delete(platformId);
      sendJson(response, 200, { platform: platformId, degraded: null });
      return;
    }
    if (method !== "PUT") {
      sendJson(response, 405, { error: { message: "Use PUT or DELETE." } });
      return;
    }
    let parsed;
    try {
      parsed = degradationSchema.safeParse(JSON.parse(await readBody(httpRequest)));
    } catch {
      sendJson(response, 400, { error: { message: "Request body is not valid JSON." } });
      return;
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      sendJson(response, 400, {
        error: { message: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` },
      });
      return;
    }
    degraded.set(platformId, parsed.data);
    sendJson(response, 200, { platform: platformId, degraded: parsed.data });
  }

  async function handleChat(
    httpRequest: AnyRequest,
    response: AnyResponse,
    platform: EmulatedPlatform,
    request: ChatRequest,
  ): Promise<void> {
    const number = sequence;
    sequence += 1;
    const header = httpRequest.headers["x-emulator-fault"];
    const headerFault = Array.isArray(header) ? header[0] : header;
    const degradation = degraded.get(platform.id);
    let fault: Fault | null = isFault(headerFault)
      ? headerFault
      : (options.faults?.[platform.id] ?? degradation?.fault ?? null);
    if (fault === null && isSimulatingErrors) {
      fault = drawSimulatedFault(getProfile(platform.id, request.model), seed, number);
    }

    if (fault === "reset") {
      resetConnection(response);
      return;
    }
    if (fault === "timeout") {
      // Hold the request like a hung upstream; the client's own timeout is what should fire.
      const timer = setTimeout(() => {
        sendFormatError(response, platform.format, {
          kind: "unavailable",
          message: "Upstream request timed out (simulated).",
        });
      }, timeoutHoldMs);
      response.on("close", () => clearTimeout(timer));
      return;
    }
    const faultError = fault === null ? undefined : FAULT_ERRORS[fault];
    if (faultError) {
      sendFormatError(response, platform.format, faultError);
      return;
    }
    // Outside a stream there is no 200 to hide an error in: the non-streaming form is a 500.
    if (fault === "error-in-stream" && !request.isStream) {
      sendFormatError(response, platform.format, { ...STREAM_ERROR, kind: "server_error" });
      return;
    }

    // A native router picks a pool model, which then answers as itself; the response names it.
    const routerCall = resolveRouterCall(request);
    if (routerCall !== null && "error" in routerCall) {
      sendFormatError(response, platform.format, { kind: "not_found", message: routerCall.error });
      return;
    }
    const headers: Record<string, string> = {};
    if (degradation) headers["x-emulator-degraded"] = describeDegradation(degradation);
    let served: ChatRequest = request;
    let servedModel: string | undefined;
    if (routerCall) {
      const choice = routeRequest(request, routerCall, seed, whatIfVendor(httpRequest));
      served = { ...request, model: choice.servedId };
      servedModel = choice.reportedId;
      headers["x-emulator-router-mode"] = choice.mode;
      if (choice.whatIfVendor !== null) {
        // The what-if is a demonstration, never a finding: label every response it changed.
        headers["x-emulator-what-if"] = `prefer-vendor=${choice.whatIfVendor}`;
      }
    }
    const simulated = simulateCompletion(
      served,
      {
        seed,
        latencyScale,
        answerBook: options.answerBook,
        qualityDelta: degradation?.qualityDelta,
        latencyFactor: degradation?.latencyFactor,
      },
      number,
    );
    const completion = servedModel === undefined ? simulated : { ...simulated, servedModel };
    if (request.isStream)
      await respondStream(response, platform.format, request, completion, fault, headers);
    else await respondJson(response, platform.format, request, completion, fault, headers);
  }

  async function handle(httpRequest: AnyRequest, response: AnyResponse): Promise<void> {
    const url = new URL(httpRequest.url ?? "/", "http://emulator");
    const method = httpRequest.method ?? "GET";
    if (url.pathname === "/" && method === "GET") {
      sendJson(response, 200, { platforms: listPlatforms(rootUrl), simulated: true });
      return;
    }
    if (url.pathname === DEGRADE_PATH || url.pathname.startsWith(`${DEGRADE_PATH}/`)) {
      await handleDegrade(httpRequest, response, url.pathname, method);
      return;
    }
    const endpoint = matchEndpoint(method, url.pathname, url.searchParams);
    if (endpoint.kind === "unknown") {
      const message = `No simulated endpoint for ${method} ${url.pathname}.`;
      if (endpoint.platform) {
        sendFormatError(response, endpoint.platform.format, { kind: "not_found", message });
      } else sendJson(response, 404, { error: { message } });
      return;
    }
    const { platform } = endpoint;
    if (endpoint.kind === "models") {
      sendJson(response, 200, platform.format.renderModels?.(platform.models) ?? {});
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(httpRequest));
    } catch (error) {
      const message =
        error instanceof BodyTooLargeError
          ? "Request body too large."
          : "Request body is not valid JSON.";
      sendFormatError(response, platform.format, { kind: "invalid_request", message });
      return;
    }
    const parsed = platform.format.parse(body, endpoint.route);
    if (typeof parsed === "string") {
      sendFormatError(response, platform.format, { kind: "invalid_request", message: parsed });
      return;
    }
    await handleChat(httpRequest, response, platform, parsed);
  }

  const onRequest = (httpRequest: AnyRequest, response: AnyResponse) => {
    handle(httpRequest, response).catch((error: unknown) => {
      // A bug in the emulator must show up as a 500, not as a hung request or a crashed server.
      console.error("emulator: request failed", error);
      if (!response.headersSent) sendJson(response, 500, { error: { message: "Emulator error." } });
      else response.destroy();
    });
  };
  const http1 = createServer(onRequest);
  // Benchmarks keep hundreds of keep-alive connections busy; the default 5 s would churn them.
  http1.keepAliveTimeout = 30_000;
  const http2 = createHttp2Server(onRequest);

  // One port for both protocols: the AWS SDK speaks HTTP/2 with prior knowledge (its first bytes
  // are the "PRI * HTTP/2.0" preface), every other client HTTP/1.1.
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // A client that resets before its first bytes would otherwise crash the process with an
    // unhandled socket error; once routed, the HTTP server's own handlers take over.
    socket.on("error", () => socket.destroy());
    const route = () => {
      const head = socket.read(2) as Buffer | null;
      if (head === null) {
        socket.once("readable", route);
        return;
      }
      socket.unshift(head);
      const target = head[0] === 0x50 && head[1] === 0x52 ? http2 : http1;
      target.emit("connection", socket);
    };
    route();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  rootUrl = `http://${shownHost}:${port}`;

  return {
    url: rootUrl,
    port,
    platforms: listPlatforms(rootUrl),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        http1.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** The `GET /` listing: every platform with the base URL an official client takes. */
export function listPlatforms(rootUrl: string): RunningEmulator["platforms"] {
  return EMULATED_PLATFORMS.map((platform) => ({
    id: platform.id,
    api: platform.api,
    baseUrl: `${rootUrl}${platform.basePath}`,
    models: platform.models,
  }));
}

import { request } from "node:https";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import {
  checkEndpointUrl,
  checkResolvedAddresses,
  type EndpointPolicyOptions,
  type EndpointRefusal,
} from "@/lib/router/endpoint-policy";

/** Why a catalogue source could not be downloaded; the message is safe to show an admin. */
export class CatalogDownloadError extends Error {
  override readonly name = "CatalogDownloadError";
  constructor(
    message: string,
    /** "refused" when the URL itself is not allowed, "upstream" when the server misbehaved. */
    readonly kind: "refused" | "upstream",
    /** The endpoint policy's reason, when it refused the URL ("unresolvable": no DNS answer). */
    readonly reason?: EndpointRefusal,
  ) {
    super(message);
  }
}

export type DownloadOptions = {
  policy: EndpointPolicyOptions;
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /**
   * Certificate authorities (PEM) to trust instead of Node's bundled ones: for a mirror behind a
   * private CA. Tests use it for an https server on loopback.
   */
  ca?: string;
};

export const DOWNLOAD_MAX_BYTES = 50 * 1024 * 1024;
export const DOWNLOAD_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;

/**
 * A DNS lookup for the socket that checks every address the host resolves to, at connect time,
 * so a name that resolved to a public address for the URL check cannot switch to a private one
 * for the connection (DNS rebinding).
 */
function checkedLookup(policy: EndpointPolicyOptions) {
  return (hostname: string, options: { all?: boolean; family?: number }, done: LookupCallback) => {
    policy.lookup(hostname).then(
      (resolved) => {
        const refusal = checkResolvedAddresses(hostname, resolved, policy);
        if (refusal) {
          done(new CatalogDownloadError(refusal.message, "refused"), "");
          return;
        }
        const wanted = options.family === 4 || options.family === 6 ? options.family : null;
        const addresses = resolved
          .map((address) => ({ address, family: isIP(address) }))
          .filter((entry) => entry.family !== 0 && (wanted === null || entry.family === wanted));
        const first = addresses[0];
        if (!first) {
          done(
            new CatalogDownloadError(`The host ${hostname} could not be resolved.`, "upstream"),
            "",
          );
          return;
        }
        if (options.all) done(null, addresses);
        else done(null, first.address, first.family);
      },
      () =>
        done(
          new CatalogDownloadError(`The host ${hostname} could not be resolved.`, "upstream"),
          "",
        ),
    );
  };
}

function get(url: URL, options: DownloadOptions, signal: AbortSignal) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, {
      method: "GET",
      headers: { accept: "application/json", "user-agent": "crossbench-catalog-sync" },
      lookup: checkedLookup(options.policy) as never,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
      signal,
    });
    req.on("response", resolve);
    req.on("error", reject);
    req.end();
  });
}

async function readCapped(response: IncomingMessage, url: URL, maxBytes: number) {
  const declared = Number(response.headers["content-length"] ?? 0);
  if (declared > maxBytes) {
    response.destroy();
    throw new CatalogDownloadError(
      `${url.host} sent more than ${megabytes(maxBytes)}.`,
      "upstream",
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      response.destroy();
      throw new CatalogDownloadError(
        `${url.host} sent more than ${megabytes(maxBytes)}.`,
        "upstream",
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const megabytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;

/**
 * Downloads a catalogue source file. The URL must be https and pass the endpoint policy (every
 * address its host resolves to is checked, before and again at connection); redirects are
 * followed only on the same host; the body is capped at `maxBytes` and the whole download at
 * `timeoutMs`. Throws {@link CatalogDownloadError} with a message an admin can act on.
 */
export async function downloadCatalogSource(
  url: string,
  options: DownloadOptions,
): Promise<string> {
  const settings: Required<Omit<DownloadOptions, "ca">> & Pick<DownloadOptions, "ca"> = {
    policy: options.policy,
    ca: options.ca,
    maxBytes: options.maxBytes ?? DOWNLOAD_MAX_BYTES,
    timeoutMs: options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS,
    maxRedirects: options.maxRedirects ?? MAX_REDIRECTS,
  };
  const signal = AbortSignal.timeout(settings.timeoutMs);
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new CatalogDownloadError(`${url} is not a valid URL.`, "refused");
  }
  const host = current.host;
  for (let hop = 0; hop <= settings.maxRedirects; hop += 1) {
    if (current.protocol !== "https:") {
      throw new CatalogDownloadError(`The URL must be https (${current.href}).`, "refused");
    }
    const check = await checkEndpointUrl(current.href, settings.policy);
    if (!check.ok) throw new CatalogDownloadError(check.message, "refused", check.reason);

    let response: IncomingMessage;
    try {
      response = await get(current, settings, signal);
    } catch (error) {
      throw describeFailure(error, current, settings.timeoutMs, signal);
    }
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400) {
      response.resume();
      const location = response.headers.location;
      if (!location) {
        throw new CatalogDownloadError(
          `${current.host} answered ${status} without a Location.`,
          "upstream",
        );
      }
      const next = new URL(location, current);
      if (next.host !== host) {
        throw new CatalogDownloadError(
          `Refusing a redirect from ${host} to another host (${next.host}).`,
          "refused",
        );
      }
      current = next;
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new CatalogDownloadError(
        `${current.host} answered ${status} ${response.statusMessage ?? ""}`.trim() + ".",
        "upstream",
      );
    }
    try {
      return await readCapped(response, current, settings.maxBytes);
    } catch (error) {
      throw describeFailure(error, current, settings.timeoutMs, signal);
    }
  }
  throw new CatalogDownloadError(
    `More than ${settings.maxRedirects} redirects from ${url}.`,
    "upstream",
  );
}

/** Socket errors carry addresses and stack details; an admin needs the host and what happened. */
function describeFailure(
  error: unknown,
  url: URL,
  timeoutMs: number,
  signal: AbortSignal,
): CatalogDownloadError {
  if (error instanceof CatalogDownloadError) return error;
  // An abort while the body streams surfaces as a reset socket, not as an AbortError.
  if (signal.aborted) {
    return new CatalogDownloadError(
      `${url.host} did not finish sending within ${Math.round(timeoutMs / 1000)} s.`,
      "upstream",
    );
  }
  const code =
    error instanceof Error && "code" in error && typeof error.code === "string"
      ? ` (${error.code})`
      : "";
  return new CatalogDownloadError(`Could not download from ${url.host}${code}.`, "upstream");
}

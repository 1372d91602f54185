import type { LookupAddress, LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";
import { Agent } from "undici";
import {
  checkEndpointUrl,
  checkResolvedAddresses,
  type AddressPolicy,
  type EndpointRefusal,
} from "./endpoint-policy";

/**
 * A `fetch` for user-supplied base URLs that cannot be turned against this server's own network
 * (SSRF). Every request, and every redirect hop, is checked with the endpoint policy before any
 * connection is made; refused requests throw {@link EndpointRefusedError}.
 *
 * DNS rebinding: with the default base fetch (Node's global fetch), connections go through an
 * undici `Agent` whose `connect.lookup` resolves the host with the injected resolver and checks the
 * very addresses the socket then connects to, so the address connected to is always an address
 * that was checked: there is no window between check and connect. An injected `baseFetch`
 * (tests, or a caller with its own connection layer) gets the up-front check only, which leaves
 * the window between that check and the base fetch's own DNS resolution to the caller.
 */

/** Why a request was refused: an endpoint-policy refusal, or a redirect the safe fetch won't follow. */
export type SafeFetchRefusal = EndpointRefusal | "cross-host-redirect" | "too-many-redirects";

/** Thrown by a safe fetch, before any connection is opened, when a request is not allowed. */
export class EndpointRefusedError extends Error {
  override readonly name = "EndpointRefusedError";
  /** The machine-readable reason. */
  readonly reason: SafeFetchRefusal;

  constructor(reason: SafeFetchRefusal, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Finds an {@link EndpointRefusedError} in an error or its `cause` chain (fetch wraps them). */
export function findEndpointRefusal(error: unknown): EndpointRefusedError | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    if (current instanceof EndpointRefusedError) return current;
    seen.add(current);
    current = current.cause;
  }
  return null;
}

/** Resolves a host name to IP addresses (for example `dns.promises.lookup` with `all: true`). */
export type HostLookup = (host: string) => Promise<string[]>;

/** Options of {@link createSafeFetch}. */
export interface SafeFetchOptions extends AddressPolicy {
  lookup: HostLookup;
  /**
   * The fetch that sends checked requests. Defaults to Node's global fetch with a connection
   * dispatcher that re-checks addresses at connect time (see the module comment).
   */
  baseFetch?: typeof fetch;
  /** Same-host redirects followed before giving up. Default 3. */
  maxRedirects?: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * A `net` lookup function for sockets: resolves with `lookup`, refuses (with an
 * {@link EndpointRefusedError}, so no socket is opened) unless every address passes
 * {@link checkResolvedAddresses}, and hands the socket only the checked addresses.
 */
export function createCheckedLookup(lookup: HostLookup, policy: AddressPolicy): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    const host = hostname.toLowerCase().replace(/\.$/, "");
    lookup(host).then(
      (addresses) => {
        if (addresses.length === 0) {
          callback(
            new EndpointRefusedError("unresolvable", `The host ${host} could not be resolved.`),
            "",
          );
          return;
        }
        const refusal = checkResolvedAddresses(host, addresses, policy);
        if (refusal) {
          callback(new EndpointRefusedError(refusal.reason, refusal.message), "");
          return;
        }
        const entries: LookupAddress[] = addresses.map((address) => ({
          address,
          family: address.includes(":") ? 6 : 4,
        }));
        const wanted = entries.filter(
          (entry) => !options.family || options.family === entry.family,
        );
        const usable = wanted.length > 0 ? wanted : entries;
        if (options.all) {
          callback(null, usable);
          return;
        }
        const first = usable[0];
        if (first) callback(null, first.address, first.family);
        else
          callback(
            new EndpointRefusedError("unresolvable", `The host ${host} has no address.`),
            "",
          );
      },
      () => {
        callback(
          new EndpointRefusedError("unresolvable", `The host ${host} could not be resolved.`),
          "",
        );
      },
    );
  };
}

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === "string") return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/**
 * Creates a `fetch` that checks every request's URL (and every redirect's) with the endpoint
 * policy before connecting, follows at most a few same-host redirects itself, and throws
 * {@link EndpointRefusedError} for refused requests without opening a connection to them.
 */
export function createSafeFetch(options: SafeFetchOptions): typeof fetch {
  const policy: AddressPolicy = {
    allowLocal: options.allowLocal,
    allowPrivate: options.allowPrivate,
  };
  const maxRedirects = options.maxRedirects ?? 3;
  const dispatcher = options.baseFetch
    ? undefined
    : new Agent({ connect: { lookup: createCheckedLookup(options.lookup, policy) } });
  const baseFetch = options.baseFetch ?? globalThis.fetch;

  const send = async (input: RequestInfo | URL, init: RequestInit): Promise<Response> => {
    const url = urlOf(input);
    const check = await checkEndpointUrl(url, { ...policy, lookup: options.lookup });
    if (!check.ok) throw new EndpointRefusedError(check.reason, check.message);
    // `dispatcher` is Node's fetch extension; DOM typings don't list it.
    const sent: RequestInit & { dispatcher?: Agent } = { ...init, redirect: "manual" };
    if (dispatcher) sent.dispatcher = dispatcher;
    try {
      return await baseFetch(input, sent);
    } catch (error) {
      throw findEndpointRefusal(error) ?? error;
    }
  };

  return async (input, init = {}) => {
    let response = await send(input, init);
    let current = new URL(urlOf(input));
    let hopInit = init;
    for (let hop = 0; REDIRECT_STATUSES.has(response.status); hop += 1) {
      const location = response.headers.get("location");
      if (location === null) return response;
      const next = new URL(location, current);
      await response.body?.cancel();
      if (next.origin !== current.origin) {
        throw new EndpointRefusedError(
          "cross-host-redirect",
          `The endpoint redirected to another host (${next.host}); redirects to other hosts are not followed.`,
        );
      }
      if (hop >= maxRedirects) {
        throw new EndpointRefusedError(
          "too-many-redirects",
          `The endpoint redirected more than ${maxRedirects} times.`,
        );
      }
      const method = (hopInit.method ?? "GET").toUpperCase();
      if (response.status === 303 || (response.status <= 302 && method === "POST")) {
        hopInit = { ...hopInit, method: "GET", body: undefined };
      }
      current = next;
      response = await send(next.href, hopInit);
    }
    return response;
  };
}

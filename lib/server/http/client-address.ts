import { isIP } from "node:net";

/**
 * Which address a request comes from, as sign-in throttling, sessions and the audit log see it.
 *
 * Route handlers never see the socket, so the address travels in X-Forwarded-For:
 * - without TRUST_PROXY, `npm start`'s server replaces that header with the socket's address, so
 *   it holds exactly one hop; the last hop is taken, the one written nearest to this server, so a
 *   value a client put in front of it changes nothing;
 * - with TRUST_PROXY, the proxy's header is passed on and its first hop is the client the proxy
 *   saw. The proxy must set the header, not append to one the client sent.
 *
 * Returns null when there is no usable address.
 */
export function getClientAddress(headers: Headers, isProxyTrusted: boolean): string | null {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const hop = isProxyTrusted ? hops[0] : hops.at(-1);
  return hop === undefined ? null : normalizeAddress(hop);
}

/**
 * The request with X-Forwarded-For reduced to the client address alone, which is how better-auth
 * must see it: its rate limiter and its sessions read that header, and trust it only as one value.
 */
export function withClientAddress(request: Request, isProxyTrusted: boolean): Request {
  const address = getClientAddress(request.headers, isProxyTrusted);
  const headers = new Headers(request.headers);
  if (address) headers.set("x-forwarded-for", address);
  else headers.delete("x-forwarded-for");
  return new Request(request, { headers });
}

function normalizeAddress(hop: string): string | null {
  // Proxies may write "[v6]:port" or "v4:port"; a dual-stack socket reports IPv4 clients as
  // IPv4-mapped IPv6 (::ffff:203.0.113.9), which must count as the same client.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop)?.[1];
  const withoutPort = bracketed ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop)?.[1] ?? hop;
  const address = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(withoutPort)?.[1] ?? withoutPort;
  return isIP(address) === 0 ? null : address.toLowerCase();
}

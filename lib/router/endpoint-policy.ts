/**
 * Decides whether Crossbench may send requests (and a provider's API key) to a user-supplied base
 * URL, before any connection is made. Without it, "OpenAI-compatible base URL" is a server-side
 * request forgery: a user could point it at the cloud metadata service and read this server's own
 * cloud credentials, or at services on its private network.
 *
 * Pure and cheap: DNS resolution is injected, nothing is cached, so the router can run the same
 * check again at connect time against DNS rebinding.
 */

/** What an IP address is, for deciding whether an endpoint may use it. */
export type AddressClass =
  | "loopback"
  | "private"
  | "link-local"
  | "metadata"
  | "unspecified"
  | "multicast"
  | "reserved"
  | "public";

/** Why a base URL was refused. The address classes other than `public` appear as themselves. */
export type EndpointRefusal =
  | "invalid-url"
  | "unsupported-scheme"
  | "insecure-http"
  | "credentials-in-url"
  | "fragment"
  | "unresolvable"
  | Exclude<AddressClass, "public">;

/** What the deployment allows, from `ALLOW_LOCAL_ENDPOINTS` and `ALLOW_PRIVATE_ENDPOINTS`. */
export interface AddressPolicy {
  /** Loopback addresses (127.0.0.0/8, ::1), and plain http to them. */
  allowLocal: boolean;
  /** Private networks: 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT), fc00::/7. */
  allowPrivate: boolean;
}

/** Options of {@link checkEndpointUrl}. */
export interface EndpointPolicyOptions extends AddressPolicy {
  /** Resolves a host name to IP addresses (for example `dns.promises.lookup` with `all: true`). */
  lookup: (host: string) => Promise<string[]>;
}

/** A refused endpoint: a machine-readable reason and one user-facing sentence. */
export interface EndpointRefused {
  ok: false;
  reason: EndpointRefusal;
  message: string;
}

/**
 * The result of {@link checkEndpointUrl}. On success, `addresses` are the checked addresses:
 * connect to these rather than resolving the name again.
 */
export type EndpointCheck = { ok: true; url: URL; addresses: string[] } | EndpointRefused;

const MAX_URL_LENGTH = 2048;

// Hosts that reach a metadata service by name; their addresses are refused too, but a resolver
// might answer differently for this process than for the one that connects.
const METADATA_HOST_NAMES = new Set(["metadata.google.internal"]);

// Credential endpoints that are refused even when private networks are allowed:
// AWS instance metadata (also GCP, Azure, Oracle, DigitalOcean), AWS ECS task credentials,
// AWS EKS Pod Identity, Azure's WireServer, Alibaba Cloud metadata, and the IPv6 forms of AWS's
// and GCP's metadata services.
const METADATA_IPV4 = new Set(
  ["169.254.169.254", "169.254.170.2", "169.254.170.23", "168.63.129.16", "100.100.100.200"].map(
    (text) => parseIpv4(text) ?? -1,
  ),
);
const METADATA_IPV6 = new Set(
  ["fd00:ec2::254", "fd00:ec2::23", "fd20:ce::254"].map((text) => parseIpv6(text) ?? -1n),
);

interface Prefix<T> {
  network: T;
  prefix: number;
}

interface Range<T> extends Prefix<T> {
  kind: AddressClass;
}

// From the IANA special-purpose address registries.
const IPV4_RANGES: readonly Range<number>[] = [
  ipv4Range("0.0.0.0/8", "unspecified"),
  ipv4Range("10.0.0.0/8", "private"),
  ipv4Range("100.64.0.0/10", "private"),
  ipv4Range("127.0.0.0/8", "loopback"),
  ipv4Range("169.254.0.0/16", "link-local"),
  ipv4Range("172.16.0.0/12", "private"),
  ipv4Range("192.0.0.0/24", "reserved"),
  ipv4Range("192.0.2.0/24", "reserved"),
  ipv4Range("192.88.99.0/24", "reserved"),
  ipv4Range("192.168.0.0/16", "private"),
  ipv4Range("198.18.0.0/15", "reserved"),
  ipv4Range("198.51.100.0/24", "reserved"),
  ipv4Range("203.0.113.0/24", "reserved"),
  ipv4Range("224.0.0.0/4", "multicast"),
  // Includes the limited broadcast address 255.255.255.255.
  ipv4Range("240.0.0.0/4", "reserved"),
];

// The first match wins, so the reserved blocks inside 2000::/3 come before it. Everything outside
// 2000::/3 (global unicast) that is not listed is reserved.
const IPV6_RANGES: readonly Range<bigint>[] = [
  ipv6Range("::/128", "unspecified"),
  ipv6Range("::1/128", "loopback"),
  ipv6Range("fe80::/10", "link-local"),
  ipv6Range("fc00::/7", "private"),
  ipv6Range("ff00::/8", "multicast"),
  // IETF protocol assignments (Teredo, benchmarking, ORCHID) and documentation.
  ipv6Range("2001::/23", "reserved"),
  ipv6Range("2001:db8::/32", "reserved"),
  // 6to4 tunnels to an IPv4 address of the sender's choosing; deprecated (RFC 7526).
  ipv6Range("2002::/16", "reserved"),
  ipv6Range("3fff::/20", "reserved"),
  ipv6Range("2000::/3", "public"),
];

// Prefixes whose last 32 bits are an IPv4 address that the packet actually reaches:
// IPv4-mapped (::ffff:0:0/96, how dual-stack sockets show IPv4) and NAT64 (64:ff9b::/96).
const IPV4_CARRYING = [ipv6Prefix("::ffff:0:0/96"), ipv6Prefix("64:ff9b::/96")];

/**
 * Classifies an IP address: dotted-quad IPv4, or IPv6 in any textual form (a `%zone` suffix is
 * ignored). IPv4-mapped and NAT64 IPv6 addresses are classified as the IPv4 address they carry.
 *
 * @returns null when `ip` is not an IP address. Ambiguous IPv4 forms (leading zeros, hex, fewer
 *   than four parts) are not accepted here: URL hosts are normalised by the URL parser first.
 */
export function classifyAddress(ip: string): AddressClass | null {
  const v4 = parseIpv4(ip);
  if (v4 !== null) return classifyIpv4(v4);
  const v6 = parseIpv6(ip);
  return v6 === null ? null : classifyIpv6(v6);
}

function classifyIpv4(address: number): AddressClass {
  if (METADATA_IPV4.has(address)) return "metadata";
  return IPV4_RANGES.find((range) => inIpv4Range(address, range))?.kind ?? "public";
}

function classifyIpv6(address: bigint): AddressClass {
  if (METADATA_IPV6.has(address)) return "metadata";
  if (IPV4_CARRYING.some((range) => inIpv6Range(address, range))) {
    return classifyIpv4(Number(address & 0xffff_ffffn));
  }
  return IPV6_RANGES.find((range) => inIpv6Range(address, range))?.kind ?? "reserved";
}

/**
 * Checks a user-supplied base URL before any connection is made: https only (plain http only to
 * this machine, when local endpoints are allowed); no user name, password or fragment; the host
 * must resolve, and every address it resolves to must be allowed. Never throws.
 *
 * Numeric hosts in any form the URL parser accepts (`2130706433`, `0x7f.1`, `[::ffff:7f00:1]`)
 * are classified as the address they denote, without a DNS lookup.
 */
export async function checkEndpointUrl(
  url: string,
  options: EndpointPolicyOptions,
): Promise<EndpointCheck> {
  if (url.length > MAX_URL_LENGTH) {
    return refuse("invalid-url", `The base URL is longer than ${MAX_URL_LENGTH} characters.`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse(
      "invalid-url",
      "The base URL is not a valid URL; it should look like https://api.example.com/v1.",
    );
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return refuse(
      "unsupported-scheme",
      `The base URL must start with https:// (it starts with ${parsed.protocol}).`,
    );
  }
  if (parsed.username !== "" || parsed.password !== "") {
    return refuse(
      "credentials-in-url",
      "Remove the user name and password from the base URL and enter the API key in its own field.",
    );
  }
  // `hash` is empty for a bare trailing "#" too; the serialised URL keeps it.
  if (parsed.href.includes("#")) {
    return refuse(
      "fragment",
      "Remove the #fragment from the base URL: it is never sent to the server.",
    );
  }

  const literal = hostAddress(parsed.hostname);
  const host = literal ?? parsed.hostname.toLowerCase().replace(/\.$/, "");
  if (literal === null && METADATA_HOST_NAMES.has(host)) {
    return refuse(
      "metadata",
      `The host ${host} is a cloud metadata service, which is never allowed because it hands out this server's own cloud credentials.`,
    );
  }

  let addresses: string[];
  if (literal !== null) {
    addresses = [literal];
  } else {
    try {
      addresses = await options.lookup(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) {
      return refuse(
        "unresolvable",
        `The host ${host} could not be resolved; check its spelling and this server's DNS.`,
      );
    }
  }

  const refusal = checkResolvedAddresses(host, addresses, options);
  if (refusal) return refusal;

  if (parsed.protocol === "http:") {
    const allLoopback = addresses.every((address) => classifyAddress(address) === "loopback");
    if (!allLoopback || !options.allowLocal) {
      return refuse(
        "insecure-http",
        "Use https:// for this endpoint: plain http:// is allowed only for endpoints on this machine, with ALLOW_LOCAL_ENDPOINTS=true.",
      );
    }
  }
  return { ok: true, url: parsed, addresses };
}

// When a name resolves to several disallowed addresses, the refusal shown is the one no setting
// can lift, so the user is not told to set a variable and then refused for another reason.
const SEVERITY: readonly Exclude<AddressClass, "public">[] = [
  "metadata",
  "link-local",
  "unspecified",
  "multicast",
  "reserved",
  "loopback",
  "private",
];

/**
 * Checks addresses that `host` resolved to, every one of them: the connect-time half of
 * {@link checkEndpointUrl}, for a router that resolves again when it connects (DNS rebinding).
 *
 * @returns null when every address is allowed.
 */
export function checkResolvedAddresses(
  host: string,
  addresses: readonly string[],
  policy: AddressPolicy,
): EndpointRefused | null {
  const refused = new Map<Exclude<AddressClass, "public">, string>();
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind === null) {
      return refuse(
        "unresolvable",
        `The host ${host} resolved to something that is not an IP address.`,
      );
    }
    if (kind === "public") continue;
    if (kind === "loopback" && policy.allowLocal) continue;
    if (kind === "private" && policy.allowPrivate) continue;
    if (!refused.has(kind)) refused.set(kind, address);
  }
  for (const kind of SEVERITY) {
    const address = refused.get(kind);
    if (address !== undefined) return refuse(kind, addressMessage(host, address, kind));
  }
  return null;
}

function addressMessage(
  host: string,
  address: string,
  kind: Exclude<AddressClass, "public">,
): string {
  const subject =
    host === address ? `The address ${address}` : `The host ${host} resolves to ${address}, which`;
  switch (kind) {
    case "metadata":
      return `${subject} is a cloud metadata service, which is never allowed because it hands out this server's own cloud credentials.`;
    case "link-local":
      return `${subject} is a link-local address, which is never allowed as an endpoint.`;
    case "unspecified":
      return `${subject} is an unspecified address, which cannot be an endpoint.`;
    case "multicast":
      return `${subject} is a multicast address, which cannot be an endpoint.`;
    case "reserved":
      return `${subject} is in a reserved or documentation range, which cannot be an endpoint.`;
    case "loopback":
      return `${subject} is on this machine; set ALLOW_LOCAL_ENDPOINTS=true to allow local endpoints.`;
    case "private":
      return `${subject} is on a private network; set ALLOW_PRIVATE_ENDPOINTS=true to allow private endpoints.`;
  }
}

function refuse(reason: EndpointRefusal, message: string): EndpointRefused {
  return { ok: false, reason, message };
}

/** The IP address a URL hostname denotes (without brackets), or null for a name. */
function hostAddress(hostname: string): string | null {
  if (hostname.startsWith("[") && hostname.endsWith("]")) return hostname.slice(1, -1);
  return parseIpv4(hostname) === null ? null : hostname;
}

function inIpv4Range(address: number, range: Range<number>): boolean {
  const mask = range.prefix === 0 ? 0 : (~0 << (32 - range.prefix)) >>> 0;
  return (address & mask) >>> 0 === range.network;
}

function inIpv6Range(address: bigint, range: Prefix<bigint>): boolean {
  const shift = BigInt(128 - range.prefix);
  return address >> shift === range.network >> shift;
}

function ipv4Range(cidr: string, kind: AddressClass): Range<number> {
  const [text, prefix] = cidr.split("/");
  const network = parseIpv4(text ?? "");
  if (network === null) throw new Error(`Bad IPv4 range ${cidr}`);
  return { network, prefix: Number(prefix), kind };
}

function ipv6Prefix(cidr: string): Prefix<bigint> {
  const [text, prefix] = cidr.split("/");
  const network = parseIpv6(text ?? "");
  if (network === null) throw new Error(`Bad IPv6 range ${cidr}`);
  return { network, prefix: Number(prefix) };
}

function ipv6Range(cidr: string, kind: AddressClass): Range<bigint> {
  return { ...ipv6Prefix(cidr), kind };
}

/** A dotted-quad IPv4 address as an unsigned 32-bit number; no leading zeros. */
function parseIpv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** An IPv6 address as a 128-bit number; accepts `::`, a dotted IPv4 tail and a `%zone`. */
function parseIpv6(text: string): bigint | null {
  let rest = text.split("%")[0] ?? "";
  const tail: number[] = [];
  if (rest.includes(".")) {
    const lastColon = rest.lastIndexOf(":");
    if (lastColon === -1) return null;
    const v4 = parseIpv4(rest.slice(lastColon + 1));
    if (v4 === null) return null;
    tail.push(v4 >>> 16, v4 & 0xffff);
    // Keep a "::" that ends right before the IPv4 part; drop a single separating ":".
    rest = rest.endsWith("::", lastColon + 1)
      ? rest.slice(0, lastColon + 1)
      : rest.slice(0, lastColon);
  }
  const halves = rest.split("::");
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? "");
  const after = halves.length === 2 ? parseGroups(halves[1] ?? "") : [];
  if (head === null || after === null) return null;
  const explicit = head.length + after.length + tail.length;
  let groups: number[];
  if (halves.length === 2) {
    // "::" stands for at least one group of zeros.
    if (explicit > 7) return null;
    groups = [...head, ...new Array<number>(8 - explicit).fill(0), ...after, ...tail];
  } else {
    if (explicit !== 8) return null;
    groups = [...head, ...tail];
  }
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

function parseGroups(text: string): number[] | null {
  if (text === "") return [];
  const groups: number[] = [];
  for (const group of text.split(":")) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    groups.push(Number.parseInt(group, 16));
  }
  return groups;
}

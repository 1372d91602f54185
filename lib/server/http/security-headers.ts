/**
 * The browser-facing security policy of every answer Crossbench sends. Pure: next.config.ts (the
 * headers of every route and build asset), proxy.ts (the per-request CSP) and the start script's
 * refusals all read it from here, so the policy is written once.
 *
 * No `server-only` marker and no imports: next.config.ts loads this file outside the app bundle.
 */

export type SecurityHeader = { key: string; value: string };

/**
 * Share links carry their token (the credential) in the URL, so their pages and downloads send no
 * referrer at all. Everywhere else a cross-site link gets the origin only. `no-referrer` is not
 * used app-wide because Chromium then sends `Origin: null` on form posts, which server actions
 * refuse as a cross-site request.
 */
export const SHARE_REFERRER_POLICY = "no-referrer";
export const DEFAULT_REFERRER_POLICY = "strict-origin-when-cross-origin";

/** One year; sent only over HTTPS, where browsers honour it. No includeSubDomains: a self-hosted
 * install does not own its parent domain's other hosts. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000";

/**
 * Headers for every answer, whatever produced it: pages, route handlers, build assets, redirects,
 * refusals. Framing is refused twice (X-Frame-Options for old browsers, `frame-ancestors` in the
 * CSP for current ones); the app uses none of the powerful browser features.
 */
export const BASE_SECURITY_HEADERS: readonly SecurityHeader[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: DEFAULT_REFERRER_POLICY },
  {
    key: "Permissions-Policy",
    value:
      "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** True for a share page or download, whose URL holds a share token (a query may follow). */
export function isSharePath(pathname: string): boolean {
  return /^\/share(\/|\?|$)/.test(pathname);
}

/** The Referrer-Policy for a path: none at all where the URL holds a credential. */
export function referrerPolicyFor(pathname: string): string {
  return isSharePath(pathname) ? SHARE_REFERRER_POLICY : DEFAULT_REFERRER_POLICY;
}

/**
 * The base headers for one path (the share paths' stricter Referrer-Policy applied), as a record.
 */
export function baseSecurityHeadersFor(pathname: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, value } of BASE_SECURITY_HEADERS) headers[key] = value;
  headers["Referrer-Policy"] = referrerPolicyFor(pathname);
  return headers;
}

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of a page rendered for one request. Scripts run only when they carry
 * this request's nonce (Next.js puts it on its own scripts when it finds the policy on the request)
 * or when such a script loads them (`'strict-dynamic'`); `'unsafe-eval'` only in development,
 * where React rebuilds server error stacks with eval.
 *
 * Styles: style elements need the nonce, but style attributes are allowed (`style-src-attr
 * 'unsafe-inline'`): Recharts draws its SVG with inline style attributes, and server-rendered
 * React writes every `style` prop as one. An attribute cannot run script, so this leaves script
 * injection closed. Development also allows inline style elements (hot reloading injects them).
 */
export function buildContentSecurityPolicy(options: {
  nonce: string;
  isDev: boolean;
  isHttps: boolean;
}): string {
  const { nonce, isDev, isHttps } = options;
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${isDev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/**
 * The policy of an answer that is not a page (a refusal written before the app runs): nothing
 * may load, nothing may frame it.
 */
export const NO_CONTENT_SECURITY_POLICY =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Whether the request reached us over HTTPS. `forwardedProto` is X-Forwarded-Proto, which the
 * start script removes unless TRUST_PROXY is set, so a client cannot claim HTTPS by itself.
 */
export function isHttpsRequest(url: string, forwardedProto: string | null): boolean {
  if (forwardedProto) return forwardedProto.split(",")[0]?.trim().toLowerCase() === "https";
  return url.startsWith("https:");
}

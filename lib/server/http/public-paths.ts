/**
 * The paths anyone may open without a session: the sign-in page, the auth and health endpoints,
 * shared reports (the token in the URL is the credential), Next's build assets, the icon and the
 * README's images. Everything else needs a session. Pure, so the proxy's decision is unit-tested.
 */

const PUBLIC_PREFIXES = ["/sign-in", "/api/auth", "/api/health", "/share", "/_next", "/readme"];
const PUBLIC_FILES = ["/icon.svg", "/favicon.ico"];

/** True when `pathname` is served without a session; a prefix matches whole segments only. */
export function isPublicPath(pathname: string): boolean {
  if (PUBLIC_FILES.includes(pathname)) return true;
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
